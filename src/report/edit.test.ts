import { describe, expect, it } from 'vitest';
import { commit, redo, startHistory, undo, LIMIT } from './history';
import { amend, ReportLockedError, sign } from './review';
import { applyEdit } from './edit';
import { emptyReport, reportedFindings } from './content';
import type { Report, ReportEdit } from './types';

const draft: ReportEdit = {
  type: 'applyDraft',
  findings: [
    {
      id: 'f1',
      regionIds: ['r1'],
      text: 'Right lower zone consolidation.',
      regions: [{ imageId: 'img', box: [10, 20, 30, 40] }],
      confidence: 0.8,
    },
    { id: 'f2', regionIds: [], text: 'Small left pleural effusion.', regions: [], confidence: 0.6 },
  ],
  impression: 'Right lower zone consolidation.',
};

const drafted = (): Report => applyEdit(emptyReport('1.2.3', 'cough'), draft);

describe('report edits', () => {
  it('takes the model draft as pending AI findings with their regions and confidence', () => {
    const r = drafted();
    expect(r.content.findings.map((f) => [f.id, f.provenance, f.decision, f.confidence])).toEqual([
      ['f1', 'ai', 'pending', 0.8],
      ['f2', 'ai', 'pending', 0.6],
    ]);
    expect(r.content.findings[0].regions).toEqual([{ id: 'r1', imageId: 'img', box: [10, 20, 30, 40] }]);
    expect(r.content.impression).toBe('Right lower zone consolidation.');
    expect(r.content.indication).toBe('cough');
  });

  it('marks AI findings the reader changes as ai-edited, and keeps them when the model drafts again', () => {
    let r = applyEdit(drafted(), { type: 'editText', findingId: 'f1', text: 'Right lower lobe consolidation.' });
    r = applyEdit(r, { type: 'setRegion', findingId: 'f2', region: { id: 'r9', imageId: 'img', box: [1, 2, 3, 4] } });
    expect(r.content.findings.map((f) => f.provenance)).toEqual(['ai-edited', 'ai-edited']);
    r = applyEdit(r, { type: 'addFinding', finding: { id: 'h1', text: 'Old rib fracture.', regions: [] } });
    r = applyEdit(r, { ...draft, findings: [{ ...draft.findings[1], id: 'f3' }] } as ReportEdit);
    expect(r.content.findings.map((f) => f.id)).toEqual(['f1', 'f2', 'h1', 'f3']);
    expect(r.content.findings[2]).toMatchObject({ provenance: 'human', decision: 'accepted' });
  });

  it('moves and resizes a region by id, removes regions and findings, reorders', () => {
    let r = applyEdit(drafted(), { type: 'setRegion', findingId: 'f1', region: { id: 'r1', imageId: 'img', box: [15, 25, 35, 45] } });
    expect(r.content.findings[0].regions).toEqual([{ id: 'r1', imageId: 'img', box: [15, 25, 35, 45] }]);
    r = applyEdit(r, { type: 'removeRegion', findingId: 'f1', regionId: 'r1' });
    expect(r.content.findings[0].regions).toEqual([]);
    r = applyEdit(r, { type: 'moveFinding', findingId: 'f2', toIndex: 0 });
    expect(r.content.findings.map((f) => f.id)).toEqual(['f2', 'f1']);
    r = applyEdit(r, { type: 'removeFinding', findingId: 'f2' });
    expect(r.content.findings.map((f) => f.id)).toEqual(['f1']);
  });

  it('leaves rejected findings out of the reported ones, and ignores edits to unknown findings', () => {
    const r = applyEdit(drafted(), { type: 'decide', findingId: 'f2', decision: 'rejected' });
    expect(reportedFindings(r.content).map((f) => f.id)).toEqual(['f1']);
    expect(applyEdit(r, { type: 'editText', findingId: 'nope', text: 'x' })).toBe(r);
  });
});

describe('signing', () => {
  it('locks a signed report; an amendment keeps the signed version', () => {
    const signed = sign(drafted(), 'Dr Reader', new Date('2026-11-25T10:00:00Z'));
    expect(signed.status).toBe('signed');
    expect(signed.versions).toEqual([
      {
        version: 1,
        reader: 'Dr Reader',
        role: 'attending',
        kind: 'final',
        signedAt: '2026-11-25T10:00:00.000Z',
        content: drafted().content,
      },
    ]);
    expect(() => applyEdit(signed, { type: 'setImpression', text: 'x' })).toThrow(ReportLockedError);
    expect(() => sign(signed, 'Dr Reader', new Date())).toThrow(ReportLockedError);
    const amended = applyEdit(amend(signed), { type: 'setImpression', text: 'Amended.' });
    expect(amended.status).toBe('amending');
    expect(amended.versions[0].content.impression).toBe('Right lower zone consolidation.');
    const second = sign(amended, 'Dr Reader', new Date('2026-11-25T11:00:00Z'));
    expect(second.versions.map((v) => [v.version, v.content.impression])).toEqual([
      [1, 'Right lower zone consolidation.'],
      [2, 'Amended.'],
    ]);
  });

  it("needs the reader's name", () => {
    expect(() => sign(drafted(), '  ', new Date())).toThrow(/name/);
  });
});

