import { describe, expect, it } from 'vitest';
import { applyEdit } from '../report/edit';
import { emptyReport } from '../report/content';
import { draftEdit } from './applyDraft';

describe('the model draft as an edit', () => {
  it('turns grounded findings into AI findings with regions on the drafted image, skipping empty sentences', () => {
    let n = 0;
    const edit = draftEdit(
      {
        findings: [
          { text: 'Left apical pneumothorax.', boxes: [[1, 2, 3, 4]], modelBoxes: [], confidence: 0.7, attention: [] },
          { text: ' ', boxes: [], modelBoxes: [], confidence: 0.1, attention: [] },
        ],
        impression: 'Pneumothorax.',
        complete: true,
        attentionFrame: { grid: [2, 2], squarePx: 100 },
      },
      'img-1',
      () => `id${++n}`,
    );
    const r = applyEdit(emptyReport('s'), edit);
    expect(r.content.findings).toEqual([
      {
        id: 'id1',
        text: 'Left apical pneumothorax.',
        regions: [{ id: 'id2', imageId: 'img-1', box: [1, 2, 3, 4] }],
        provenance: 'ai',
        decision: 'pending',
        confidence: 0.7,
      },
    ]);
    expect(r.content.impression).toBe('Pneumothorax.');
  });

  it('keeps where the model looked with each finding, placed on the drafted image', () => {
    const edit = draftEdit(
      {
        findings: [
          { text: 'Cardiomegaly.', boxes: [[10, 10, 60, 60]], modelBoxes: [], confidence: 0.9, attention: [0.1, 0.2, 0.3, 0.4000004] },
        ],
        impression: '',
        complete: true,
        attentionFrame: { grid: [2, 2], squarePx: 100 },
      },
      'img-1',
      () => 'id',
    );
    const [finding] = applyEdit(emptyReport('s'), edit).content.findings;
    expect(finding.evidence).toEqual({ imageId: 'img-1', grid: [2, 2], squarePx: 100, weights: [0.1, 0.2, 0.3, 0.4] });
  });
});

describe("the draft's impression", () => {
  const gated = (impression: string, texts: string[]) => ({
    findings: texts.map((text) => ({
      text,
      boxes: [[1, 2, 3, 4] as [number, number, number, number]],
      modelBoxes: [],
      confidence: 0.8,
      attention: [],
    })),
    impression,
    complete: true,
    attentionFrame: { grid: [2, 2] as [number, number], squarePx: 100 },
  });

  it('is proposed from the drafted findings where the label head dropped the model’s (real films, #38)', () => {
    const edit = draftEdit(gated('', ['Cardiomegaly.', 'No pleural effusion.']), 'img', () => 'id');
    const r = applyEdit(emptyReport('s'), edit);
    expect(r.content.impression).toBe('Cardiomegaly.');
    expect(r.content.impressionBy).toBe('model');
    // A gated draft of a normal film says what it can: nothing abnormal.
    expect(draftEdit(gated('', ['The lungs are clear.']), 'img', () => 'id')).toMatchObject({
      impression: 'No abnormal finding reported.',
    });
  });

  it("is the model's own where it wrote one", () => {
    expect(draftEdit(gated('Enlarged heart.', ['Cardiomegaly.']), 'img', () => 'id')).toMatchObject({ impression: 'Enlarged heart.' });
  });
});

describe('a draft with warnings', () => {
  it("gives every finding the draft's warnings and its own flags, and none to a clean draft", () => {
    const draft = {
      findings: [
        { text: 'Endotracheal tube.', boxes: [], modelBoxes: [], confidence: 0.8, attention: [] },
        { text: 'Right central', boxes: [], modelBoxes: [], confidence: 0.4, attention: [], flags: ['the model repeated itself'] },
      ],
      impression: '',
      complete: true,
      attentionFrame: { grid: [2, 2] as [number, number], squarePx: 100 },
    };
    const forced = applyEdit(
      emptyReport('s'),
      draftEdit(draft, 'img', () => 'id', ['outside the domain']),
    ).content.findings;
    expect(forced.map((f) => f.warnings)).toEqual([['outside the domain'], ['outside the domain', 'the model repeated itself']]);
    const plain = applyEdit(
      emptyReport('s'),
      draftEdit(draft, 'img', () => 'id'),
    ).content.findings;
    expect(plain.map((f) => f.warnings)).toEqual([undefined, ['the model repeated itself']]);
  });

  it('gives a sentence the comparison rules wrote no model confidence (it showed as "confidence 100%")', () => {
    const comparison = {
      prior: { studyUID: 'p', modality: 'DX', date: '20261115', description: '', accessionNumber: '' },
      imageId: 'prior-img',
      findings: [{ text: 'Small right pleural effusion.', boxes: [[5, 5, 9, 9] as [number, number, number, number]] }],
      changes: [
        {
          kind: 'resolved' as const,
          type: 'pleural_effusion' as const,
          laterality: 'right' as const,
          prior: 0,
          sizeMm: [12, undefined] as [number, undefined],
        },
      ],
    };
    const draft = { findings: [], impression: '', complete: true, attentionFrame: { grid: [2, 2] as [number, number], squarePx: 100 } };
    let n = 0;
    const r = applyEdit(
      emptyReport('s'),
      draftEdit(draft, 'img', () => `id${++n}`, [], comparison),
    );
    expect(r.content.findings).toHaveLength(1);
    expect(r.content.findings[0]).toMatchObject({ comparison: { kind: 'resolved' }, confidence: undefined });
  });
});
