// What the overlay draws of a report, read from the stores: a signed final draws only what was signed.
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../report/content';
import { applyEdit } from '../report/edit';
import { startHistory } from '../report/history';
import { sign } from '../report/review';
import { useReportStore } from '../store/reportStore';
import { reportOverlaySource } from './reportOverlay';

describe("the report overlay's source", () => {
  it('gives a signed final without the regions of its rejected findings', () => {
    let report = applyEdit(emptyReport('1.2.3'), {
      type: 'addFinding',
      finding: { id: 'p', text: 'Left pneumothorax.', regions: [{ id: 'r', imageId: 'img', box: [0, 0, 9, 9] }] },
    });
    report = applyEdit(report, { type: 'decide', findingId: 'p', decision: 'rejected' });
    useReportStore.setState({ histories: { '1.2.3': startHistory(report) } });
    expect(reportOverlaySource('1.2.3').read().findings[0].regions).toHaveLength(1);
    useReportStore.setState({ histories: { '1.2.3': startHistory(sign(report, 'Dr A', new Date())) } });
    expect(reportOverlaySource('1.2.3').read().findings[0].regions).toEqual([]);
  });
});
