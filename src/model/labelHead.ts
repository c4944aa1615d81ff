// The label head's calibrated probabilities on one image, each with the prevalence of the films it was
// fitted on, at which alone it holds (labelGate.ts): what a real film's findings show (issue 37).
// Plain TypeScript.
import type { LabelType } from '../findings/labels';
import type { LabelCalibration } from './labelGate';

export interface LabelHead {
  /** The films the calibration was fitted on, in words (the manifest's label_calibration fitted_on). */
  fittedOn: string;
  types: Partial<Record<LabelType, { probability: number; prevalence: number }>>;
}

export function labelHeadOf(calibrated: Partial<Record<LabelType, number>>, calibration: LabelCalibration): LabelHead {
  const types: LabelHead['types'] = {};
  for (const [type, probability] of Object.entries(calibrated) as Array<[LabelType, number]>) {
    const prevalence = calibration.types[type]?.prevalence;
    if (prevalence !== undefined) types[type] = { probability, prevalence };
  }
  return { fittedOn: calibration.fittedOn, types };
}
