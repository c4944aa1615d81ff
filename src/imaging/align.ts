// Aligning a prior film with the current one, so that findings of the two can be matched by
// position: the current film is taken with the patient a little higher or lower, further from the
// detector (magnified), and exposed and processed differently. The model is a scale and a shift in
// millimetres (a radiograph has no rotation worth modelling for this), found by searching for the
// best normalised cross-correlation of the two films on a coarse millimetre grid, then refined on
// a finer one. Both films are rank-normalised first, so a different tone curve (gamma, contrast,
// MONOCHROME1) changes nothing. Hand-written: no library here does 2-D image registration, and this
// is a few dozen lines. Plain TypeScript; runs in a worker in the app (src/app/comparisonWorker.ts).
import type { Box } from '../findings/box';
import { displayedPixels } from './display';
import type { GreyscaleImage } from './greyscaleImage';
import { resizeArea } from './resample';

/** A film and its pixel spacing in millimetres (row, column). */
export interface Film {
  image: GreyscaleImage;
  spacingMm: [number, number];
}

/** Where a point of the prior film lies on the current one, in millimetres: current = scale × prior + offset. */
export interface Alignment {
  scale: number;
  offsetMm: [number, number];
  /** The correlation reached (−1..1): below about 0.5 the films may not show the same anatomy. */
  correlation: number;
}

export const IDENTITY: Alignment = { scale: 1, offsetMm: [0, 0], correlation: 1 };

/** A film resampled to `stepMm` per pixel, each value replaced by its rank (0..1). */
interface Grid {
  values: Float32Array;
  rows: number;
  cols: number;
  stepMm: number;
}

function gridOf(film: Film, stepMm: number): Grid {
  const { image, spacingMm } = film;
  const rows = Math.max(8, Math.round((image.rows * spacingMm[0]) / stepMm));
  const cols = Math.max(8, Math.round((image.cols * spacingMm[1]) / stepMm));
  const small = resizeArea(displayedPixels(image.stored, image.display), image.rows, image.cols, rows, cols);
  return { values: ranks(small), rows, cols, stepMm };
}

/** Each value's rank as a share (0..1); equal values share their mean rank, so a flat area stays flat. */
function ranks(values: Float32Array): Float32Array {
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  const out = new Float32Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + end - 1) / 2 / Math.max(1, values.length - 1);
    for (let k = start; k < end; k++) out[order[k]] = rank;
    start = end;
  }
  return out;
}

/**
 * Correlation of the current grid with the prior mapped by (scale, offset), over the current
 * film's pixels whose prior point lies on the prior film; −1 when they overlap by less than half.
 */
function correlation(prior: Grid, current: Grid, scale: number, [dx, dy]: [number, number]): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  const step = current.stepMm / prior.stepMm;
  for (let r = 0; r < current.rows; r++) {
    const pr = Math.round((r * step - dy / prior.stepMm) / scale);
    if (pr < 0 || pr >= prior.rows) continue;
    for (let c = 0; c < current.cols; c++) {
      const pc = Math.round((c * step - dx / prior.stepMm) / scale);
      if (pc < 0 || pc >= prior.cols) continue;
      const a = prior.values[pr * prior.cols + pc];
      const b = current.values[r * current.cols + c];
      n++;
      sa += a;
      sb += b;
      saa += a * a;
      sbb += b * b;
      sab += a * b;
    }
  }
  if (n < (current.rows * current.cols) / 2) return -1;
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : -1;
}

interface Search {
  scales: number[];
  dx: number[];
  dy: number[];
}

function best(prior: Grid, current: Grid, search: Search): Alignment {
  let found: Alignment = { scale: 1, offsetMm: [0, 0], correlation: -Infinity };
  for (const scale of search.scales)
    for (const dy of search.dy)
      for (const dx of search.dx) {
        const r = correlation(prior, current, scale, [dx, dy]);
        if (r > found.correlation) found = { scale, offsetMm: [dx, dy], correlation: r };
      }
  return found;
}

const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, k) => from + k * step);

/** How far the search goes: patients are positioned within about a tenth of the film and magnified within ±10 %. */
const MAX_SHIFT = 0.15;
const SCALES = range(0.9, 1.1, 0.025);
const COARSE_MM = 8;
const FINE_MM = 4;

/** The scale and shift that bring the prior film onto the current one. */
export function alignFilms(prior: Film, current: Film): Alignment {
  const coarse = [gridOf(prior, COARSE_MM), gridOf(current, COARSE_MM)] as const;
  const maxDx = MAX_SHIFT * coarse[1].cols * COARSE_MM;
  const maxDy = MAX_SHIFT * coarse[1].rows * COARSE_MM;
  const rough = best(...coarse, { scales: SCALES, dx: range(-maxDx, maxDx, COARSE_MM), dy: range(-maxDy, maxDy, COARSE_MM) });
  const fine = [gridOf(prior, FINE_MM), gridOf(current, FINE_MM)] as const;
  const [x, y] = rough.offsetMm;
  return best(...fine, {
    scales: range(rough.scale - 0.0125, rough.scale + 0.0125, 0.00625),
    dx: range(x - COARSE_MM, x + COARSE_MM, FINE_MM / 2),
    dy: range(y - COARSE_MM, y + COARSE_MM, FINE_MM / 2),
  });
}

