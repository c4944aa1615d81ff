// The window a radiograph opens with when its file's window is no window at all (#38). Some files
// carry one spanning their whole range (the NEMA CR sample: W 30000 / L 15000 over 15 bits); when
// most pixels crowd into a small part of it, the film opens flat and pale. Such a film opens instead
// with a window from its pixels' histogram, as viewers' "auto window" does: the 2nd to the 98th
// percentile. A window that clips the film's bulk was chosen by someone, and is kept. Plain TypeScript.

export interface ValueRange {
  lower: number;
  upper: number;
}

/** Pixels read for the percentiles: a regular sample is plenty, and keeps a 40-megapixel film fast. */
const MAX_SAMPLES = 1 << 18;
/** Share of pixels left out at each end: burned-in labels, collimator edges, raw background. */
const TAIL = 0.02;
/** The file's window is replaced when the film's bulk (2nd..98th percentile) fills less of it than this. */
const FILLED = 2 / 3;

/** The lower and upper percentiles (`tail` and 1 − `tail`) of the values, in modality units (`slope`, `intercept`). */
export function percentileRange(values: ArrayLike<number>, tail = TAIL, slope = 1, intercept = 0): ValueRange | undefined {
  if (!values.length) return undefined;
  const step = Math.max(1, Math.floor(values.length / MAX_SAMPLES));
  const sample = new Float64Array(Math.ceil(values.length / step));
  for (let i = 0, k = 0; i < values.length; i += step, k++) sample[k] = values[i] * slope + intercept;
  sample.sort();
  const at = (q: number) => sample[Math.min(sample.length - 1, Math.max(0, Math.round(q * (sample.length - 1))))];
  return { lower: at(tail), upper: at(1 - tail) };
}

/**
 * The window to open the film with instead of `current` (the file's), or undefined to keep
 * `current`: kept when it cuts into the film's bulk (someone chose it), or when the bulk fills most
 * of it already.
 */
export function radiographWindow(values: ArrayLike<number>, current: ValueRange, slope = 1, intercept = 0): ValueRange | undefined {
  const bulk = percentileRange(values, TAIL, slope, intercept);
  if (!bulk || bulk.upper <= bulk.lower) return undefined;
  const chosen = bulk.lower < current.lower || bulk.upper > current.upper;
  if (chosen || bulk.upper - bulk.lower >= FILLED * (current.upper - current.lower)) return undefined;
  return bulk;
}
