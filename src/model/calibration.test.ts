import { describe, expect, it } from 'vitest';
import { calibrate, expectedCalibrationError, fitIsotonic, probabilityFor, type Outcome } from './calibration';

describe('calibrated confidence', () => {
  it('fits a monotone map that pools violators', () => {
    const outcomes: Outcome[] = [
      { confidence: 0.2, right: false },
      { confidence: 0.3, right: true },
      { confidence: 0.4, right: false },
      { confidence: 0.8, right: true },
      { confidence: 0.9, right: true },
    ];
    const map = fitIsotonic(outcomes);
    // Smoothed: 0/1 -> 1/3, 1/2 -> 2/4, 2/2 -> 3/4.
    expect(map.probability.map((p) => Math.round(p * 1000) / 1000)).toEqual([0.333, 0.5, 0.75]);
    expect(map.confidence.map((c) => Math.round(c * 1000) / 1000)).toEqual([0.2, 0.35, 0.85]);
    for (let i = 1; i < map.probability.length; i++) expect(map.probability[i]).toBeGreaterThanOrEqual(map.probability[i - 1]);
  });

  it('interpolates between knots and clamps outside them', () => {
    const map = { method: 'isotonic' as const, confidence: [0.2, 0.6, 1], probability: [0.1, 0.5, 0.9] };
    expect(calibrate(0.4, map)).toBeCloseTo(0.3);
    expect(calibrate(0.05, map)).toBe(0.1);
    expect(calibrate(1, map)).toBe(0.9);
  });

  it('measures the expected calibration error over 10 bins', () => {
    const honest = Array.from({ length: 100 }, (_, i) => ({ confidence: 0.75, right: i < 75 }));
    expect(expectedCalibrationError(honest)).toBeCloseTo(0);
    const overconfident = Array.from({ length: 100 }, (_, i) => ({ confidence: 0.95, right: i < 60 }));
    expect(expectedCalibrationError(overconfident)).toBeCloseTo(0.35);
    // Calibrating the overconfident model on itself removes the error.
    const map = fitIsotonic(overconfident);
    expect(expectedCalibrationError(overconfident.map((o) => ({ ...o, confidence: calibrate(o.confidence, map) })))).toBeCloseTo(0);
  });
});

describe('which sentences get a calibrated probability', () => {
  const map = { method: 'isotonic' as const, confidence: [0.5, 0.9], probability: [0.5, 0.95], precision: 'int8' };
  it('gives one to a finding sentence drafted by the weights the map was fitted for, and none otherwise', () => {
    expect(probabilityFor('Small left pleural effusion.', 0.7, map, 'int8').probability).toBeCloseTo(0.725);
    expect(probabilityFor('No pneumothorax.', 0.7, map, 'int8')).toEqual({});
    expect(probabilityFor('Small left pleural effusion.', 0.7, map, 'fp32')).toEqual({});
    expect(probabilityFor('Small left pleural effusion.', 0.7, undefined, 'int8')).toEqual({});
  });
});