/** How a region differs between the aligned films, in rank units (0..1 of each film's grey levels). */
export interface RegionDifference {
  /** Mean of current − prior: positive when the region is brighter (more attenuating) now. */
  signed: number;
  /** Mean of |current − prior|. */
  absolute: number;
  /**
   * Mean of current − prior over the quarter of the region's cells that changed most (by magnitude):
   * what grew or cleared, less diluted by the unchanged rest of a large box; noise keeps both signs
   * and cancels.
   */
  focused: number;
  /**
   * The largest mean of current − prior, by magnitude, over windows of 3 × 3 grid cells (6 mm): a small change,
   * such as a tube tip that moved.
   */
  peak: number;
  /** Grid cells (2 mm) read: those of the region both films show, less any excluded. */
  cells: number;
}

const DIFFERENCE_MM = 2;

/**
 * Compares regions of the current film (boxes in current image pixels) with the same anatomy on the
 * prior film, once aligned: a temporal subtraction, read only inside the regions. Rank units make a
 * different exposure or processing cancel out; what remains is what changed, and noise.
 */
export function regionDifferences(prior: Film, current: Film, alignment: Alignment): (box: Box, exclude?: Box[]) => RegionDifference {
  const [p, c] = [gridOf(prior, DIFFERENCE_MM), gridOf(current, DIFFERENCE_MM)];
  const toGrid = (px: number, spacing: number) => (px * spacing) / DIFFERENCE_MM;
  // Whether a grid cell's centre lies in one of the excluded boxes (current pixels).
  const excluded = (boxes: Box[], row: number, col: number) => {
    const [x, y] = [((col + 0.5) * DIFFERENCE_MM) / current.spacingMm[1], ((row + 0.5) * DIFFERENCE_MM) / current.spacingMm[0]];
    return boxes.some((b) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]);
  };
  return (box, exclude = []) => {
    const [c0, c1] = [Math.floor(toGrid(box[0], current.spacingMm[1])), Math.ceil(toGrid(box[2], current.spacingMm[1]))];
    const [r0, r1] = [Math.floor(toGrid(box[1], current.spacingMm[0])), Math.ceil(toGrid(box[3], current.spacingMm[0]))];
    const rows = Math.max(0, Math.min(c.rows, r1) - Math.max(0, r0));
    const cols = Math.max(0, Math.min(c.cols, c1) - Math.max(0, c0));
    // current − prior per cell of the region; NaN where the prior film does not reach.
    const d = new Float32Array(rows * cols).fill(NaN);
    let n = 0;
    let signed = 0;
    let absolute = 0;
    for (let i = 0; i < rows; i++) {
      const r = i + Math.max(0, r0);
      const pr = Math.round((r * DIFFERENCE_MM - alignment.offsetMm[1]) / alignment.scale / DIFFERENCE_MM);
      if (pr < 0 || pr >= p.rows) continue;
      for (let j = 0; j < cols; j++) {
        const col = j + Math.max(0, c0);
        const pc = Math.round((col * DIFFERENCE_MM - alignment.offsetMm[0]) / alignment.scale / DIFFERENCE_MM);
        if (pc < 0 || pc >= p.cols || (exclude.length && excluded(exclude, r, col))) continue;
        const v = c.values[r * c.cols + col] - p.values[pr * p.cols + pc];
        d[i * cols + j] = v;
        n++;
        signed += v;
        absolute += Math.abs(v);
      }
    }
    let peak = 0;
    for (let i = 0; i + 3 <= rows; i++)
      for (let j = 0; j + 3 <= cols; j++) {
        let sum = 0;
        for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) sum += d[(i + a) * cols + j + b];
        const mean = sum / 9;
        if (Math.abs(mean) > Math.abs(peak)) peak = mean;
      }
    const changed = Array.from(d)
      .filter((v) => !Number.isNaN(v))
      .sort((a, b) => Math.abs(b) - Math.abs(a));
    const top = changed.slice(0, Math.max(1, Math.ceil(changed.length / 4)));
    const focused = top.reduce((sum, v) => sum + v, 0) / top.length;
    return n
      ? { signed: signed / n, absolute: absolute / n, peak, focused, cells: n }
      : { signed: 0, absolute: 0, peak: 0, focused: 0, cells: 0 };
  };
}

/** A box in prior image pixels, in current image pixels. */
export function priorBoxOnCurrent(box: Box, alignment: Alignment, priorSpacing: [number, number], currentSpacing: [number, number]): Box {
  const { scale, offsetMm } = alignment;
  const x = (px: number) => (scale * px * priorSpacing[1] + offsetMm[0]) / currentSpacing[1];
  const y = (py: number) => (scale * py * priorSpacing[0] + offsetMm[1]) / currentSpacing[0];
  return [x(box[0]), y(box[1]), x(box[2]), y(box[3])];
}