describe('undo and redo', () => {
  it('undoes and redoes text and region edits alike', () => {
    let h = startHistory(drafted());
    h = commit(h, { type: 'editText', findingId: 'f1', text: 'Edited.' });
    h = commit(h, { type: 'setRegion', findingId: 'f1', region: { id: 'r1', imageId: 'img', box: [0, 0, 5, 5] } });
    h = undo(h);
    expect(h.present.content.findings[0].regions[0].box).toEqual([10, 20, 30, 40]);
    expect(h.present.content.findings[0].text).toBe('Edited.');
    h = undo(h);
    expect(h.present.content.findings[0].text).toBe('Right lower zone consolidation.');
    h = redo(redo(h));
    expect(h.present.content.findings[0].regions[0].box).toEqual([0, 0, 5, 5]);
    expect(redo(h)).toBe(h);
  });

  it('undoes typing in one sentence as one step, and a new edit clears redo', () => {
    let h = startHistory(drafted());
    for (const text of ['R', 'Ri', 'Rig']) h = commit(h, { type: 'editText', findingId: 'f1', text }, 'text:f1');
    expect(h.past.length).toBe(1);
    h = undo(h);
    expect(h.present.content.findings[0].text).toBe('Right lower zone consolidation.');
    h = commit(h, { type: 'setImpression', text: 'New.' });
    expect(h.future).toEqual([]);
  });

  it('keeps at most LIMIT steps and skips edits that change nothing', () => {
    let h = startHistory(drafted());
    expect(commit(h, { type: 'editText', findingId: 'f1', text: 'Right lower zone consolidation.' })).toBe(h);
    for (let i = 0; i < LIMIT + 10; i++) h = commit(h, { type: 'setImpression', text: `v${i}` });
    expect(h.past.length).toBe(LIMIT);
  });
});

describe('warnings on findings', () => {
  const WARNING = 'Drafted anyway — CT image.';
  const forced = (): Report =>
    applyEdit(emptyReport('s'), {
      type: 'applyDraft',
      findings: [
        {
          id: 'f1',
          text: 'Right central',
          regions: [],
          regionIds: [],
          confidence: 0.4,
          calibrated: true,
          warnings: [WARNING, 'the model repeated itself'],
        },
      ],
      impression: '',
      warnings: [WARNING],
    });

  it("drops the sentence's own flags when the reader rewrites it, and keeps the report's warning", () => {
    const edited = applyEdit(forced(), { type: 'editText', findingId: 'f1', text: 'Right central line.' });
    expect(edited.content.findings[0].warnings).toEqual([WARNING]);
    expect(edited.content.warnings).toEqual([WARNING]);
  });

  it("takes a new proposal's calibration and warnings in place of the old ones", () => {
    let r = applyEdit(forced(), { type: 'editText', findingId: 'f1', text: '' });
    r = applyEdit(r, { type: 'proposeText', findingId: 'f1', text: 'Small left effusion.', confidence: 0.6 });
    expect(r.content.findings[0]).toMatchObject({ text: 'Small left effusion.', confidence: 0.6 });
    expect(r.content.findings[0].calibrated).toBeUndefined();
    expect(r.content.findings[0].warnings).toBeUndefined();
  });
});

describe("a real film's probabilities", () => {
  const head = { type: 'pleural effusion', probability: 0.38, prevalence: 0.14, fittedOn: 'NIH validation films' };
  const real = (): Report =>
    applyEdit(emptyReport('s'), {
      type: 'applyDraft',
      findings: [
        { id: 'f1', text: 'Small left pleural effusion.', regions: [], regionIds: [], confidence: 0.7, headProbability: head },
        { id: 'f2', text: 'Right central line.', regions: [], regionIds: [], confidence: 0.6, noProbability: 'not calibrated' },
      ],
      impression: '',
    });

  it("keeps with each drafted finding the label head's probability, or why it has none", () => {
    const [f1, f2] = real().content.findings;
    expect(f1.headProbability).toEqual(head);
    expect(f2.noProbability).toBe('not calibrated');
  });

  it('drops them when the model proposes another sentence for the finding, which brings its own', () => {
    let r = applyEdit(real(), { type: 'editText', findingId: 'f1', text: '' });
    r = applyEdit(r, { type: 'proposeText', findingId: 'f1', text: 'Cardiomegaly.', confidence: 0.5, noProbability: 'why' });
    expect(r.content.findings[0].headProbability).toBeUndefined();
    expect(r.content.findings[0].noProbability).toBe('why');
  });
});
