import { describe, expect, it } from 'vitest';
import { compareFindings, type FilmPair, type ObservedFinding } from './compare';
import { recheckResolved } from './recheck';
import { changeSentence, describePrior } from './text';
import { isNegativeSentence } from '../../findings/labels';
import { reportOutline } from '../outline';
import { applyEdit } from '../edit';
import { emptyReport } from '../content';
import { BUNDLED_TEMPLATES } from '../template/bundled';

// Prior at 0.2 mm, current at 0.25 mm; the current film is shifted 10 mm right and 20 mm down.
const films: FilmPair = {
  priorSpacing: [0.2, 0.2],
  currentSpacing: [0.25, 0.25],
  priorToCurrent: ([x0, y0, x1, y1]) => [(x0 * 0.2 + 10) / 0.25, (y0 * 0.2 + 20) / 0.25, (x1 * 0.2 + 10) / 0.25, (y1 * 0.2 + 20) / 0.25],
};
/** A box given in current-film millimetres, in prior pixels. */
const priorBox = (x0: number, y0: number, x1: number, y1: number): [number, number, number, number] => [
  (x0 - 10) / 0.2,
  (y0 - 20) / 0.2,
  (x1 - 10) / 0.2,
  (y1 - 20) / 0.2,
];
const currentBox = (x0: number, y0: number, x1: number, y1: number): [number, number, number, number] => [
  x0 / 0.25,
  y0 / 0.25,
  x1 / 0.25,
  y1 / 0.25,
];

describe('compareFindings', () => {
  it('says what is new, resolved, grown, shrunk and unchanged, matching by type, side and position', () => {
    const prior: ObservedFinding[] = [
      { text: 'small left pleural effusion.', boxes: [priorBox(230, 300, 330, 330)] },
      { text: '8 mm nodule in the right upper zone.', boxes: [priorBox(100, 120, 110, 130)] },
      { text: '12 mm nodule in the right lower zone.', boxes: [priorBox(90, 280, 102, 292)] },
      { text: 'moderate right pneumothorax.', boxes: [priorBox(60, 60, 90, 200)] },
      { text: 'no pneumothorax.', boxes: [] },
    ];
    const current: ObservedFinding[] = [
      { text: 'moderate left pleural effusion.', boxes: [currentBox(230, 270, 330, 330)] },
      { text: '20 mm nodule in the right lower zone.', boxes: [currentBox(88, 278, 106, 296)] },
      { text: '8 mm nodule in the right upper zone.', boxes: [currentBox(101, 121, 109, 129)] },
      { text: 'consolidation in the left lower zone.', boxes: [currentBox(240, 250, 290, 290)] },
    ];
    const changes = compareFindings(prior, current, films);
    const kind = (i: number | undefined, j: number | undefined) => changes.find((c) => c.prior === i && c.current === j)?.kind;
    expect(kind(0, 0)).toBe('increased');
    expect(changes.find((c) => c.prior === 0)?.sizeMm.map((v) => Math.round(v!))).toEqual([30, 60]);
    expect(kind(1, 2)).toBe('unchanged');
    expect(kind(2, 1)).toBe('increased');
    expect(kind(3, undefined)).toBe('resolved');
    expect(kind(undefined, 3)).toBe('new');
    // The negative sentence takes no part.
    expect(changes).toHaveLength(5);
  });

  it('calls a change in size only beyond the measurement tolerance', () => {
    const prior = [{ text: '8 mm nodule in the right upper zone.', boxes: [priorBox(100, 120, 108, 128)] }];
    expect(
      compareFindings(prior, [{ text: '9 mm nodule in the right upper zone.', boxes: [currentBox(100, 120, 109, 129)] }], films)[0].kind,
    ).toBe('unchanged');
    expect(
      compareFindings(prior, [{ text: '5 mm nodule in the right upper zone.', boxes: [currentBox(100, 120, 105, 125)] }], films)[0].kind,
    ).toBe('decreased');
  });

  it('tells devices placed, removed and moved', () => {
    const tube = (cm: string, box: [number, number, number, number]) => ({
      text: `endotracheal tube with the tip ${cm} above the carina.`,
      boxes: [box],
    });
    const moved = compareFindings([tube('2.0 cm', priorBox(190, 40, 200, 160))], [tube('5.0 cm', currentBox(190, 40, 200, 130))], films);
    expect(moved).toEqual([expect.objectContaining({ kind: 'moved', movedMm: 30, type: 'endotracheal_tube' })]);
    expect(
      compareFindings([tube('4.0 cm', priorBox(190, 40, 200, 160))], [tube('4.5 cm', currentBox(190, 40, 200, 155))], films)[0].kind,
    ).toBe('unchanged');
    const line = {
      text: 'right subclavian central venous catheter with the tip in the superior vena cava.',
      boxes: [currentBox(120, 60, 180, 140)],
    };
    expect(compareFindings([], [line], films)[0].kind).toBe('placed');
    expect(compareFindings([{ ...line, boxes: [priorBox(120, 60, 180, 140)] }], [], films)[0].kind).toBe('removed');
  });

  it('does not match findings on different sides', () => {
    const changes = compareFindings(
      [{ text: 'small right pleural effusion.', boxes: [] }],
      [{ text: 'small left pleural effusion.', boxes: [] }],
      films,
    );
    expect(changes.map((c) => c.kind).sort()).toEqual(['new', 'resolved']);
  });
});

