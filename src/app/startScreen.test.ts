// Back to the start screen (#38): the studies close, their reports stay, and a study opened again
// (with new imageIds) finds its report's regions on its images.
import { describe, expect, it } from 'vitest';
import type { Series, Study } from '../dicom/studies';
import { useAppStore } from '../store/appStore';
import { useReaderStore } from '../store/readerStore';
import { useReportStore } from '../store/reportStore';
import { bindOpenedImages, reportSession, selectFinding } from './reportSession';
import { backToStart } from './startScreen';

const UID = '1.2.826.0.1.3680043.8.498.38';
const series: Series = { uid: 's1', studyUID: UID, modality: 'CR', description: '', number: 1, instances: [], imageIds: ['dicomfile:3'] };

describe('back to the start screen', () => {
  it('closes the studies and keeps their reports, bound again to the images when the study reopens', () => {
    useReaderStore.setState({ reader: { name: 'Dr Back', role: 'attending' } });
    useReportStore.setState({ histories: {}, addendumDrafts: {}, signChecks: {}, savedNames: {}, selectedFindingId: undefined });
    useAppStore.setState({ studies: [{ uid: UID, series: [series] } as unknown as Study], activeSeriesUID: 's1' });
    bindOpenedImages({ 'dicomfile:3': 'lucent-image:1.2.3/1' });
    const session = reportSession(UID);
    session.open('Cough.', 'CR');
    session.edit({
      type: 'addFinding',
      finding: { id: 'a', text: 'Nodule.', regions: [{ id: 'r', imageId: 'dicomfile:3', box: [0, 0, 5, 5] }] },
    });
    session.edit({ type: 'setImpression', text: 'Nodule.' });
    selectFinding('a');

    backToStart();
    expect(useAppStore.getState()).toMatchObject({ studies: [], activeSeriesUID: undefined });
    expect(useReportStore.getState().selectedFindingId).toBeUndefined();
    expect(session.report?.content.impression).toBe('Nodule.');
    // Named as saved: the imageId of this page's first opening will not come back.
    expect(session.report?.content.findings[0].regions[0].imageId).toBe('lucent-image:1.2.3/1');

    // The study opened again: its image has another imageId, and the region is on it.
    bindOpenedImages({ 'dicomfile:9': 'lucent-image:1.2.3/1' });
    expect(session.report?.content.findings[0].regions[0].imageId).toBe('dicomfile:9');
  });
});
