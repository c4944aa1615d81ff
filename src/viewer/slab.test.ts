import { describe, expect, it } from 'vitest';
import { slabLabel, THIN } from './slab';

describe('slabLabel', () => {
  it('names the projection and its thickness, nothing when thin', () => {
    expect(slabLabel({ mode: 'mip', thicknessMm: 10 })).toBe('MIP 10 mm');
    expect(slabLabel({ mode: 'minip', thicknessMm: 7.25 })).toBe('MinIP 7.3 mm');
    expect(slabLabel({ mode: 'average', thicknessMm: 5 })).toBe('Average 5 mm');
    expect(slabLabel(THIN)).toBe('');
  });
});
