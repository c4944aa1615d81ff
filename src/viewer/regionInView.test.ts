// Showing a selected finding's region keeps the film on the screen (#38).
import { describe, expect, it } from 'vitest';
import { panToShow, rectAround, type Rect } from './regionInView';

// A square film fitted to an 856 × 782 viewport, as the chest sample opens: 37 px margins left and right.
const W = 856;
const H = 782;
const fitted: Rect = { left: 37, top: 0, right: 819, bottom: 782 };
const at = (x: number, y: number, size = 60): Rect => ({ left: x, top: y, right: x + size, bottom: y + size });

describe('showing a region', () => {
  it('leaves the film where it is when the region is in view, even near its edge', () => {
    // Centring this one moved the film 350 px right: its right half went off the screen.
    expect(panToShow(at(45, 300), fitted, W, H)).toEqual([0, 0]);
    expect(panToShow(at(750, 700), fitted, W, H)).toEqual([0, 0]);
  });

  it('brings a region out of view toward the centre only until the film’s edge meets the viewport’s', () => {
    // Zoomed 3×: the film is 2346 px wide, centred; a region near its left edge is off the screen.
    const zoomed: Rect = { left: -745, top: -782, right: 1601, bottom: 1564 };
    const [dx, dy] = panToShow(at(-700, 300), zoomed, W, H);
    expect(dx).toBe(745);
    expect(dy).toBe(0);
    // The film still covers the viewport, and the region is in view.
    expect(zoomed.left + dx).toBe(0);
    expect(-700 + dx).toBeGreaterThanOrEqual(0);
    // Nearer the film's middle, the region is centred (its centre, at −70, moves to 428): the film still covers the viewport.
    expect(panToShow(at(-100, 300), zoomed, W, H)).toEqual([498, 0]);
  });

  it('never takes a film the reader moved further out of view, and never beyond its edge along the other axis', () => {
    // Panned right, partly off the screen; a region above the viewport is brought down only as far as the film's top.
    const panned: Rect = { left: 500, top: -200, right: 1283, bottom: 582 };
    expect(panToShow(at(600, -150), panned, W, H)).toEqual([0, 200]);
  });

  it('bounds points', () => {
    expect(
      rectAround([
        [3, 9],
        [-1, 4],
        [7, -2],
      ]),
    ).toEqual({ left: -1, top: -2, right: 7, bottom: 9 });
  });
});
