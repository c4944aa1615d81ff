// A rectangle [x0, y0, x1, y1]: in image pixels on a report's regions, in 0..1 of the model's input
// square inside the model runtime. One type for both; the unit is said where a box is used.
export type Box = [number, number, number, number];

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/** For each true box, its best overlap with any predicted box. */
export function bestIous(truth: Box[], predicted: Box[]): number[] {
  return truth.map((t) => predicted.reduce((best, p) => Math.max(best, iou(t, p)), 0));
}

/** The smallest box holding all of them; undefined for none. */
export const unionOf = (boxes: Box[]): Box | undefined =>
  boxes.length
    ? [
        Math.min(...boxes.map((b) => b[0])),
        Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])),
        Math.max(...boxes.map((b) => b[3])),
      ]
    : undefined;

export const boxArea = (b: Box): number => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);

/** The share of `a` that `b` covers (0..1). */
export function coveredShare(a: Box, b: Box): number {
  const inner: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return boxArea(a) > 0 && inner[2] > inner[0] && inner[3] > inner[1] ? boxArea(inner) / boxArea(a) : 0;
}

/** The box widened on each side by `share` of its width and height. */
export function grownBy(b: Box, share: number): Box {
  const [dx, dy] = [(b[2] - b[0]) * share, (b[3] - b[1]) * share];
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}
