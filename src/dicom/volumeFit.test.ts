import { describe, expect, it } from 'vitest';
import { testInstance } from './__fixtures__/testInstances';
import type { InstanceHeader } from './instanceHeader';
import { fitsBudget, volumeFitOf } from './volumeFit';

const AXIAL = [1, 0, 0, 0, 1, 0];
const slice = (z: number, k: number, extra: Partial<InstanceHeader> = {}) =>
  testInstance({
    sopInstanceUID: `1.2.${k}`,
    instanceNumber: k + 1,
    imagePositionPatient: [0, 0, z],
    imageOrientationPatient: AXIAL,
    ...extra,
  });
const seriesOf = (instances: ReturnType<typeof slice>[], modality = 'CT') => ({
  modality,
  instances,
  imageIds: instances.flatMap((i) => i.imageIds),
});
const evenly = (n: number, step = 2) => Array.from({ length: n }, (_, k) => slice(k * step, k));

describe('volumeFitOf', () => {
  it('takes evenly spaced slices of one orientation, in any order, with their spacing and size', () => {
    const fit = volumeFitOf(seriesOf(evenly(10).reverse()));
    expect(fit).toEqual({ fits: true, sliceCount: 10, sliceSpacing: 2, rows: 4, columns: 4, bytes: 4 * 4 * 10 * 2 });
  });

  it('accepts positions rounded by the scanner', () => {
    const rounded = [0, 1.25, 2.5, 3.75, 5.01, 6.24].map((z, k) => slice(z, k));
    expect(volumeFitOf(seriesOf(rounded)).fits).toBe(true);
  });

  it('names a missing slice and where it is', () => {
    const gap = evenly(10).filter((_, k) => k !== 4);
    expect(volumeFitOf(seriesOf(gap))).toEqual({
      fits: false,
      reason: 'a slice is missing: 4 mm between images 4 and 6 where the others are 2 mm apart',
    });
  });

  it('names uneven spacing that is not a missing slice', () => {
    const uneven = [0, 2, 4, 7, 9, 11].map((z, k) => slice(z, k));
    expect(volumeFitOf(seriesOf(uneven))).toMatchObject({ fits: false, reason: expect.stringContaining('unevenly spaced: 3 mm') });
  });

  it('refuses mixed orientations, e.g. a localiser among the slices', () => {
    const mixed = [...evenly(5), slice(0, 9, { imageOrientationPatient: [1, 0, 0, 0, 0, -1] })];
    expect(volumeFitOf(seriesOf(mixed))).toMatchObject({ fits: false, reason: expect.stringContaining('more than one orientation') });
  });

  it('refuses repeated positions, different sizes, missing geometry and other frames of reference', () => {
    const repeated = [...evenly(4), slice(2, 7)];
    expect(volumeFitOf(seriesOf(repeated))).toMatchObject({ reason: expect.stringContaining('same position') });
    const sizes = [...evenly(4), slice(8, 5, { rows: 8 })];
    expect(volumeFitOf(seriesOf(sizes))).toMatchObject({ reason: expect.stringContaining('not all the same size') });
    const noPosition = [...evenly(4), slice(8, 5, { imagePositionPatient: undefined })];
    expect(volumeFitOf(seriesOf(noPosition))).toMatchObject({ reason: expect.stringContaining('position and orientation') });
    const frames = [...evenly(4), slice(8, 5, { frameOfReferenceUID: '9.9' })];
    expect(volumeFitOf(seriesOf(frames))).toMatchObject({ reason: expect.stringContaining('frame of reference') });
  });

  it('refuses a radiograph, a single image, too few slices and multi-frame images', () => {
    expect(volumeFitOf(seriesOf([slice(0, 0)], 'CR'))).toMatchObject({ reason: 'a CR series is not a cross-sectional volume' });
    expect(volumeFitOf(seriesOf([slice(0, 0)]))).toMatchObject({ reason: 'it has 1 image, too few for a volume' });
    expect(volumeFitOf(seriesOf(evenly(2)))).toMatchObject({ reason: 'it has 2 images, too few for a volume' });
    const multiFrame = [slice(0, 0, { numberOfFrames: 40 })];
    expect(volumeFitOf(seriesOf(multiFrame))).toMatchObject({ reason: expect.stringContaining('multi-frame') });
  });
});

describe('fitsBudget', () => {
  it('compares the volume with the budget in MiB', () => {
    const ct600 = 512 * 512 * 600 * 2;
    expect(fitsBudget(ct600, 300)).toBe(true);
    expect(fitsBudget(ct600, 299)).toBe(false);
  });
});
