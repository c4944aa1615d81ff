import { describe, expect, it } from 'vitest';
import { outwardOrder } from './prefetch';

describe('prefetch order', () => {
  it('goes outward from the frame on screen, then to the end that is left', () => {
    expect(outwardOrder(7, 3)).toEqual([3, 4, 2, 5, 1, 6, 0]);
    expect(outwardOrder(5, 0)).toEqual([0, 1, 2, 3, 4]);
    expect(outwardOrder(5, 4)).toEqual([4, 3, 2, 1, 0]);
    expect(outwardOrder(1, 0)).toEqual([0]);
  });
});
