import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from './instanceHeader';
import { sameGeometry, scrollTogether, stackGeometry } from './geometry';
import type { LoadedInstance } from './studies';

const AXIAL = [1, 0, 0, 0, 1, 0];
const CORONAL = [1, 0, 0, 0, 0, -1];

/** A series of `count` slices `step` mm apart along z (or along -y for coronal), one frame each. */
function stack(count: number, step: number, orientation: number[] | null = AXIAL, frames = 1) {
  const instances = Array.from({ length: count }, (_, k): LoadedInstance => {
    const offset = k * step;
    const position: [number, number, number] = orientation === CORONAL ? [0, -offset, 0] : [0, 0, offset];
    const header = {
      imageOrientationPatient: orientation ?? undefined,
      imagePositionPatient: orientation ? position : undefined,
      instanceNumber: k + 1,
    } as Partial<InstanceHeader>;
    return { header: header as InstanceHeader, source: `${k}.dcm`, imageIds: Array.from({ length: frames }, (_, f) => `img:${k}:${f}`) };
  });
  return { instances, imageIds: instances.flatMap((i) => i.imageIds) };
}

describe('stack geometry', () => {
  it('reads orientation, slice count and the signed step between slices', () => {
    expect(stackGeometry(stack(10, 2.5))).toEqual({ orientation: AXIAL, sliceCount: 10, sliceStep: 2.5 });
    expect(stackGeometry(stack(10, -2.5))?.sliceStep).toBe(-2.5);
  });

  it('has none for single images, multi-frame instances, or slices without position or orientation', () => {
    expect(stackGeometry(stack(1, 2))).toBeUndefined();
    expect(stackGeometry(stack(5, 2, AXIAL, 3))).toBeUndefined();
    expect(stackGeometry(stack(5, 2, null))).toBeUndefined();
    // Every slice at the same place (a series of radiographs): nothing to scroll through.
    expect(stackGeometry(stack(5, 0))).toBeUndefined();
  });

  it('scrolls two stacks together only with the same orientation, count, direction and spacing within 1 %', () => {
    expect(scrollTogether(stack(40, 5), stack(40, 5))).toBe(true);
    expect(scrollTogether(stack(40, 5), stack(40, 5.04))).toBe(true);
    expect(scrollTogether(stack(40, 5), stack(40, 5.1))).toBe(false);
    expect(scrollTogether(stack(40, 5), stack(41, 5))).toBe(false);
    expect(scrollTogether(stack(40, 5), stack(40, -5))).toBe(false);
    expect(scrollTogether(stack(40, 5), stack(40, 5, CORONAL))).toBe(false);
    expect(scrollTogether(stack(1, 5), stack(1, 5))).toBe(false);
  });

  it('tolerates orientations a degree apart, not ten', () => {
    const tilt = (deg: number) => {
      const r = (deg * Math.PI) / 180;
      return { orientation: [1, 0, 0, 0, Math.cos(r), Math.sin(r)], sliceCount: 20, sliceStep: 3 };
    };
    expect(sameGeometry(tilt(0), tilt(1))).toBe(true);
    expect(sameGeometry(tilt(0), tilt(10))).toBe(false);
  });
});
