// The learned domain check: how far an image's pixels are from the films the model was trained on.
// The spectral shape of the model's own input (the 160-pixel square the encoder sees), scored by its
// Mahalanobis distance from the training films' statistics, which
// the model's manifest carries ("domain_statistics", fitted by scripts/domain/fit.ts on the model's
// training distribution, exposure and contrast variants included). Far beyond the threshold, the
// model would be drafting outside what it learned. Plain TypeScript, no DOM.
import type { ModelInput } from './preprocess';

/**
 * The shape of the image's spectrum: how much pixels d apart differ, each scale against the next
 * (log of the ratio), across and down. Generated films are smoother at fine scales than real ones
 * (real films: quantum noise, trabeculae, vessels), and the ratios hardly move with exposure,
 * contrast or window, which a department's processing changes.
 */
export const DOMAIN_FEATURES = [
  'across 1/2 px',
  'across 2/4 px',
  'across 4/8 px',
  'across 8/16 px',
  'down 1/2 px',
  'down 2/4 px',
  'down 4/8 px',
  'down 8/16 px',
] as const;

const SCALES = [1, 2, 4, 8, 16];

/** What a manifest carries for the check. */
export interface DomainStatistics {
  features: string[];
  mean: number[];
  /** Inverse of the (shrunk) covariance, row-major. */
  precision: number[][];
  /** Distances above this are refused. */
  threshold: number;
  /** What the refusal says: "this looks like a real radiograph; the model was trained only on synthetic films". */
  refusal: string;
}

/** The displayed values (0 black .. 1 white) of the image part of the model input, with its size. */
export function displayedRegion(input: ModelInput, normalize: { mean: number; std: number }): { v: Float32Array; h: number; w: number } {
  const { h, w } = input;
  const v = new Float32Array(h * w);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) v[r * w + c] = input.pixels[r * input.size + c] * normalize.std + normalize.mean;
  return { v, h, w };
}

/** Mean absolute difference of pixels `d` apart, across (columns) or down (rows). */
export function meanStep(v: Float32Array, h: number, w: number, d: number, down: boolean): number {
  const [dr, dc] = down ? [d, 0] : [0, d];
  let sum = 0;
  let n = 0;
  for (let r = 0; r + dr < h; r++) {
    for (let c = 0; c + dc < w; c++) {
      sum += Math.abs(v[r * w + c] - v[(r + dr) * w + c + dc]);
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** The DOMAIN_FEATURES of displayed values v (h × w). */
export function domainFeatures({ v, h, w }: { v: Float32Array; h: number; w: number }): number[] {
  return [false, true].flatMap((down) => {
    const steps = SCALES.map((d) => Math.max(meanStep(v, h, w, d, down), 1e-6));
    return steps.slice(0, -1).map((s, i) => Math.log(s / steps[i + 1]));
  });
}

/** Mahalanobis distance of the features from the training films' statistics. */
export function domainDistance(features: number[], stats: Pick<DomainStatistics, 'mean' | 'precision'>): number {
  const d = features.map((x, i) => x - stats.mean[i]);
  let q = 0;
  for (let i = 0; i < d.length; i++) for (let j = 0; j < d.length; j++) q += d[i] * stats.precision[i][j] * d[j];
  return Math.sqrt(Math.max(0, q));
}
