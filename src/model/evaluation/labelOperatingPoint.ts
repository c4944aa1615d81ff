// Fitting calibrated drafting (labelGate.ts) for one label type on labelled films: an isotonic map
// from the label head's probability to the finding's rate there, and the operating threshold on the
// calibrated probability that maximises sensitivity + specificity (Youden's J; both are rates within
// the positives and within the negatives, so the threshold does not depend on how many films have
// the finding, while the calibrated probability holds at the prevalence of the films it was fitted on).
// A type the head does not tell apart from chance there gets none.
// Plain TypeScript.
import { calibrate, fitIsotonic } from '../calibration';
import type { LabelOperatingPoint } from '../labelGate';
import { operatingPoint } from './labelMetrics';

export function fitOperatingPoint(scores: number[], positives: boolean[]): LabelOperatingPoint | undefined {
  const nPos = positives.filter(Boolean).length;
  if (!nPos || nPos === positives.length) return undefined;
  const map = fitIsotonic(scores.map((confidence, i) => ({ confidence, right: positives[i] })));
  const calibrated = scores.map((s) => calibrate(s, map));
  let best: Omit<LabelOperatingPoint, 'map' | 'prevalence'> & { j: number } = { threshold: 1, sensitivity: 0, specificity: 1, j: -1 };
  for (const threshold of [...new Set(calibrated)].sort((a, b) => a - b)) {
    const { sensitivity, specificity } = operatingPoint(calibrated, positives, threshold);
    const j = sensitivity! + specificity! - 1;
    // Ties go to the higher threshold: fewer false findings for the same sum.
    if (j >= best.j) best = { threshold, sensitivity: sensitivity!, specificity: specificity!, j };
  }
  // A head no better than chance on this type would call it present everywhere or nowhere: ungated.
  if (best.j <= 0) return undefined;
  const { j: _, ...point } = best;
  return { map, ...point, prevalence: nPos / positives.length };
}
