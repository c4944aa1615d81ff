import { describe, expect, it } from 'vitest';
import { activate, assign, cellCount, filledViewports, gridOf, withLayout, type DisplaySet } from './viewportGrid';

const ct: DisplaySet = { studyUID: 's1', seriesUID: 'ct', role: 'current' };
const prior: DisplaySet = { studyUID: 's0', seriesUID: 'old', role: 'prior' };

describe('the viewport grid', () => {
  it('lays display sets out in reading order, leaving the other cells empty, the first viewport active', () => {
    const grid = gridOf('2x2', [ct, prior]);
    expect(grid.viewports.map((v) => [v.id, v.displaySet?.seriesUID])).toEqual([
      ['viewport-1', 'ct'],
      ['viewport-2', 'old'],
      ['viewport-3', undefined],
      ['viewport-4', undefined],
    ]);
    expect(grid.activeViewportId).toBe('viewport-1');
    expect([cellCount('1x1'), cellCount('1x2'), cellCount('2x1'), cellCount('2x2'), cellCount('1x3')]).toEqual([1, 2, 2, 4, 3]);
  });

  it('keeps what fits when the layout changes, and the active viewport while it exists', () => {
    const grid = activate(gridOf('1x3', [ct, prior, ct]), 'viewport-3');
    const smaller = withLayout(grid, '1x2');
    expect(smaller.viewports.map((v) => v.displaySet?.seriesUID)).toEqual(['ct', 'old']);
    expect(smaller.activeViewportId).toBe('viewport-1');
    const larger = withLayout(activate(smaller, 'viewport-2'), '2x2');
    expect(larger.viewports.map((v) => v.displaySet?.seriesUID)).toEqual(['ct', 'old', undefined, undefined]);
    expect(larger.activeViewportId).toBe('viewport-2');
  });

  it('assigns a display set to one viewport and ignores unknown viewports', () => {
    const grid = gridOf('1x2', [ct]);
    const assigned = assign(grid, 'viewport-2', prior);
    expect(filledViewports(assigned).map((v) => v.displaySet.role)).toEqual(['current', 'prior']);
    expect(assign(grid, 'viewport-9', prior)).toBe(grid);
    expect(activate(grid, 'viewport-9')).toBe(grid);
    expect(filledViewports(assign(assigned, 'viewport-1', undefined)).map((v) => v.id)).toEqual(['viewport-2']);
  });
});
