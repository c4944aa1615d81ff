import { beforeEach, describe, expect, it } from 'vitest';
import type { Series, Study } from '../dicom/studies';
import { firstImageSeries, useAppStore } from './appStore';

const series = (uid: string, studyUID: string, imageIds: string[]): Series => ({ uid, studyUID, modality: 'CR', description: '', number: 1, instances: [], imageIds });
const study = (uid: string, ...list: Series[]): Study =>
  ({ uid, patientName: '', patientId: '', patientBirthDate: '', patientSex: '', date: '', time: '', description: '', accessionNumber: '', series: list }) as Study;

describe('a prior beside the current study', () => {
  beforeEach(() => {
    useAppStore.getState().closeAll();
    useAppStore.setState({ studies: [study('now', series('now-1', 'now', ['a'])), study('before', series('before-sr', 'before', []), series('before-1', 'before', ['b']))], activeSeriesUID: 'now-1' });
  });

  it('opens another study, not the current one, and closes', () => {
    const { openPrior } = useAppStore.getState();
    openPrior('now');
    expect(useAppStore.getState().priorStudyUID).toBeUndefined();
    openPrior('elsewhere');
    expect(useAppStore.getState().priorStudyUID).toBeUndefined();
    openPrior('before');
    expect(useAppStore.getState().priorStudyUID).toBe('before');
    useAppStore.getState().closePrior();
    expect(useAppStore.getState().priorStudyUID).toBeUndefined();
  });

  it('goes when its study becomes the current one, and with closeAll', () => {
    useAppStore.getState().openPrior('before');
    useAppStore.getState().openSeries('before-1');
    expect(useAppStore.getState().priorStudyUID).toBeUndefined();
    useAppStore.getState().openSeries('now-1');
    useAppStore.getState().openPrior('before');
    useAppStore.getState().closeAll();
    expect(useAppStore.getState().priorStudyUID).toBeUndefined();
  });

  it("shows the study's first series with images, past a report series", () => {
    expect(firstImageSeries(useAppStore.getState().studies[1])?.uid).toBe('before-1');
  });
});