describe('compareFindings with the subtraction of the two films', () => {
  const effusion = (text: string, box: [number, number, number, number]) => ({ text, boxes: [box] });
  const withDifference = (focused: number, peak = 0, extra: Partial<FilmPair> = {}, signed = focused / 2): FilmPair => ({
    ...films,
    difference: () => ({ signed, focused, absolute: Math.abs(signed), peak, cells: 100 }),
    ...extra,
  });
  const prior = [effusion('small left pleural effusion.', priorBox(230, 300, 330, 330))];
  const current = [effusion('small left pleural effusion.', currentBox(230, 300, 330, 330))];

  it('reads grown, shrunk or unchanged from the subtraction rather than from two size readings', () => {
    expect(compareFindings(prior, current, withDifference(0.2))[0]).toMatchObject({ kind: 'increased', subtraction: 0.2 });
    expect(compareFindings(prior, current, withDifference(-0.2))[0].kind).toBe('decreased');
    // 30 mm tall on the prior, 45 mm now: beyond the tolerance (10 mm), not twice it, and the subtraction shows no change.
    const bigger = [effusion('moderate left pleural effusion.', currentBox(230, 285, 330, 330))];
    expect(compareFindings(prior, bigger, withDifference(0.03))[0].kind).toBe('unchanged');
  });

  it('claims nothing for a finding one film shows where nothing changed, unless the prior is a signed report', () => {
    expect(compareFindings([], current, withDifference(0.005))).toEqual([]);
    expect(compareFindings(prior, [], withDifference(0.005))).toEqual([]);
    const kept = compareFindings(prior, [], withDifference(0.005, 0, { priorIsReport: true }));
    expect(kept).toEqual([expect.objectContaining({ kind: 'unchanged', prior: 0, current: undefined })]);
    expect(kept[0].carriedBoxes?.[0].map(Math.round)).toEqual(currentBox(230, 300, 330, 330).map(Math.round));
    expect(compareFindings(prior, [], withDifference(-0.2, 0, { priorIsReport: true }))[0].kind).toBe('resolved');
    expect(compareFindings([], current, withDifference(0.2))[0].kind).toBe('new');
  });

  it('reads a finding beside a neighbour that changed outside the neighbour, and a faint one by its size too', () => {
    // A new consolidation covers the lower half of an unchanged nodule's region: the subtraction there is the consolidation's.
    const nodule = (box: [number, number, number, number]) => ({ text: '12 mm nodule in the left lower zone.', boxes: [box] });
    const consolidation = { text: 'consolidation in the left lower zone.', boxes: [currentBox(200, 210, 300, 300)] };
    const inConsolidation = (b: [number, number, number, number]) => b[3] > currentBox(0, 210, 0, 0)[1];
    const difference = (box: [number, number, number, number], exclude: Array<[number, number, number, number]> = []) => {
      const focused = inConsolidation(box) && !exclude.length ? 0.3 : 0.01;
      return { signed: focused / 2, focused, absolute: focused / 2, peak: focused, cells: exclude.length ? 40 : 100 };
    };
    const changes = compareFindings([nodule(priorBox(240, 190, 252, 230))], [nodule(currentBox(240, 190, 252, 230)), consolidation], {
      ...films,
      difference,
    });
    expect(changes.map((c) => c.kind).sort()).toEqual(['new', 'unchanged']);
    // Covered almost whole by the neighbour, nothing is left to read: the sizes decide (12 to 16 mm:
    // beyond the tolerance, though not twice it, so only the sizes can call it grown).
    const covered: FilmPair['difference'] = (box, exclude = []) => ({ ...difference(box, exclude), cells: exclude.length ? 10 : 100 });
    const grown = compareFindings(
      [nodule(priorBox(240, 190, 252, 230))],
      [{ ...nodule(currentBox(240, 190, 252, 230)), text: '16 mm nodule in the left lower zone.' }, consolidation],
      { ...films, difference: covered },
    );
    expect(grown.find((c) => c.type === 'nodule')?.kind).toBe('increased');
    // Atelectasis twice the size with no change on the subtraction has grown; a little larger has not.
    const atelectasis = (box: [number, number, number, number]) => ({ text: 'left basal atelectasis.', boxes: [box] });
    const faint = withDifference(0.03);
    expect(compareFindings([atelectasis(priorBox(220, 260, 260, 290))], [atelectasis(currentBox(220, 220, 300, 300))], faint)[0].kind).toBe(
      'increased',
    );
    expect(compareFindings([atelectasis(priorBox(220, 260, 260, 290))], [atelectasis(currentBox(220, 255, 270, 300))], faint)[0].kind).toBe(
      'unchanged',
    );
  });

  it('tells a tube that moved from one removed by how much of it changed', () => {
    const tube = [{ text: 'endotracheal tube with the tip 4.0 cm above the carina.', boxes: [priorBox(190, 40, 200, 160)] }];
    expect(compareFindings(tube, [], withDifference(-0.1, -0.3, {}, -0.1))[0].kind).toBe('removed');
    expect(compareFindings(tube, [], withDifference(-0.01, -0.2, {}, -0.01))[0].kind).toBe('moved');
    expect(compareFindings(tube, [], withDifference(-0.01, -0.02, { priorIsReport: true }, -0.01))[0].kind).toBe('unchanged');
  });
});

