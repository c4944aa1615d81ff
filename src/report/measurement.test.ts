import { describe, expect, it } from 'vitest';
import {
  changeSentence,
  daysBetween,
  describeValues,
  meanDiameterMm,
  measurementSentence,
  trackedChange,
  type RegionMeasurement,
} from './measurement';
import { bidirectional } from './__fixtures__/measurements';

const nodule = bidirectional;

describe('a finding sentence from a measurement', () => {
  it('says a bidirectional in radiology style with its image', () => {
    expect(measurementSentence(nodule(12.2, 9.1), { series: 3, image: 45 })).toBe('A 12 × 9.1 mm nodule (series 3, image 45).');
    expect(measurementSentence(nodule(8.04, 6), { series: 3, image: 45 }, 'solid nodule in the right upper lobe')).toBe(
      'An 8 × 6 mm solid nodule in the right upper lobe (series 3, image 45).',
    );
  });

  it('says a length, an ROI and an angle', () => {
    const length: RegionMeasurement = { ...nodule(0, 0), tool: 'length', values: [{ name: 'length', value: 38.2, unit: 'mm' }] };
    expect(measurementSentence(length, {}, 'right pleural effusion')).toBe('A 38 mm right pleural effusion.');
    const roi: RegionMeasurement = {
      ...nodule(0, 0),
      tool: 'ellipse',
      values: [
        { name: 'area', value: 120, unit: 'mm²' },
        { name: 'mean', value: 34.26, unit: 'HU' },
        { name: 'sd', value: 6.04, unit: 'HU' },
      ],
    };
    expect(measurementSentence(roi, { series: 2, image: 10 }, 'mass')).toBe('Mass, mean 34.3 HU (SD 6 HU) (series 2, image 10).');
    const angle: RegionMeasurement = { ...nodule(0, 0), tool: 'angle', values: [{ name: 'angle', value: 37.04, unit: 'deg' }] };
    expect(measurementSentence(angle, {})).toBe('Angle, 37°.');
  });

  it('marks a measurement on an image without spacing as uncalibrated, and gives it no size in mm', () => {
    const m = nodule(40, 30, false);
    expect(measurementSentence(m, {})).toBe('A 40 × 30 px (uncalibrated) nodule.');
    expect(describeValues(m)).toBe('Long axis 40 px, short axis 30 px (uncalibrated)');
    expect(meanDiameterMm(m)).toBeUndefined();
    expect(meanDiameterMm(nodule(12, 9))).toBe(10.5);
  });
});

describe('a lesion tracked across two dates', () => {
  it('gives the change in mm and %, and the volume doubling time', () => {
    // 8 → 10 mm in 100 days: volume ×1.953, doubling time 100·ln2/ln(1.953) = 103.6 days.
    const change = trackedChange(8, 10, 100);
    expect(change.changeMm).toBe(2);
    expect(change.changePercent).toBe(25);
    expect(change.doublingDays).toBeCloseTo(103.55, 1);
    expect(changeSentence(change, '2026-01-10')).toBe(
      'Increased from 8 mm to 10 mm (+2 mm, +25 %) since the prior of 2026-01-10; volume doubling time 104 days.',
    );
  });

  it('gives no doubling time to a lesion that shrank or stayed', () => {
    expect(trackedChange(10, 8, 100).doublingDays).toBeUndefined();
    expect(changeSentence(trackedChange(10, 10.2, 30))).toBe('Unchanged at 10 mm (+0.2 mm, +2 %) since the prior.');
    expect(changeSentence(trackedChange(10, 8, 30))).toBe('Decreased from 10 mm to 8 mm (−2 mm, −20 %) since the prior.');
  });

  it('counts the days between DICOM or ISO dates', () => {
    expect(daysBetween('20260110', '2026-04-20')).toBe(100);
  });
});
