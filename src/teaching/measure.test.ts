import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureRegion } from './measure';

describe('measureRegion', () => {
  it('gives the sample case’s ground-truth sizes from its boxes, within one pixel spacing', () => {
    const truth = JSON.parse(readFileSync('public/samples/chest-dx/IMG0001.json', 'utf8'));
    const spacing = truth.pixel_spacing_mm as [number, number];
    for (const f of truth.findings.filter((x: { size_meaning: string }) => ['diameter', 'heart width'].includes(x.size_meaning))) {
      const [m] = measureRegion(f.type, f.boxes[0], spacing);
      expect(Math.abs(m.mm - f.size_mm), f.type).toBeLessThanOrEqual(spacing[0]);
    }
  });

  it('uses column spacing across and row spacing down, and needs a spacing', () => {
    expect(measureRegion('consolidation', [0, 0, 100, 50], [0.5, 0.2])).toEqual([
      { label: 'width', mm: 20 },
      { label: 'height', mm: 25 },
    ]);
    expect(measureRegion('nodule', [0, 0, 10, 10], undefined)).toEqual([]);
  });
});