describe('recheckResolved', () => {
  const prior = [{ text: 'moderate left pleural effusion.', boxes: [priorBox(230, 260, 330, 330)] }];
  const resolved = compareFindings(prior, [], {
    ...films,
    difference: () => ({ signed: -0.1, focused: -0.3, absolute: 0.1, peak: -0.3, cells: 100 }),
  });

  it('asks the model about the place of a resolved finding, and keeps it, smaller, when the model names it there', async () => {
    expect(resolved.map((c) => c.kind)).toEqual(['resolved']);
    const asked: number[][] = [];
    const still = await recheckResolved(resolved, prior, films, async (box) => {
      asked.push(box.map(Math.round));
      return 'small left pleural effusion.';
    });
    expect(asked).toEqual([currentBox(230, 260, 330, 330).map(Math.round)]);
    expect(still[0]).toMatchObject({ kind: 'decreased', currentText: 'small left pleural effusion.' });
    expect(changeSentence(still[0], still[0].currentText)).toBe('Small left pleural effusion, decreased since the prior study.');
  });

  it('leaves it resolved when the model names something else there, or nothing', async () => {
    expect((await recheckResolved(resolved, prior, films, async () => 'no pleural effusion.'))[0].kind).toBe('resolved');
    expect((await recheckResolved(resolved, prior, films, async () => 'small right pleural effusion.'))[0].kind).toBe('resolved');
  });

  it('keeps a shrunken lung opacity that the model names as another, unless the draft names that one already', async () => {
    const consolidation = [{ text: 'consolidation in the right upper zone.', boxes: [priorBox(90, 100, 140, 150)] }];
    const cleared = { ...films, difference: () => ({ signed: -0.1, focused: -0.3, absolute: 0.1, peak: -0.3, cells: 100 }) };
    const gone = compareFindings(consolidation, [], cleared);
    const residual = await recheckResolved(gone, consolidation, cleared, async () => 'right upper zone nodule measuring 12 mm.');
    expect(residual[0]).toMatchObject({ kind: 'decreased', type: 'consolidation' });
    // The sentence keeps the prior's words: the finding is the consolidation, smaller.
    expect(residual[0].currentText).toBeUndefined();
    // A nodule of the draft that the prior had too.
    const nodule = (box: [number, number, number, number]) => ({ text: '12 mm nodule in the right upper zone.', boxes: [box] });
    const both = compareFindings(
      [...consolidation, nodule(priorBox(100, 110, 112, 122))],
      [nodule(currentBox(100, 110, 112, 122))],
      cleared,
    );
    const named = await recheckResolved(both, consolidation, cleared, async () => 'right upper zone nodule measuring 12 mm.');
    expect(named.find((c) => c.type === 'consolidation')?.kind).toBe('resolved');
    expect((await recheckResolved(gone, consolidation, cleared, async () => 'small right pleural effusion.'))[0].kind).toBe('resolved');
  });
});

