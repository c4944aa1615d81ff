import { describe, expect, it } from 'vitest';
import { displayedPixels } from './display';

describe('display mapping', () => {
  it('applies rescale, window and MONOCHROME1 inversion', () => {
    const shown = displayedPixels([0, 100, 200], { slope: 2, intercept: -100, window: { center: 100, width: 200 }, monochrome1: false });
    expect(Array.from(shown)).toEqual([0, 0.5, 1]);
    const inverted = displayedPixels([0, 100, 200], { slope: 1, intercept: 0, monochrome1: true });
    expect(Array.from(inverted)).toEqual([1, 0.5, 0]);
  });
});
