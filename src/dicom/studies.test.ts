import { describe, expect, it } from 'vitest';
import { groupIntoStudies, isEarlier, mergeStudies, sortInstances } from './studies';
import { testInstance as instance } from './__fixtures__/testInstances';

const axial = [1, 0, 0, 0, 1, 0];

describe('sortInstances', () => {
  it('orders slices along the normal, in the scanner numbering direction', () => {
    const slices = [3, 1, 2].map((n) =>
      instance({ sopInstanceUID: `s${n}`, instanceNumber: n, imagePositionPatient: [0, 0, -5 * n], imageOrientationPatient: axial }),
    );
    expect(sortInstances(slices).map((s) => s.header.instanceNumber)).toEqual([1, 2, 3]);
  });

  it('follows geometry over wrong instance numbers', () => {
    const slices = [
      instance({ sopInstanceUID: 'a', instanceNumber: 1, imagePositionPatient: [0, 0, 0], imageOrientationPatient: axial }),
      instance({ sopInstanceUID: 'b', instanceNumber: 2, imagePositionPatient: [0, 0, 10], imageOrientationPatient: axial }),
      instance({ sopInstanceUID: 'c', instanceNumber: 7, imagePositionPatient: [0, 0, 5], imageOrientationPatient: axial }),
    ];
    expect(sortInstances(slices).map((s) => s.header.sopInstanceUID)).toEqual(['a', 'c', 'b']);
  });

  it('falls back to instance number, then file name, without distinct positions', () => {
    const images = [
      instance({ sopInstanceUID: 'x', instanceNumber: 2, source: 'b.dcm' }),
      instance({ sopInstanceUID: 'y', instanceNumber: undefined, source: 'img10.dcm' }),
      instance({ sopInstanceUID: 'z', instanceNumber: undefined, source: 'img9.dcm' }),
      instance({ sopInstanceUID: 'w', instanceNumber: 1, source: 'c.dcm' }),
    ];
    expect(sortInstances(images).map((s) => s.header.sopInstanceUID)).toEqual(['w', 'x', 'z', 'y']);
  });
});

describe('groupIntoStudies', () => {
  it('groups by study and series, orders series by number and drops duplicate instances', () => {
    const studies = groupIntoStudies([
      instance({ sopInstanceUID: 'a', seriesInstanceUID: 's2', seriesNumber: 2 }),
      instance({ sopInstanceUID: 'b', seriesInstanceUID: 's1', seriesNumber: 1 }),
      instance({ sopInstanceUID: 'b', seriesInstanceUID: 's1', seriesNumber: 1, source: 'copy.dcm' }),
      instance({ sopInstanceUID: 'c', studyInstanceUID: '2.2', seriesInstanceUID: 's3', studyDate: '20250101' }),
    ]);
    expect(studies.map((s) => s.uid)).toEqual(['1.1', '2.2']);
    expect(studies[0].series.map((s) => s.uid)).toEqual(['s1', 's2']);
    expect(studies[0].series[0].instances).toHaveLength(1);
    expect(studies[0].series[0].instances[0].source).toBe('f.dcm');
  });

  it('expands multi-frame instances into one image id per frame, in order', () => {
    const multi = instance({ sopInstanceUID: 'm', numberOfFrames: 3 });
    multi.imageIds = ['m?frame=1', 'm?frame=2', 'm?frame=3'];
    expect(groupIntoStudies([multi])[0].series[0].imageIds).toEqual(multi.imageIds);
  });

  it('merges later loads into the open studies', () => {
    const first = groupIntoStudies([instance({ sopInstanceUID: 'a', instanceNumber: 2 })]);
    const merged = mergeStudies(first, [instance({ sopInstanceUID: 'b', instanceNumber: 1 })]);
    expect(merged[0].series[0].instances.map((i) => i.header.sopInstanceUID)).toEqual(['b', 'a']);
  });
});

describe('isEarlier', () => {
  it('orders studies by date, then by time on the same day; same-day studies without times have no order', () => {
    expect(isEarlier({ date: '20261115', time: '235900' }, { date: '20261116', time: '000100' })).toBe(true);
    expect(isEarlier({ date: '20261116', time: '000100' }, { date: '20261115', time: '235900' })).toBe(false);
    expect(isEarlier({ date: '20261116', time: '081500' }, { date: '20261116', time: '143000' })).toBe(true);
    expect(isEarlier({ date: '20261116', time: '143000' }, { date: '20261116', time: '081500' })).toBe(false);
    expect(isEarlier({ date: '20261116', time: '' }, { date: '20261116', time: '081500' })).toBe(false);
    expect(isEarlier({ date: '20261116' }, { date: '20261116' })).toBe(false);
  });
});
