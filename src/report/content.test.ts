import { describe, expect, it } from 'vitest';
import { drawnFindings, emptyReport } from './content';
import { applyEdit } from './edit';
import { sign } from './review';
import type { Report, ReportEdit } from './types';

const region = (id: string, proposed = false) => ({
  id,
  imageId: 'img',
  box: [0, 0, 10, 10] as [number, number, number, number],
  proposed,
});
const edits = (report: Report, ...list: ReportEdit[]) => list.reduce(applyEdit, report);

describe('the findings drawn on the image', () => {
  const written = edits(
    emptyReport('1'),
    { type: 'addFinding', finding: { id: 'n', text: 'Nodule in the right upper zone.', regions: [region('kept')] } },
    { type: 'proposeRegions', findingId: 'n', regions: [] },
    { type: 'addFinding', finding: { id: 'a', text: 'Left basal atelectasis.', regions: [] } },
    { type: 'proposeRegions', findingId: 'a', regions: [region('proposed')] },
    { type: 'addFinding', finding: { id: 'p', text: 'Left pneumothorax.', regions: [region('rejected')] } },
    { type: 'decide', findingId: 'p', decision: 'rejected' },
  );

  it('are all of them while the report is written, the rejected and the proposed included', () => {
    expect(drawnFindings(written).map((f) => f.regions.map((r) => r.id))).toEqual([['kept'], ['proposed'], ['rejected']]);
  });

  it('are what was signed once the report is final: kept regions of the kept findings, each finding in its place', () => {
    const final = sign(written, 'Dr A', new Date('2026-12-07T10:00:00Z'));
    expect(drawnFindings(final).map((f) => [f.id, f.regions.map((r) => r.id)])).toEqual([
      ['n', ['kept']],
      ['a', []],
      ['p', []],
    ]);
  });
});
