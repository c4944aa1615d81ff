// The window a radiograph opens with when its file's window spans its whole range (#38).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uncompressedImage } from '../dicom/uncompressedPixels';
import { percentileRange, radiographWindow } from './radiographWindow';

/** Pixels shaped like the NEMA CR (RG1_J2KI.dcm, 15 bits): its percentiles, a value per 1%, between them evenly. */
function nemaLike(): Uint16Array {
  // 0, 1, 2, 5, 10, 25, 50, 75, 90, 95, 98, 99, 100th percentiles of the film, as decoded.
  const q = [0, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 1];
  const v = [803, 2159, 2446, 2777, 3026, 3741, 5629, 10514, 13937, 15669, 19514, 22788, 26512];
  const n = 100_000;
  return Uint16Array.from({ length: n }, (_, i) => {
    const p = i / (n - 1);
    const k = Math.max(0, q.findIndex((x) => x >= p) - 1);
    return Math.round(v[k] + ((p - q[k]) / (q[k + 1] - q[k])) * (v[k + 1] - v[k]));
  });
}

describe('the window a radiograph opens with', () => {
  it('replaces a window over the whole range that the film fills little of (the NEMA CR: W 30000 / L 15000)', () => {
    const window = radiographWindow(nemaLike(), { lower: 0, upper: 30000 });
    expect(window).toBeDefined();
    expect(window!.lower).toBeCloseTo(2446, -1);
    expect(window!.upper).toBeCloseTo(19514, -1);
  });

  it('keeps the window of a film that fills it (the synthetic DX sample, W 4096 / L 2048)', () => {
    const image = uncompressedImage(new Uint8Array(readFileSync('public/samples/chest-dx/IMG0001.dcm')), 'chest-dx');
    expect(image.display.window).toEqual({ center: 2048, width: 4096 });
    expect(radiographWindow(image.stored, { lower: 0, upper: 4095 })).toBeUndefined();
  });

  it('keeps a window someone chose: one that clips the film', () => {
    expect(radiographWindow(nemaLike(), { lower: 4000, upper: 12000 })).toBeUndefined();
  });

  it('reads percentiles in modality units, and nothing of no pixels', () => {
    const values = Uint16Array.from({ length: 1001 }, (_, i) => i);
    expect(percentileRange(values, 0.1)).toEqual({ lower: 100, upper: 900 });
    expect(percentileRange(values, 0.1, 2, -1000)).toEqual({ lower: -800, upper: 800 });
    expect(percentileRange(new Uint16Array(0))).toBeUndefined();
    expect(radiographWindow(new Uint16Array(100).fill(7), { lower: 0, upper: 30000 })).toBeUndefined();
  });
});
