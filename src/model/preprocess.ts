// Pixel preprocessing exactly as the model was trained (models/recipe/data.py, manifest.json
// "preprocessing"): the displayed image (imaging/display.ts) resized (imaging/resample.ts) into the
// model's square, rounded or equalised and normalised; and the inverse mapping of boxes back to image
// pixels. Plain TypeScript.
import type { Box } from '../findings/box';
import { displayMapping, displayTable, mapPixels, type DisplayTable } from '../imaging/display';
import type { DisplayParams } from '../imaging/greyscaleImage';
import { resizeArea } from '../imaging/resample';

/**
 * The model's input from stored pixels: displayed, resized, padded, normalised (toModelInput).
 * Integer pixels go through a table of their displayed values straight into the resize, without a
 * full-size displayed image: allocating and first touching those tens of megabytes cost more than
 * the arithmetic (measured here: ~40 of ~50 ms for a 1664 x 1667 radiograph).
 */
export function modelInputFromStored(
  stored: ArrayLike<number>,
  rows: number,
  cols: number,
  display: DisplayParams,
  spec: InputSpec,
): ModelInput {
  const shown = displayMapping(stored, display);
  const table = displayTable(stored, shown);
  return table ? toModelInput(stored, rows, cols, spec, table) : toModelInput(mapPixels(stored, shown), rows, cols, spec);
}

export interface ModelInput {
  /** size × size, normalised, image at the top-left. */
  pixels: Float32Array;
  size: number;
  /** Model-square pixels per image pixel. */
  scale: number;
  /** Rows and columns of the image inside the square (the rest is padding). */
  h: number;
  w: number;
  /**
   * With equalisation, the resized image as displayed (h × w, 0..1) before it: the pixel checks
   * (blank, uniform, noise) read it, as equalisation makes a black image mid-grey.
   */
  displayed?: Float32Array;
}

/** Python's round() (banker's rounding) — the recipe sizes the resized image with it. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export interface InputSpec {
  size: number;
  normalize: { mean: number; std: number };
  /** Round the resized 0..1 image to this many levels (255: as the recipe stores training images), 0 for none. */
  quantizeLevels: number;
  /**
   * Replace each level by its mid-rank among the image's own pixels (histogram equalisation, which
   * a department's tone curve, contrast or window leaves unchanged); needs quantizeLevels.
   */
  equalize?: boolean;
}

/**
 * Histogram equalisation: each value, rounded to one of `levels` + 1 levels, becomes its level's
 * mid-rank among all the values, (values below + half of those equal) / values.
 */
export function equalized(values: ArrayLike<number>, levels: number): Float32Array {
  // Math.fround: the recipe rounds float32 values; doing it in float64 could land on the other side of .5.
  const quantized = Uint16Array.from({ length: values.length }, (_, i) => roundHalfEven(Math.fround(values[i] * levels)));
  const histogram = new Float64Array(levels + 1);
  for (const level of quantized) histogram[level]++;
  const ranks = new Float64Array(levels + 1);
  let below = 0;
  for (let k = 0; k <= levels; k++) {
    ranks[k] = (below + histogram[k] / 2) / values.length;
    below += histogram[k];
  }
  return Float32Array.from(quantized, (level) => ranks[level]);
}

/** Displayed pixels (or stored ones and their display table) -> the model's input square. */
export function toModelInput(displayed: ArrayLike<number>, rows: number, cols: number, spec: InputSpec, table?: DisplayTable): ModelInput {
  const { size, normalize: norm, quantizeLevels: levels } = spec;
  const scale = size / Math.max(rows, cols);
  const h = Math.max(1, roundHalfEven(rows * scale));
  const w = Math.max(1, roundHalfEven(cols * scale));
  const resized = resizeArea(displayed, rows, cols, h, w, table);
  const pixels = new Float32Array(size * size).fill((0 - norm.mean) / norm.std);
  if (spec.equalize) {
    if (!levels) throw new Error('Histogram equalisation needs quantized levels (manifest preprocessing.quantize)');
    const ranks = equalized(resized, levels);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) pixels[r * size + c] = (ranks[r * w + c] - norm.mean) / norm.std;
    return { pixels, size, scale, h, w, displayed: resized };
  }
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      // Math.fround: as in equalized().
      const v = levels ? roundHalfEven(Math.fround(resized[r * w + c] * levels)) / levels : resized[r * w + c];
      pixels[r * size + c] = (v - norm.mean) / norm.std;
    }
  }
  return { pixels, size, scale, h, w };
}

/** A box in 0..1 of the model square -> image pixel coordinates, clamped to the image. */
export function boxToImagePixels(box: Box, input: Pick<ModelInput, 'size' | 'scale'>, rows: number, cols: number): Box {
  const k = input.size / input.scale;
  const [x0, y0, x1, y1] = box.map((v) => v * k);
  return [Math.max(0, x0), Math.max(0, y0), Math.min(cols, x1), Math.min(rows, y1)];
}

/** Image pixel coordinates -> a box in 0..1 of the model square (for the describe task). */
export function imagePixelsToBox(box: Box, input: Pick<ModelInput, 'size' | 'scale'>): Box {
  return box.map((v) => Math.min(1, Math.max(0, (v * input.scale) / input.size))) as Box;
}
