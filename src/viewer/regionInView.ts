// How far to move the film to show a selected finding's region (#38). Centring the region, as the
// viewer did, pushed half the film off the screen for a region near its edge at the fitted zoom.
// Now a region already in view does not move the film at all; one out of view is brought toward the
// centre only as far as the film stays in view — wholly, where it is smaller than the viewport, or
// still covering it, where it is larger. Canvas pixels; plain TypeScript.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The four corners of a box [x0, y0, x1, y1]. */
export function cornersOf([x0, y0, x1, y1]: readonly number[]): Array<[number, number]> {
  return [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ];
}

/** The smallest rectangle holding the points. */
export function rectAround(points: Array<readonly [number, number]>): Rect {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

/**
 * The move along one axis: none where the region is in view along it; else toward centring the
 * region, within what keeps the film in view (and never taking it further out of view than it is).
 */
function along(regionLow: number, regionHigh: number, imageLow: number, imageHigh: number, size: number): number {
  if (regionLow >= 0 && regionHigh <= size) return 0;
  const wanted = size / 2 - (regionLow + regionHigh) / 2;
  // Smaller than the view: the film may move until an edge meets the view's; larger: until an edge comes in.
  const a = -imageLow;
  const b = size - imageHigh;
  const lo = Math.min(a, b, 0);
  const hi = Math.max(a, b, 0);
  return Math.min(hi, Math.max(lo, wanted));
}

/**
 * The move [dx, dy] (canvas pixels; positive moves the film right and down) that shows `region` of
 * a film at `image` on a `width` × `height` canvas: none while the region is wholly in view.
 */
export function panToShow(region: Rect, image: Rect, width: number, height: number): [number, number] {
  return [
    along(region.left, region.right, image.left, image.right, width),
    along(region.top, region.bottom, image.top, image.bottom, height),
  ];
}
