// Image regions of an SR written by another tool: each SCOORD (PS3.3 C.18.6) with the image it is
// drawn on (its SELECTED FROM IMAGE child) as a bounding box in image pixels. Column, row pairs
// (C.18.6.1.2); a shape Lucent does not know, or one without its image, gives no region.
import type { Box } from '../../findings/box';
import { list, type Item } from '../sr/items';

export type GraphicType = 'POINT' | 'MULTIPOINT' | 'POLYLINE' | 'POLYGON' | 'CIRCLE' | 'ELLIPSE';

/** A region of another tool's report: the shape's bounding box on one image (or frame). */
export interface ImportedRegion {
  /** x0, y0, x1, y1 in image pixels (columns, rows); a point or a straight line has no width or height. */
  box: Box;
  graphicType: GraphicType;
  sopInstanceUID: string;
  /** 1-based frame of a multi-frame image. */
  frame?: number;
}

/** The items of a sequence, leaving out anything that is not an item (malformed content). */
export const items = (v: unknown): Item[] => list(v).filter((i) => !!i && typeof i === 'object' && !Array.isArray(i));

/** GraphicData is float32: a thousandth of a pixel gives back the numbers that were written. */
const round = (v: number) => Math.round(v * 1000) / 1000;

function numbers(value: unknown): number[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map(Number);
}

function spanOf(xs: number[], ys: number[]): Box {
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The bounding box of a SCOORD's shape, or undefined when the shape is unknown or its data do not fit it. */
export function boundingBox(graphicType: string, graphicData: unknown): Box | undefined {
  const p = numbers(graphicData);
  if (!p.length || p.length % 2 || p.some((v) => !Number.isFinite(v))) return undefined;
  const xs = p.filter((_, i) => i % 2 === 0);
  const ys = p.filter((_, i) => i % 2 === 1);
  switch (graphicType) {
    case 'POINT':
      return xs.length === 1 ? spanOf(xs, ys) : undefined;
    case 'MULTIPOINT':
    case 'POLYLINE':
    case 'POLYGON':
      return spanOf(xs, ys);
    case 'CIRCLE': {
      // The centre, then a point on the circle.
      if (xs.length !== 2) return undefined;
      const r = Math.hypot(xs[1] - xs[0], ys[1] - ys[0]);
      return [xs[0] - r, ys[0] - r, xs[0] + r, ys[0] + r];
    }
    case 'ELLIPSE': {
      // The ends of the major axis, then of the minor axis: the box of the (possibly tilted) ellipse.
      if (xs.length !== 4) return undefined;
      const [cx, cy] = [(xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2];
      const [ax, ay, bx, by] = [(xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2, (xs[3] - xs[2]) / 2, (ys[3] - ys[2]) / 2];
      const [hx, hy] = [Math.hypot(ax, bx), Math.hypot(ay, by)];
      return [cx - hx, cy - hy, cx + hx, cy + hy];
    }
    default:
      return undefined;
  }
}

const GRAPHIC_TYPES = new Set<string>(['POINT', 'MULTIPOINT', 'POLYLINE', 'POLYGON', 'CIRCLE', 'ELLIPSE']);

/** The region of one SCOORD item, or undefined (an unknown shape, bad data, no image referenced). */
export function regionOf(scoord: Item): ImportedRegion | undefined {
  const graphicType = String(scoord.GraphicType ?? '')
    .trim()
    .toUpperCase();
  if (scoord.ValueType !== 'SCOORD' || !GRAPHIC_TYPES.has(graphicType)) return undefined;
  const image = items(scoord.ContentSequence).find((c) => c.ValueType === 'IMAGE');
  const ref = items(image?.ReferencedSOPSequence)[0];
  const sopInstanceUID = String(ref?.ReferencedSOPInstanceUID ?? '').trim();
  const box = boundingBox(graphicType, scoord.GraphicData);
  if (!sopInstanceUID || !box) return undefined;
  const frame = numbers(ref?.ReferencedFrameNumber)[0];
  return {
    box: box.map(round) as Box,
    graphicType: graphicType as GraphicType,
    sopInstanceUID,
    ...(Number.isInteger(frame) && frame > 0 ? { frame } : {}),
  };
}

/**
 * The regions drawn in a group of content items: SCOORDs among them (a planar ROI's Image Region,
 * as highdicom writes it) and those a measurement is INFERRED FROM (as OHIF writes them), each once.
 */
export function regionsIn(content: Item[]): ImportedRegion[] {
  const scoords = items(content).flatMap((i) =>
    i.ValueType === 'SCOORD' ? [i] : items(i.ContentSequence).filter((c) => c.ValueType === 'SCOORD'),
  );
  const regions = scoords.map(regionOf).filter((r): r is ImportedRegion => !!r);
  const seen = new Set<string>();
  return regions.filter((r) => {
    const key = JSON.stringify(r);
    return !seen.has(key) && !!seen.add(key);
  });
}
