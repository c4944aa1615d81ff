// A measurement group another viewer wrote for one of Cornerstone3D's tools (OHIF names the tool in
// its Tracking Identifier, "Cornerstone3DTools@^0.1.0:Bidirectional") read as the measurement Lucent's
// own tools make: the tool, its points from the SCOORDs its values are inferred from, and its values
// from the NUMs with their units back from UCUM. The codes and shapes are those Lucent's SR writes too
// (sr/measurementCodes.ts), so a measurement reads the same whoever wrote it.
import type { MeasuredValue, Point2, RegionMeasurement, ValueName } from '../measurement';
import { conceptOf, type Item } from '../sr/items';
import { CENTER, pointsOf, toolOfTrackingIdentifier, unitOfCode, valueNameOf, type Shape, type ShapeType } from '../sr/measurementCodes';
import { items } from './scoord';

/** A measurement of another viewer's report, on the image it names. */
export interface ImportedToolMeasurement {
  measurement: RegionMeasurement;
  sopInstanceUID: string;
  /** 1-based frame of a multi-frame image. */
  frame?: number;
}

const str = (v: unknown) => String(Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const numbers = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(Number);
/** GraphicData is float32: a thousandth of a pixel gives back the numbers that were written. */
const pairs = (p: number[]): Point2[] =>
  p.flatMap((v, i) => (i % 2 ? [] : [[Math.round(v * 1000) / 1000, Math.round(p[i + 1] * 1000) / 1000] as Point2]));
const isCenter = (i: Item) => str(conceptOf(i)?.CodeValue) === CENTER.CodeValue && str(conceptOf(i)?.CodingSchemeDesignator) === 'DCM';

function valueOf(num: Item, name: ValueName): MeasuredValue | undefined {
  const measured = items(num.MeasuredValueSequence)[0];
  const value = numbers(measured?.NumericValue)[0];
  if (!measured || str(measured.NumericValue) === '' || !Number.isFinite(value)) return undefined;
  return { name, value, unit: unitOfCode(items(measured.MeasurementUnitsCodeSequence)[0]) };
}

/** Pixels from an arrow's tip to the tail Lucent draws it with, when its SR gives only the point it marks. */
export const ARROW_TAIL_PX = 30;

/** An arrow read as the point it marks (as OHIF writes one) gets a tail up and to the right, so it can be drawn. */
function withTail(tool: string, points: Array<[number, number]>): Array<[number, number]> {
  if (tool !== 'arrow' || points.length !== 1) return points;
  const [x, y] = points[0];
  return [points[0], [x + ARROW_TAIL_PX, y - ARROW_TAIL_PX]];
}

/**
 * The measurement of a group whose Tracking Identifier names a Cornerstone3D tool Lucent has, or
 * undefined (another identifier, no shape, no image). `label` is the arrow's text (OHIF writes it
 * as the group's free-text Finding). Lengths in pixels (an image without spacing) make it uncalibrated.
 */
export function toolMeasurementOf(
  children: Item[],
  trackingId: string | undefined,
  trackingUid: string | undefined,
  label?: string,
): ImportedToolMeasurement | undefined {
  const tool = toolOfTrackingIdentifier(trackingId);
  if (!tool) return undefined;
  const shapes: Partial<Record<ValueName | 'center', Shape>> = {};
  const values: MeasuredValue[] = [];
  let image: Item | undefined;
  for (const num of children.filter((c) => c.ValueType === 'NUM')) {
    const name = valueNameOf(conceptOf(num)) ?? (isCenter(num) ? 'center' : undefined);
    if (!name) continue;
    const value = name === 'center' ? undefined : valueOf(num, name);
    if (value) values.push(value);
    const shape = items(num.ContentSequence).find((c) => c.ValueType === 'SCOORD');
    if (!shape || shapes[name]) continue;
    shapes[name] = { graphicType: str(shape.GraphicType).toUpperCase() as ShapeType, points: pairs(numbers(shape.GraphicData)) };
    image ??= items(shape.ContentSequence).find((c) => c.ValueType === 'IMAGE');
  }
  const points = withTail(tool, pointsOf(tool, shapes));
  const ref = items(image?.ReferencedSOPSequence)[0];
  const sopInstanceUID = str(ref?.ReferencedSOPInstanceUID);
  if (!points.length || points.some((p) => !p.every(Number.isFinite)) || !sopInstanceUID) return undefined;
  const frame = numbers(ref?.ReferencedFrameNumber)[0];
  return {
    measurement: {
      tool,
      points,
      values,
      calibrated: !values.some((v) => v.unit === 'px' || v.unit === 'px²'),
      trackingUid: trackingUid ?? '',
      ...(tool === 'arrow' && label ? { label } : {}),
    },
    sopInstanceUID,
    ...(Number.isInteger(frame) && frame > 0 ? { frame } : {}),
  };
}
