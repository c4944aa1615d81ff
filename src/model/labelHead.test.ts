import { describe, expect, it } from 'vitest';
import { labelHeadOf } from './labelHead';
import type { LabelCalibration } from './labelGate';

const point = (prevalence: number) => ({
  map: { method: 'isotonic' as const, confidence: [0, 1], probability: [0, 1] },
  threshold: 0.5,
  sensitivity: 0.8,
  specificity: 0.9,
  prevalence,
});

describe('labelHeadOf', () => {
  it('gives each calibrated probability the prevalence of the films its type was fitted on', () => {
    const calibration: LabelCalibration = {
      precision: 'int8',
      fittedOn: 'NIH ChestX-ray14 validation split (310 films)',
      types: { cardiomegaly: point(0.14), pleural_effusion: point(0.2) },
    };
    expect(labelHeadOf({ cardiomegaly: 0.38, pleural_effusion: 0.05, nodule: 0.3 }, calibration)).toEqual({
      fittedOn: 'NIH ChestX-ray14 validation split (310 films)',
      types: { cardiomegaly: { probability: 0.38, prevalence: 0.14 }, pleural_effusion: { probability: 0.05, prevalence: 0.2 } },
    });
  });
});
