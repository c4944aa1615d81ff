// A finding's regions in Lucent's SR, and back: a region the reader drew is an Image Region (a closed
// polyline around its box); a measurement is written the way OHIF writes its TID 1501 groups — a NUM
// per value (measurementCodes.ts) INFERRED FROM the SCOORD of the tool's true shape, SELECTED FROM
// its image — so OHIF and other TID 1500 readers show and read it.
//
// What TID 1500 has no place for (the tool, whether the image was calibrated and how, the tracking
// UID of each of several measurements, an arrow's text and tail, the region's box) rides in a TEXT
// item of Lucent's code just before the measurement's NUMs, as JSON; the points and values are read
// back from the standard content.
import type { Box } from '../../findings/box';
import { MEASUREMENT_TOOLS, type MeasurementTool, type Point2, type RegionMeasurement, type ValueName } from '../measurement';
import type { Region } from '../types';
import { imageReference } from './comparison';
import {
  CENTER,
  pointsOf,
  shapeOf,
  unitCodeOf,
  unitOfCode,
  valueCodeOf,
  valueNameOf,
  type Shape,
  type ShapeType,
} from './measurementCodes';
import { CODES, conceptOf, is, item, list, text, textOf, type Item, type ReferencedImage } from './items';

/** What the standard content does not say about a measurement (see the head of this file). */
interface MeasurementNote {
  tool: MeasurementTool;
  trackingUid: string;
  calibrated: boolean;
  caveat?: string;
  label?: string;
  /** An arrow's tail: DICOM's arrow (as OHIF's) is the point it marks. */
  tail?: Point2;
  box: Box;
}

const selectedFrom = (image: ReferencedImage): Item => ({
  RelationshipType: 'SELECTED FROM',
  ValueType: 'IMAGE',
  ReferencedSOPSequence: [imageReference(image)],
});

function boxItem(region: Region, image: ReferencedImage): Item {
  const [x0, y0, x1, y1] = region.box;
  return item('CONTAINS', 'SCOORD', CODES.region, {
    GraphicType: 'POLYLINE',
    // A closed rectangle: first point repeated last. Column, row in image pixels (PS3.3 C.18.6.1.2).
    GraphicData: [x0, y0, x1, y0, x1, y1, x0, y1, x0, y0],
    ContentSequence: [selectedFrom(image)],
  });
}

/** TID 320's image region: no concept name, as dcmjs writes it for OHIF. */
const scoord = (shape: Shape, image: ReferencedImage): Item => ({
  RelationshipType: 'INFERRED FROM',
  ValueType: 'SCOORD',
  GraphicType: shape.graphicType,
  GraphicData: shape.points.flat(),
  ContentSequence: [selectedFrom(image)],
});

/** A DS value: at most 16 characters (ten significant digits, a sign and an exponent fit). */
const ds = (v: number) => String(Number(v.toPrecision(10)));

function num(concept: ReturnType<typeof valueCodeOf>, value: number, unit: string, shape: Shape, image: ReferencedImage): Item {
  return item('CONTAINS', 'NUM', concept, {
    MeasuredValueSequence: [{ NumericValue: ds(value), MeasurementUnitsCodeSequence: [unitCodeOf(unit)] }],
    ContentSequence: [scoord(shape, image)],
  });
}

function measurementItems(region: Region, m: RegionMeasurement, image: ReferencedImage): Item[] {
  const note: MeasurementNote = {
    tool: m.tool,
    trackingUid: m.trackingUid,
    calibrated: m.calibrated,
    ...(m.caveat ? { caveat: m.caveat } : {}),
    ...(m.label ? { label: m.label } : {}),
    ...(m.tool === 'arrow' && m.points[1] ? { tail: m.points[1] } : {}),
    box: region.box,
  };
  const values = m.values.map((v) => num(valueCodeOf(m.tool, v.name), v.value, v.unit, shapeOf(m, v.name), image));
  // A measurement without values (an arrow) is its shape's point, as OHIF writes an arrow: a Center of 0.
  const nums = values.length ? values : [num(CENTER, 0, '', shapeOf(m, 'value'), image)];
  return [text('CONTAINS', CODES.measurement, JSON.stringify(note)), ...nums];
}

/** A kept region's content items: its Image Region, or its measurement. */
export function regionItems(region: Region, image: ReferencedImage): Item[] {
  return region.measurement ? measurementItems(region, region.measurement, image) : [boxItem(region, image)];
}