describe('comparison sentences', () => {
  it('adds the change to the current sentence, and words what is gone', () => {
    expect(
      changeSentence(
        { kind: 'increased', type: 'pleural_effusion', laterality: 'left', sizeMm: [30.2, 60], prior: 0, current: 0 },
        'moderate left pleural effusion.',
      ),
    ).toBe('Moderate left pleural effusion, increased since the prior study (30 mm, now 60 mm).');
    expect(
      changeSentence({ kind: 'resolved', type: 'pneumothorax', laterality: 'right', sizeMm: [20, undefined], prior: 3 }, undefined),
    ).toBe('No right pneumothorax now; resolved since the prior study.');
    expect(
      changeSentence(
        { kind: 'moved', type: 'endotracheal_tube', laterality: 'none', sizeMm: [20, 50], movedMm: 30, prior: 0, current: 0 },
        'endotracheal tube with the tip 5.0 cm above the carina.',
      ),
    ).toBe('Endotracheal tube with the tip 5.0 cm above the carina, moved about 30 mm since the prior study.');
  });

  it('words what is gone as a negative, so no rule reads it as present', () => {
    const gone = changeSentence(
      { kind: 'removed', type: 'endotracheal_tube', laterality: 'none', sizeMm: [40, undefined], prior: 0 },
      undefined,
    );
    expect(gone).toBe('No endotracheal tube now; removed since the prior study.');
    expect(isNegativeSentence(gone)).toBe(true);
  });

  it('names the prior study by modality, date and accession', () => {
    expect(describePrior({ studyUID: '1.2', modality: 'CR', date: '20261005', description: 'Chest PA', accessionNumber: 'A1' })).toBe(
      'CR 2026-10-05, Chest PA (accession A1)',
    );
  });
});

describe('a draft compared with a prior', () => {
  const prior = { studyUID: '1.2.9', modality: 'DX', date: '20261115', description: 'XR CHEST PA', accessionNumber: 'ACC0005' };
  const draft = (content: ReturnType<typeof emptyReport>) =>
    applyEdit(content, { type: 'applyDraft', findings: [], impression: '', comparison: prior });

  it("names the prior in the template's Comparison field, unless the reader wrote something else there", () => {
    const template = BUNDLED_TEMPLATES.find((t) => t.sections.some((s) => s.id === 'comparison'))!;
    const field = template.sections.find((s) => s.id === 'comparison')!.fields[0];
    let report = applyEdit(emptyReport('1.2.10'), { type: 'applyTemplate', template });
    report = draft(report);
    expect(report.content.comparison).toEqual(prior);
    expect(report.content.fields?.[field.id]).toBe('DX 2026-11-15, XR CHEST PA (accession ACC0005)');
    let written = applyEdit(applyEdit(emptyReport('1.2.10'), { type: 'applyTemplate', template }), {
      type: 'setFields',
      values: { [field.id]: 'CT chest 2025-01-01.' },
    });
    written = draft(written);
    expect(written.content.fields?.[field.id]).toBe('CT chest 2025-01-01.');
  });

  it('without a template, the outline has a Comparison section after the indication', () => {
    const sections = reportOutline(draft(emptyReport('1.2.10', 'Follow-up.')).content);
    expect(sections.map((s) => s.title)).toEqual(['Indication', 'Comparison', 'Findings', 'Impression']);
    expect(sections[1].text).toBe('DX 2026-11-15, XR CHEST PA (accession ACC0005)');
  });
});
