import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/model/calibration';
import { fitOperatingPoint } from './labelOperatingPoint';

describe('fitOperatingPoint', () => {
  it('calibrates the scores and picks the threshold with the best sensitivity + specificity', () => {
    // Positives score 0.5-0.9, negatives 0.1-0.6: the classes overlap around 0.5-0.6.
    const scores = [0.1, 0.2, 0.3, 0.4, 0.55, 0.6, 0.5, 0.58, 0.7, 0.8, 0.9];
    const positives = [false, false, false, false, false, false, true, true, true, true, true];
    const point = fitOperatingPoint(scores, positives)!;
    expect(point.prevalence).toBeCloseTo(5 / 11);
    // The calibrated probability rises with the score and stays inside (0, 1).
    expect(calibrate(0.9, point.map)).toBeGreaterThan(calibrate(0.2, point.map));
    expect(calibrate(0.9, point.map)).toBeLessThan(1);
    // Scores up to 0.4 are all negative: calling everything above them present misses nothing.
    expect(point.sensitivity).toBe(1);
    expect(point.specificity).toBeCloseTo(4 / 6);
    expect(point.threshold).toBeCloseTo(calibrate(0.5, point.map));
  });

  it('with a specificity floor, picks the most sensitive threshold that keeps it', () => {
    const scores = [0.1, 0.2, 0.3, 0.4, 0.55, 0.6, 0.5, 0.58, 0.7, 0.8, 0.9];
    const positives = [false, false, false, false, false, false, true, true, true, true, true];
    const point = fitOperatingPoint(scores, positives, 0.9)!;
    // Above 0.6 no negative is called present; the positives at 0.5 and 0.58 are then missed.
    expect(point.specificity).toBe(1);
    expect(point.sensitivity).toBeCloseTo(3 / 5);
    expect(point.threshold).toBeCloseTo(calibrate(0.7, point.map));
    // A floor no threshold reaches while finding anything: ungated.
    expect(fitOperatingPoint([0.9, 0.1, 0.9, 0.1], [true, true, false, false], 0.9)).toBeUndefined();
  });

  it('has nothing to fit without both classes', () => {
    expect(fitOperatingPoint([0.1, 0.9], [true, true])).toBeUndefined();
    expect(fitOperatingPoint([0.1, 0.9], [false, false])).toBeUndefined();
    // Scores that do not tell the classes apart: no threshold (it would call the finding everywhere).
    expect(fitOperatingPoint([0.9, 0.1, 0.9, 0.1], [true, true, false, false])).toBeUndefined();
  });
});
