// A measurement's values, units and shapes as TID 1500 writes them, shared by Lucent's SR (its own
// measurements, measurementItems.ts) and the reader of other tools' SRs (import/measurementReport.ts).
//
// The codes are those dcmjs 0.52 writes for OHIF (its TID 300 classes: SCT, where older files have
// SRT's G-… codes, which are read too), so OHIF and Lucent read each other's measurements. Units are
// UCUM as DICOM's CID 7181 and dcmjs spell them. Cornerstone3D's tools are named in the Tracking
// Identifier as OHIF writes it ("Cornerstone3DTools@^0.1.0:Bidirectional"), the name OHIF picks a
// tool's reader by.
import type { MeasuredValue, MeasurementTool, Point2, RegionMeasurement, ValueName } from '../measurement';
import { code, SCHEME, type Code } from './items';

export const CORNERSTONE_3D_TAG = 'Cornerstone3DTools@^0.1.0';

/** Each tool's Cornerstone3D tool name, as OHIF writes it after the tag. */
export const CORNERSTONE_TOOLS: Record<MeasurementTool, string> = {
  length: 'Length',
  bidirectional: 'Bidirectional',
  ellipse: 'EllipticalROI',
  circle: 'CircleROI',
  rectangle: 'RectangleROI',
  angle: 'Angle',
  cobb: 'CobbAngle',
  probe: 'Probe',
  arrow: 'ArrowAnnotate',
};

export const trackingIdentifierOf = (tool: MeasurementTool) => `${CORNERSTONE_3D_TAG}:${CORNERSTONE_TOOLS[tool]}`;

/** The tool a Tracking Identifier names ("Cornerstone3DTools@^0.1.0:EllipticalROI" → ellipse); older tags and case are forgiven. */
export function toolOfTrackingIdentifier(id: string | undefined): MeasurementTool | undefined {
  const name = /^cornerstone(?:3d)?tools@[^:]*:(\w+)$/i.exec(id?.trim() ?? '')?.[1]?.toLowerCase();
  const tools = Object.entries(CORNERSTONE_TOOLS) as [MeasurementTool, string][];
  return name ? tools.find(([, n]) => n.toLowerCase() === name)?.[0] : undefined;
}

/**
 * The concept of each value. A plain angle has no code in what dcmjs or OHIF write (OHIF files it
 * as a Cobb angle, which it is not) and none in PS3.16 that could be confirmed here, so it keeps
 * Lucent's own code; so does a probe's pixel value (OHIF writes a probe as a point, no value).
 */
export const VALUE_CODES: Record<ValueName, Code> = {
  length: code('410668003', 'SCT', 'Length'),
  'long axis': code('103339001', 'SCT', 'Long Axis'),
  'short axis': code('103340004', 'SCT', 'Short Axis'),
  area: code('42798000', 'SCT', 'Area'),
  mean: code('373098007', 'SCT', 'Mean'),
  sd: code('386136009', 'SCT', 'Standard Deviation'),
  min: code('255605001', 'SCT', 'Minimum'),
  max: code('56851009', 'SCT', 'Maximum'),
  angle: code('angle', SCHEME, 'Angle'),
  value: code('pixel-value', SCHEME, 'Pixel value'),
  // A report region's box size: the region tool writes no values, but the names are one set.
  width: code('103355008', 'SCT', 'Width'),
  height: code('121207', 'DCM', 'Height'),
};
export const COBB_ANGLE = code('285285000', 'SCT', 'Cobb angle');
/** Where an arrow points (OHIF's arrows and points: a NUM of 0 with no units, whose SCOORD is the point). */
export const CENTER = code('111010', 'DCM', 'Center');

/** The SRT codes older OHIF and dcmjs files use, and SCT's, by value name. */
const OTHER_VALUE_CODES: [scheme: string, value: string, name: ValueName][] = [
  ['SRT', 'G-D7FE', 'length'],
  ['SRT', 'G-A185', 'long axis'],
  ['SRT', 'G-A186', 'short axis'],
  ['SRT', 'G-A166', 'area'],
  ['SRT', 'R-00317', 'mean'],
  ['SRT', 'R-10047', 'sd'],
  ['SRT', 'R-404FB', 'min'],
  ['SRT', 'G-A437', 'max'],
  ['SCT', '285285000', 'angle'],
];

export function valueNameOf(concept: Partial<Code> | undefined): ValueName | undefined {
  const [scheme, value] = [String(concept?.CodingSchemeDesignator ?? '').trim(), String(concept?.CodeValue ?? '').trim()];
  const known = (Object.entries(VALUE_CODES) as [ValueName, Code][]).find(
    ([, c]) => c.CodeValue === value && c.CodingSchemeDesignator === scheme,
  )?.[0];
  return known ?? OTHER_VALUE_CODES.find(([s, v]) => s === scheme && v === value)?.[2];
}

export const valueCodeOf = (tool: MeasurementTool, name: ValueName): Code =>
  tool === 'cobb' && name === 'angle' ? COBB_ANGLE : VALUE_CODES[name];

