// Fitting calibrated drafting (labelGate.ts) for one label type on labelled films: an isotonic map
// from the label head's probability to the finding's rate there, and an operating threshold on the
// calibrated probability. Both rates are within the positives and within the negatives, so the
// threshold does not depend on how many films have the finding, while the calibrated probability
// holds at the prevalence of the films it was fitted on.
// Two rules for the threshold: the best sensitivity + specificity (Youden's J), or, with a
// specificity floor, the most sensitive threshold that keeps it. Most films a department reads are
// normal, so a floor bounds how often a draft names the finding on a film without it.
// A type the head does not tell apart from chance there gets none.
// Plain TypeScript.
import { calibrate, fitIsotonic } from '../../src/model/calibration';
import type { LabelOperatingPoint } from '../../src/model/labelGate';
import { operatingPoint } from '../eval/metrics/labelMetrics';

export function fitOperatingPoint(scores: number[], positives: boolean[], minSpecificity?: number): LabelOperatingPoint | undefined {
  const nPos = positives.filter(Boolean).length;
  if (!nPos || nPos === positives.length) return undefined;
  const map = fitIsotonic(scores.map((confidence, i) => ({ confidence, right: positives[i] })));
  const calibrated = scores.map((s) => calibrate(s, map));
  const candidates = [...new Set(calibrated)]
    .sort((a, b) => a - b)
    .map((threshold) => {
      const { sensitivity, specificity } = operatingPoint(calibrated, positives, threshold);
      return { threshold, sensitivity: sensitivity!, specificity: specificity!, j: sensitivity! + specificity! - 1 };
    });
  // Ties go to the higher threshold: fewer false findings for the same sensitivity.
  const best = candidates.reduce<(typeof candidates)[number] | undefined>((b, c) => {
    if (minSpecificity !== undefined) return c.specificity >= minSpecificity && (!b || c.sensitivity >= b.sensitivity) ? c : b;
    return !b || c.j >= b.j ? c : b;
  }, undefined);
  // A head no better than chance on this type would call it present everywhere or nowhere: ungated.
  if (!best || best.j <= 0) return undefined;
  const { j: _, ...point } = best;
  return { map, ...point, prevalence: nPos / positives.length };
}
