// Whether a series can be read as a volume (MPR, slabs): Cornerstone's streaming volume sorts the
// slices itself and takes one spacing for all of them (first to last over n − 1), so a series with a
// missing slice, uneven spacing, mixed orientations or sizes would be drawn stretched or shifted
// without a warning. Checked here on the headers, before any pixel is loaded, with the reason in words.
import type { LoadedInstance, Series } from './studies';

export type VolumeFit =
  { fits: true; sliceCount: number; sliceSpacing: number; rows: number; columns: number; bytes: number } | { fits: false; reason: string };

/** Modalities read as volumes: cross-sectional images of one acquisition. */
const VOLUME_MODALITIES = ['CT', 'MR', 'PT', 'NM'];
/** Directions closer than about 2.5° are one orientation (as geometry.ts links scrolling). */
const SAME_DIRECTION = 0.999;
/** Spacing may vary by this fraction of the typical spacing (scanners write positions rounded to 0.01 mm). */
const SPACING_TOLERANCE = 0.1;
/** Fewer slices than this make no useful coronal or sagittal plane. */
const MIN_SLICES = 3;
/** Cornerstone keeps integer CT and MR voxels as 16-bit (Int16/Uint16); float data would double this. */
const BYTES_PER_VOXEL = 2;

const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: number[], b: number[]) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mm = (value: number) => `${Number(value.toFixed(2))} mm`;

const no = (reason: string): VolumeFit => ({ fits: false, reason });

function sameOrientation(a: number[], b: number[]): boolean {
  return dot(a.slice(0, 3), b.slice(0, 3)) > SAME_DIRECTION && dot(a.slice(3, 6), b.slice(3, 6)) > SAME_DIRECTION;
}

/** Why the slices' shape and orientation do not make one volume, or undefined when they do. */
function shapeProblem(instances: LoadedInstance[]): string | undefined {
  const first = instances[0].header;
  if (instances.some((i) => i.header.rows !== first.rows || i.header.columns !== first.columns))
    return 'its images are not all the same size';
  const orientation = first.imageOrientationPatient;
  if (!orientation || orientation.length !== 6 || instances.some((i) => !i.header.imagePositionPatient))
    return 'its images do not state their position and orientation in the patient';
  if (instances.some((i) => !i.header.imageOrientationPatient || !sameOrientation(i.header.imageOrientationPatient, orientation)))
    return 'its images are in more than one orientation (e.g. a localiser among the slices)';
  if (new Set(instances.map((i) => i.header.frameOfReferenceUID)).size > 1) return 'its images are in more than one frame of reference';
  return undefined;
}

/** Why the positions along the slice normal are not evenly spaced, or undefined (with the spacing) when they are. */
function spacingOf(instances: LoadedInstance[]): { problem: string } | { spacing: number } {
  const orientation = instances[0].header.imageOrientationPatient!;
  const normal = cross(orientation.slice(0, 3), orientation.slice(3, 6));
  const slices = instances
    .map((instance, k) => ({
      distance: dot(instance.header.imagePositionPatient!, normal),
      number: instance.header.instanceNumber ?? k + 1,
    }))
    .sort((a, b) => a.distance - b.distance);
  const distances = slices.map((s) => s.distance);
  const gaps = distances.slice(1).map((d, k) => d - distances[k]);
  if (gaps.some((g) => g < 0.01)) return { problem: 'two of its images are at the same position (a repeated or overlapping acquisition)' };
  const typical = median(gaps);
  const uneven = gaps.findIndex((g) => Math.abs(g - typical) > SPACING_TOLERANCE * typical);
  if (uneven < 0) return { spacing: (distances[distances.length - 1] - distances[0]) / gaps.length };
  const gap = gaps[uneven];
  // Named by their instance numbers, as the overlay shows them ("Im 6"), lower first.
  const [a, b] = [slices[uneven].number, slices[uneven + 1].number].sort((x, y) => x - y);
  // A gap near a whole multiple of the spacing is slices missing; anything else is uneven spacing.
  const multiple = gap / typical;
  const missing = Math.abs(multiple - Math.round(multiple)) < 0.25 && Math.round(multiple) >= 2;
  return {
    problem: missing
      ? `a slice is missing: ${mm(gap)} between images ${a} and ${b} where the others are ${mm(typical)} apart`
      : `its slices are unevenly spaced: ${mm(gap)} between images ${a} and ${b}, ${mm(typical)} elsewhere`,
  };
}

/** Whether the series forms a volume for MPR, and if not, why (a sentence that completes "MPR is not offered: …"). */
export function volumeFitOf(series: Pick<Series, 'modality' | 'instances' | 'imageIds'>): VolumeFit {
  const { instances } = series;
  if (!VOLUME_MODALITIES.includes(series.modality)) return no(`a ${series.modality || 'image'} series is not a cross-sectional volume`);
  if (instances.some((i) => i.header.numberOfFrames > 1)) return no('multi-frame images are shown frame by frame, not as a volume');
  if (instances.length < MIN_SLICES)
    return no(`it has ${instances.length} image${instances.length === 1 ? '' : 's'}, too few for a volume`);
  const shape = shapeProblem(instances);
  if (shape) return no(shape);
  const spacing = spacingOf(instances);
  if ('problem' in spacing) return no(spacing.problem);
  const { rows, columns } = instances[0].header;
  const bytes = rows * columns * instances.length * BYTES_PER_VOXEL;
  return { fits: true, sliceCount: instances.length, sliceSpacing: spacing.spacing, rows, columns, bytes };
}

/** Whether a volume of that many bytes fits the image memory budget (MiB) that the stacks share. */
export function fitsBudget(bytes: number, budgetMB: number): boolean {
  return bytes <= budgetMB * 1024 * 1024;
}