/**
 * UCUM for each unit. UCUM has no pixel: an image without spacing gives its lengths and areas as
 * UCUM annotations ({px}, {px2}: dimensionless numbers, named), never as mm, so no reader takes
 * them for millimetres; dcmjs writes them as "1" with the meaning "px", which is read back too.
 */
const UNIT_CODES: Record<string, Code> = {
  mm: code('mm', 'UCUM', 'mm'),
  'mm²': code('mm2', 'UCUM', 'mm2'),
  HU: code("[hnsf'U]", 'UCUM', 'Hounsfield unit'),
  deg: code('deg', 'UCUM', 'degree'),
  px: code('{px}', 'UCUM', 'pixels'),
  'px²': code('{px2}', 'UCUM', 'square pixels'),
  '': code('1', 'UCUM', 'no units'),
};

/** A unit Lucent does not know stays a number without units, its name kept as the meaning. */
export const unitCodeOf = (unit: string): Code => UNIT_CODES[unit] ?? code('1', 'UCUM', unit);

/** A Measurement Units code back to Lucent's unit ('mm', 'mm²', 'HU', 'deg', 'px', 'px²', or ''). */
export function unitOfCode(unit: Partial<Code> | undefined): string {
  const value = String(unit?.CodeValue ?? '').trim();
  const meaning = String(unit?.CodeMeaning ?? '').trim();
  if (value === '1') return meaning === 'no units' ? '' : meaning;
  const known = Object.entries(UNIT_CODES).find(([, c]) => c.CodeValue === value)?.[0];
  if (known !== undefined) return known;
  if (value === 'cm') return 'cm';
  return /^\{.*\}$/.test(value) ? meaning || value.slice(1, -1) : value;
}

export type ShapeType = 'POINT' | 'POLYLINE' | 'CIRCLE' | 'ELLIPSE';
export interface Shape {
  graphicType: ShapeType;
  points: Point2[];
}

const distance = (a: Point2, b: Point2) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * The SCOORD a value is inferred from, the tool's true shape in the order DICOM gives it (PS3.3
 * C.18.6.1.2): an ellipse's major axis first, a rectangle closed (its corners around), an angle as
 * OHIF writes it (the vertex twice: the same polyline, and the four points OHIF's reader takes).
 */
export function shapeOf(m: Pick<RegionMeasurement, 'tool' | 'points'>, name: ValueName): Shape {
  const p = m.points;
  switch (m.tool) {
    case 'bidirectional':
      return { graphicType: 'POLYLINE', points: name === 'short axis' ? [p[2], p[3]] : [p[0], p[1]] };
    case 'ellipse':
      // Cornerstone's order is [bottom, top, left, right]: the longer pair goes first.
      return { graphicType: 'ELLIPSE', points: distance(p[2], p[3]) > distance(p[0], p[1]) ? [p[2], p[3], p[0], p[1]] : p.slice(0, 4) };
    case 'circle':
      return { graphicType: 'CIRCLE', points: p.slice(0, 2) };
    case 'rectangle':
      return { graphicType: 'POLYLINE', points: [p[0], p[1], p[3], p[2], p[0]] };
    case 'angle':
      return { graphicType: 'POLYLINE', points: [p[0], p[1], p[1], p[2]] };
    case 'probe':
    case 'arrow':
      return { graphicType: 'POINT', points: p.slice(0, 1) };
    default:
      return { graphicType: 'POLYLINE', points: p };
  }
}

const same = (a: Point2 | undefined, b: Point2 | undefined) => !!a && !!b && a[0] === b[0] && a[1] === b[1];
/** Of two axes, the one nearer the image's vertical. */
const verticalness = (a: Point2, b: Point2) => Math.abs(b[1] - a[1]) / (distance(a, b) || 1);

/**
 * A tool's points back from the shapes its values were inferred from (by value name), the inverse
 * of shapeOf: an ellipse's axes back in Cornerstone's order (the more vertical one, bottom and top,
 * first: exact for an ellipse drawn on an unrotated image), an angle's doubled vertex dropped.
 */
export function pointsOf(tool: MeasurementTool, shapes: Partial<Record<ValueName | 'center', Shape>>): Point2[] {
  const any = Object.values(shapes)[0]?.points ?? [];
  switch (tool) {
    case 'bidirectional':
      return [...(shapes['long axis']?.points ?? []), ...(shapes['short axis']?.points ?? [])];
    case 'ellipse': {
      if (any.length !== 4) return any;
      const [a, b, c, d] = any;
      return verticalness(c, d) > verticalness(a, b) ? [c, d, a, b] : [a, b, c, d];
    }
    case 'rectangle':
      return any.length >= 4 ? [any[0], any[1], any[3], any[2]] : any;
    case 'angle':
      return any.length === 4 && same(any[1], any[2]) ? [any[0], any[1], any[3]] : any;
    default:
      return any;
  }
}

/** Whether the values are in the patient's millimetres (a value in mm or mm²), for a measurement read from another tool. */
export const inMillimetres = (values: MeasuredValue[]) => values.some((v) => v.unit === 'mm' || v.unit === 'mm²');
