// Whether two series can scroll together slice for slice: a prior beside the current study is
// linked for scrolling only when both are stacks of the same shape — the same orientation, the
// same number of slices, the same spacing between them (within 1 %) and the same viewing direction.
import { distancesAlongNormal, type Series } from './studies';

export interface StackGeometry {
  /** Row then column direction cosines of the first slice. */
  orientation: number[];
  sliceCount: number;
  /** Signed distance from one slice to the next in viewing order (mm), the mean over the stack. */
  sliceStep: number;
}

/** The stack's geometry, or undefined when it is not a stack of single-frame slices with positions. */
export function stackGeometry(series: Pick<Series, 'instances' | 'imageIds'>): StackGeometry | undefined {
  const { instances } = series;
  if (instances.length < 2 || series.imageIds.length !== instances.length || instances.some((i) => i.imageIds.length !== 1))
    return undefined;
  const orientation = instances[0].header.imageOrientationPatient;
  const distances = distancesAlongNormal(instances);
  if (!orientation || orientation.length !== 6 || !distances) return undefined;
  const sliceStep = (distances[distances.length - 1] - distances[0]) / (distances.length - 1);
  return { orientation, sliceCount: instances.length, sliceStep };
}

const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
/** Directions closer than about 2.5°. */
const SAME_DIRECTION = 0.999;

export function sameGeometry(a: StackGeometry, b: StackGeometry): boolean {
  const sameOrientation =
    dot(a.orientation.slice(0, 3), b.orientation.slice(0, 3)) > SAME_DIRECTION &&
    dot(a.orientation.slice(3), b.orientation.slice(3)) > SAME_DIRECTION;
  const sameStep =
    Math.sign(a.sliceStep) === Math.sign(b.sliceStep) &&
    Math.abs(a.sliceStep - b.sliceStep) <= 0.01 * Math.max(Math.abs(a.sliceStep), Math.abs(b.sliceStep));
  return sameOrientation && a.sliceCount === b.sliceCount && sameStep;
}

/** True when the two series scroll together (see above); single images and stacks without geometry never do. */
export function scrollTogether(a: Pick<Series, 'instances' | 'imageIds'>, b: Pick<Series, 'instances' | 'imageIds'>): boolean {
  const ga = stackGeometry(a);
  const gb = stackGeometry(b);
  return !!ga && !!gb && sameGeometry(ga, gb);
}