/** The measurements among regions the report keeps (those not merely proposed). */
export const measurementsOf = (regions: Region[]) => regions.filter((r) => !r.proposed && r.measurement).map((r) => r.measurement!);

type ImageIdOf = (sopInstanceUID: string, frame: number | undefined) => string | undefined;

function imageIdIn(scoordItem: Item | undefined, imageIdOf: ImageIdOf): string | undefined {
  const ref = list(list(scoordItem?.ContentSequence).find((x) => x.ValueType === 'IMAGE')?.ReferencedSOPSequence)[0];
  const frame = ref?.ReferencedFrameNumber !== undefined ? Number(ref.ReferencedFrameNumber) : undefined;
  return ref ? imageIdOf(String(ref.ReferencedSOPInstanceUID), frame) : undefined;
}

/** GraphicData is float32: a thousandth of a pixel gives back the numbers that were written. */
const graphicData = (c: Item | undefined) => list(c?.GraphicData as unknown).map((v) => Math.round(Number(v) * 1000) / 1000);
const pairs = (p: number[]): Point2[] => p.flatMap((v, i) => (i % 2 ? [] : [[v, p[i + 1]] as Point2]));
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

function parseNote(value: string): MeasurementNote | undefined {
  try {
    const note = JSON.parse(value) as MeasurementNote;
    return MEASUREMENT_TOOLS.includes(note.tool) ? note : undefined;
  } catch {
    return undefined;
  }
}

function measuredRegion(note: MeasurementNote, nums: Item[], imageIdOf: ImageIdOf): Omit<Region, 'id'> | undefined {
  const shapes: Partial<Record<ValueName | 'center', Shape>> = {};
  const values = nums.flatMap((n) => {
    const measured = list(n.MeasuredValueSequence)[0];
    const shape = list(n.ContentSequence).find((c) => c.ValueType === 'SCOORD');
    const name = valueNameOf(conceptOf(n));
    if (shape) shapes[name ?? 'center'] = { graphicType: String(shape.GraphicType) as ShapeType, points: pairs(graphicData(shape)) };
    if (!name || !measured) return [];
    return [{ name, value: Number(first(measured.NumericValue)), unit: unitOfCode(list(measured.MeasurementUnitsCodeSequence)[0]) }];
  });
  const imageId = imageIdIn(
    list(nums[0]?.ContentSequence).find((c) => c.ValueType === 'SCOORD'),
    imageIdOf,
  );
  if (!imageId) return undefined;
  const points = [...pointsOf(note.tool, shapes), ...(note.tail ? [note.tail] : [])];
  const measurement: RegionMeasurement = {
    tool: note.tool,
    points,
    values,
    calibrated: note.calibrated,
    ...(note.caveat ? { caveat: note.caveat } : {}),
    trackingUid: note.trackingUid,
    ...(note.label ? { label: note.label } : {}),
  };
  return { imageId, box: note.box, measurement };
}

/**
 * A group's regions back, in the order written: each Image Region, and each measurement (its note
 * and the NUMs after it). Regions on images not open (`imageIdOf` gives none) are dropped.
 */
export function regionsFrom(children: Item[], imageIdOf: ImageIdOf, idPrefix: string): Region[] {
  const found: Omit<Region, 'id'>[] = [];
  let open: { note: MeasurementNote; nums: Item[] } | undefined;
  const close = () => {
    const region = open && measuredRegion(open.note, open.nums, imageIdOf);
    if (region) found.push(region);
    open = undefined;
  };
  for (const c of children) {
    if (c.ValueType === 'SCOORD' && is(c, CODES.region)) {
      close();
      const imageId = imageIdIn(c, imageIdOf);
      const p = graphicData(c);
      if (!imageId || p.length < 8) continue;
      const xs = p.filter((_, i) => i % 2 === 0);
      const ys = p.filter((_, i) => i % 2 === 1);
      found.push({ imageId, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    } else if (is(c, CODES.measurement)) {
      close();
      const note = parseNote(textOf(c));
      if (note) open = { note, nums: [] };
    } else if (open && c.ValueType === 'NUM' && list(c.ContentSequence).some((x) => x.ValueType === 'SCOORD')) {
      open.nums.push(c);
    } else close();
  }
  close();
  // Region ids are the viewer's own (annotation UIDs): made afresh, stable for the finding.
  return found.map((r, k) => ({ id: `${idPrefix}-r${k}`, ...r }));
}
