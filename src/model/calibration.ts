// Calibrated confidence: the probability that a drafted finding is right, from the model's raw
// confidence (the geometric mean of its tokens' probabilities) through a monotone map fitted on
// held-out cases (isotonic regression, pool-adjacent-violators; scripts/calibration/fit.ts). The
// manifest carries the map; without one, the raw confidence is shown and said to be uncalibrated.
// Plain TypeScript.
import { labelSentence } from '../findings/labels';

/** A monotone map, piecewise linear between its knots (raw confidence → probability of being right). */
export interface IsotonicMap {
  method: 'isotonic';
  confidence: number[];
  probability: number[];
}

/** A model's map, as its manifest carries it. */
export interface Calibration extends IsotonicMap {
  /** The weights it was fitted with ('int8' or 'fp32'); other weights show their raw confidence. */
  precision: string;
}

/** The calibrated probability of a raw confidence (clamped to the fitted range at both ends). */
export function calibrate(raw: number, map: IsotonicMap): number {
  const { confidence: x, probability: y } = map;
  if (!x.length) return raw;
  if (raw <= x[0]) return y[0];
  if (raw >= x[x.length - 1]) return y[y.length - 1];
  let hi = 1;
  while (x[hi] < raw) hi++;
  const t = (raw - x[hi - 1]) / (x[hi] - x[hi - 1] || 1);
  return y[hi - 1] + t * (y[hi] - y[hi - 1]);
}

/**
 * The calibrated probability that a drafted sentence is right: only for what the map was fitted on,
 * sentences that name a finding (a pertinent negative is not a finding claim) drafted by the same
 * weights. Otherwise undefined, and the raw confidence is shown as uncalibrated.
 */
export function probabilityFor(
  text: string,
  confidence: number,
  map: Calibration | undefined,
  precision: string,
): { probability?: number } {
  return map && map.precision === precision && labelSentence(text) ? { probability: calibrate(confidence, map) } : {};
}

export interface Outcome {
  confidence: number;
  right: boolean;
}

/**
 * Isotonic regression of rightness on confidence (pool adjacent violators), as knots at each block's
 * mean confidence. Each block's rate is smoothed as (right + 1) / (n + 2), so that a block where every
 * sentence was right says "very likely", never "certain".
 */
export function fitIsotonic(outcomes: Outcome[]): IsotonicMap {
  const sorted = [...outcomes].sort((a, b) => a.confidence - b.confidence);
  const blocks: Array<{ sumX: number; sumY: number; n: number }> = [];
  for (const o of sorted) {
    blocks.push({ sumX: o.confidence, sumY: o.right ? 1 : 0, n: 1 });
    while (
      blocks.length > 1 &&
      blocks[blocks.length - 2].sumY / blocks[blocks.length - 2].n >= blocks[blocks.length - 1].sumY / blocks[blocks.length - 1].n
    ) {
      const last = blocks.pop()!;
      const prev = blocks[blocks.length - 1];
      prev.sumX += last.sumX;
      prev.sumY += last.sumY;
      prev.n += last.n;
    }
  }
  let floor = 0;
  const probability = blocks.map((b) => (floor = Math.max(floor, (b.sumY + 1) / (b.n + 2))));
  return { method: 'isotonic', confidence: blocks.map((b) => b.sumX / b.n), probability };
}

/** Expected calibration error over equal-width bins of the stated probability. */
export function expectedCalibrationError(outcomes: Outcome[], bins = 10): number {
  if (!outcomes.length) return 0;
  let error = 0;
  for (let b = 0; b < bins; b++) {
    const inBin = outcomes.filter((o) => Math.min(bins - 1, Math.floor(o.confidence * bins)) === b);
    if (!inBin.length) continue;
    const stated = inBin.reduce((s, o) => s + o.confidence, 0) / inBin.length;
    const observed = inBin.filter((o) => o.right).length / inBin.length;
    error += (inBin.length / outcomes.length) * Math.abs(stated - observed);
  }
  return error;
}
