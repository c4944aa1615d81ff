// The display mapping of a greyscale image's stored values: modality rescale, VOI window (else the
// image's min..max) to 0..1, MONOCHROME1 inverted; the grey values a reader sees, which the model
// reads (model/preprocess.ts) and films are aligned on (align.ts). Plain TypeScript.
import type { DisplayParams } from './greyscaleImage';

/** The display mapping of stored values: rescale, window (else the image's min..max) to 0..1, MONOCHROME1 inverted. */
export function displayMapping(stored: ArrayLike<number>, p: DisplayParams): (value: number) => number {
  let lo: number;
  let hi: number;
  if (p.window) {
    lo = p.window.center - p.window.width / 2;
    hi = p.window.center + p.window.width / 2;
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < stored.length; i++) {
      const v = stored[i] * p.slope + p.intercept;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const span = Math.max(hi - lo, 1e-6);
  return (value: number) => {
    const v = Math.min(1, Math.max(0, (value * p.slope + p.intercept - lo) / span));
    return p.monochrome1 ? 1 - v : v;
  };
}

/** Displayed value of every possible stored value, when pixels are 8- or 16-bit integers. */
export interface DisplayTable {
  /** Float32, as a displayed image holds them, so either path gives the same numbers. */
  values: Float32Array;
  /** The stored value of values[0]. */
  min: number;
}

/** The table of an image's displayed values (shown = displayMapping), when it is worth it; else undefined. */
export function displayTable(stored: ArrayLike<number>, shown: (value: number) => number): DisplayTable | undefined {
  const range =
    stored instanceof Uint8Array || stored instanceof Uint8ClampedArray
      ? { min: 0, size: 256 }
      : stored instanceof Int8Array
        ? { min: -128, size: 256 }
        : stored instanceof Uint16Array
          ? { min: 0, size: 65536 }
          : stored instanceof Int16Array
            ? { min: -32768, size: 65536 }
            : undefined;
  // Worth it only when the image has more pixels than the table has entries.
  if (!range || range.size >= stored.length) return undefined;
  const values = new Float32Array(range.size);
  for (let k = 0; k < range.size; k++) values[k] = shown(k + range.min);
  return { values, min: range.min };
}

/** Stored values -> displayed 0..1 (bright = attenuating). */
export function displayedPixels(stored: ArrayLike<number>, p: DisplayParams): Float32Array {
  return mapPixels(stored, displayMapping(stored, p));
}

/** Every stored value through a mapping such as displayMapping's. */
export function mapPixels(stored: ArrayLike<number>, shown: (value: number) => number): Float32Array {
  const out = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) out[i] = shown(stored[i]);
  return out;
}
