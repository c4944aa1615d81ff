import { beforeEach, describe, expect, it } from 'vitest';
import type { Series, Study } from '../dicom/studies';
import { firstImageSeries, useAppStore } from './appStore';

const series = (uid: string, studyUID: string, imageIds: string[]): Series => ({
  uid,
  studyUID,
  modality: 'CR',
  description: '',
  number: 1,
  instances: [],
  imageIds,
});
const study = (uid: string, ...list: Series[]): Study =>
  ({
    uid,
    patientName: '',
    patientId: '',
    patientBirthDate: '',
    patientSex: '',
    date: '',
    time: '',
    description: '',
    accessionNumber: '',
    series: list,
  }) as Study;

describe('a prior beside the current study', () => {
  beforeEach(() => {
    useAppStore.getState().closeAll();
    useAppStore.setState({
      studies: [
        study('now', series('now-1', 'now', ['a'])),
        study('before', series('before-sr', 'before', []), series('before-1', 'before', ['b'])),
      ],
      activeSeriesUID: 'now-1',
    });
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

describe('opening studies', () => {
  it('shows the newest study of those opened together: a follow-up opened with its prior is the one reported', () => {
    useAppStore.getState().closeAll();
    const instance = (study: string, date: string, sop: string) => ({
      source: sop,
      imageIds: [`img:${sop}`],
      header: {
        studyInstanceUID: study,
        seriesInstanceUID: `${study}.1`,
        sopInstanceUID: sop,
        studyDate: date,
        patientId: 'P',
        modality: 'CR',
      } as never,
    });
    useAppStore.getState().addInstances([instance('prior', '20261001', 'p1'), instance('current', '20261116', 'c1')], []);
    expect(useAppStore.getState().activeSeriesUID).toBe('current.1');
  });
});
