import { describe, expect, it } from 'vitest';
import { alignFilms, priorBoxOnCurrent, regionDifferences, type Film } from './align';

/** A chest-like film drawn in millimetres: a bright body with two dark lungs and a few blobs. */
function film(
  scale: number,
  [dx, dy]: [number, number],
  spacing: number,
  gamma = 1,
  monochrome1 = false,
  extra: Array<[number, number, number, number, number]> = [],
): Film {
  const widthMm = 400;
  const heightMm = 420;
  const rows = Math.round(heightMm / spacing);
  const cols = Math.round(widthMm / spacing);
  const stored = new Uint16Array(rows * cols);
  const blobs: Array<[number, number, number, number, number]> = [
    [120, 200, 70, 140, -0.5],
    [280, 200, 70, 140, -0.5],
    [200, 330, 60, 40, 0.3],
    [150, 120, 12, 12, 0.4],
    [300, 280, 20, 20, 0.3],
    ...extra,
  ];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      // The anatomy point shown at this pixel: prior = (current − offset) / scale.
      const x = (c * spacing - dx) / scale;
      const y = (r * spacing - dy) / scale;
      let v = x > 40 && x < 360 && y > 40 && y < 400 ? 0.7 : 0.05;
      for (const [bx, by, rx, ry, a] of blobs) if (((x - bx) / rx) ** 2 + ((y - by) / ry) ** 2 < 1) v += a;
      v = Math.min(1, Math.max(0, v)) ** gamma;
      stored[r * cols + c] = Math.round((monochrome1 ? 1 - v : v) * 4000);
    }
  return { image: { key: 'x', stored, rows, cols, display: { slope: 1, intercept: 0, monochrome1 } }, spacingMm: [spacing, spacing] };
}

describe('alignFilms', () => {
  it('finds the shift and magnification between two films of the same anatomy, whatever their tone', () => {
    const prior = film(1, [0, 0], 2);
    const current = film(1.05, [-18, 24], 1.6, 1.6, true);
    const a = alignFilms(prior, current);
    expect(a.scale).toBeCloseTo(1.05, 1);
    expect(Math.abs(a.offsetMm[0] + 18)).toBeLessThan(5);
    expect(Math.abs(a.offsetMm[1] - 24)).toBeLessThan(5);
    expect(a.correlation).toBeGreaterThan(0.8);
    // A box on the prior (the small blob at 150, 120 mm) lands on the same anatomy on the current film.
    const [x0, y0, x1, y1] = priorBoxOnCurrent([138 / 2, 108 / 2, 162 / 2, 132 / 2], a, [2, 2], [1.6, 1.6]);
    expect(Math.abs((x0 + x1) / 2 - (150 * 1.05 - 18) / 1.6)).toBeLessThan(4);
    expect(Math.abs((y0 + y1) / 2 - (120 * 1.05 + 24) / 1.6)).toBeLessThan(4);
  });

  it('is the identity for the same film', () => {
    const a = alignFilms(film(1, [0, 0], 2), film(1, [0, 0], 2));
    expect(a.scale).toBeCloseTo(1, 2);
    expect(a.offsetMm.map(Math.abs).every((v) => v < 2)).toBe(true);
  });

  it('shows what changed between the aligned films, and nothing where nothing did', () => {
    const prior = film(1, [0, 0], 2);
    // The same anatomy, shifted and exposed differently, with a new opacity at (120, 300) mm.
    const current = film(1.03, [10, -8], 1.5, 1.4, false, [[120, 300, 25, 25, 0.35]]);
    const difference = regionDifferences(prior, current, alignFilms(prior, current));
    const at = (x: number, y: number, r: number) =>
      [(x * 1.03 + 10 - r) / 1.5, (y * 1.03 - 8 - r) / 1.5, (x * 1.03 + 10 + r) / 1.5, (y * 1.03 - 8 + r) / 1.5] as [
        number,
        number,
        number,
        number,
      ];
    expect(difference(at(120, 300, 25)).signed).toBeGreaterThan(0.1);
    expect(difference(at(120, 300, 25)).peak).toBeGreaterThan(0.1);
    // In a larger box, the changed quarter still stands out where the mean is diluted.
    expect(difference(at(120, 300, 40)).focused).toBeGreaterThan(2 * difference(at(120, 300, 40)).signed);
    // The field of view differs by the magnification, which shifts every rank a little: the change stands well above it.
    expect(Math.abs(difference(at(280, 150, 25)).signed)).toBeLessThan(0.06);
    // Read outside an excluded box (a neighbour that changed), the new blob's change is left out.
    const box = at(120, 300, 40);
    const blob = at(120, 300, 22);
    const outside = difference(box, [blob]);
    expect(outside.cells).toBeLessThan(difference(box).cells);
    expect(outside.cells).toBeGreaterThan(0.4 * difference(box).cells);
    expect(Math.abs(outside.focused)).toBeLessThan(0.5 * difference(box).focused);
  });
});
