// Measurements the reader makes with the viewer's tools, as the report keeps them: a finding's region
// can be a measurement (its tool, its points on the image, its values), and the finding's sentence,
// template field, follow-up rule and change since the prior read its values. Plain TypeScript; the
// viewer turns Cornerstone annotations into these (viewer/measurementFeed.ts).
import { isoDate } from './dicomDates';

/** The measuring tools, by what they measure (Cornerstone's tool of each is named in the viewer). */
export type MeasurementTool = 'length' | 'bidirectional' | 'ellipse' | 'circle' | 'rectangle' | 'angle' | 'cobb' | 'probe' | 'arrow';

export const MEASUREMENT_TOOLS: readonly MeasurementTool[] = [
  'length',
  'bidirectional',
  'ellipse',
  'circle',
  'rectangle',
  'angle',
  'cobb',
  'probe',
  'arrow',
];

export const TOOL_LABELS: Record<MeasurementTool, string> = {
  length: 'Length',
  bidirectional: 'Bidirectional',
  ellipse: 'Ellipse ROI',
  circle: 'Circle ROI',
  rectangle: 'Rectangle ROI',
  angle: 'Angle',
  cobb: 'Cobb angle',
  probe: 'Probe',
  arrow: 'Arrow',
};

export type ValueName =
  | 'length'
  | 'long axis'
  | 'short axis'
  | 'area'
  | 'mean'
  | 'sd'
  | 'min'
  | 'max'
  | 'angle'
  | 'value'
  /** A report region's box (the region tool's rectangle), not a measuring tool's. */
  | 'width'
  | 'height';

export interface MeasuredValue {
  name: ValueName;
  value: number;
  /** As the image states it: 'mm', 'mm²', 'HU', 'deg', or 'px' / 'px²' on an image without spacing; '' for a raw pixel value. */
  unit: string;
}

/** A size measured where the image states only Imager Pixel Spacing: Cornerstone's 'Proj' calibration. */
export const DETECTOR_CAVEAT = 'measured at the detector (Imager Pixel Spacing): sizes include the projection magnification';

export type Point2 = [number, number];

/** A measurement on one image, as a finding's region keeps it. */
export interface RegionMeasurement {
  tool: MeasurementTool;
  /** The tool's points in image pixels (columns, rows), in the tool's own order. */
  points: Point2[];
  values: MeasuredValue[];
  /** False where the image states no pixel spacing: lengths and areas are in pixels. */
  calibrated: boolean;
  /** How the spacing was calibrated when it is not the patient's (Imager Pixel Spacing: at the detector, magnified). */
  caveat?: string;
  /** The same lesion on every date it is measured: its TID 1500 Tracking UID. */
  trackingUid: string;
  /** An arrow's text. */
  label?: string;
}

export const valueOf = (m: Pick<RegionMeasurement, 'values'>, name: ValueName): MeasuredValue | undefined =>
  m.values.find((v) => v.name === name);

/** Millimetres with one decimal under 10 mm, whole above (how sizes are reported). */
function roundMm(mm: number): string {
  return mm < 10 ? String(Math.round(mm * 10) / 10) : String(Math.round(mm));
}

/** A value as the panel and the sentences show it: "12.3 mm", "-4 HU", "37.5°", "210 px (uncalibrated)". */
export function formatValue(v: MeasuredValue): string {
  if (v.unit === 'deg') return `${Math.round(v.value * 10) / 10}°`;
  if (v.unit === 'HU' || v.unit === '') return `${Math.round(v.value * 10) / 10}${v.unit ? ` ${v.unit}` : ''}`;
  if (v.unit === 'mm') return `${roundMm(v.value)} mm`;
  if (v.unit === 'mm²') return `${Math.round(v.value)} mm²`;
  return `${Math.round(v.value * 10) / 10} ${v.unit}`;
}

const VALUE_LABELS: Record<ValueName, string> = {
  length: 'Length',
  'long axis': 'Long axis',
  'short axis': 'Short axis',
  area: 'Area',
  mean: 'Mean',
  sd: 'SD',
  min: 'Min',
  max: 'Max',
  angle: 'Angle',
  value: 'Value',
  width: 'Width',
  height: 'Height',
};

/** "Long axis 12.3 mm, short axis 8.1 mm" — every value, for the panel and for an arrow's note. */
export function describeValues(m: Pick<RegionMeasurement, 'values' | 'calibrated'>): string {
  const text = m.values.map((v, i) => `${i ? VALUE_LABELS[v.name].toLowerCase() : VALUE_LABELS[v.name]} ${formatValue(v)}`).join(', ');
  return m.calibrated ? text : `${text} (uncalibrated)`;
}

/** The size of a lesion in mm, as the guidelines define it: a bidirectional's mean of long and short axis, or a length. */
export function meanDiameterMm(m: RegionMeasurement): number | undefined {
  if (!m.calibrated) return undefined;
  const long = valueOf(m, 'long axis');
  const short = valueOf(m, 'short axis');
  if (long && short) return (long.value + short.value) / 2;
  return valueOf(m, 'length')?.value;
}

/** Where the measurement is, for its sentence: "(series 3, image 45)". */
export interface ImagePlace {
  series?: number | string;
  image?: number | string;
}

export function placeText(place: ImagePlace): string {
  const parts = [place.series !== undefined ? `series ${place.series}` : '', place.image !== undefined ? `image ${place.image}` : ''];
  const text = parts.filter(Boolean).join(', ');
  return text ? ` (${text})` : '';
}

/** The measured part of a sentence: "12 × 9 mm", "38 mm", "mean 34 HU (SD 6)", "37°". */
export function measuredPhrase(m: RegionMeasurement): string | undefined {
  const long = valueOf(m, 'long axis');
  const short = valueOf(m, 'short axis');
  const uncalibrated = m.calibrated ? '' : ' (uncalibrated)';
  if (long && short) {
    const [a, b] = [formatValue(long).split(' ')[0], formatValue(short)];
    return `${a} × ${b}${uncalibrated}`;
  }
  const length = valueOf(m, 'length');
  if (length) return `${formatValue(length)}${uncalibrated}`;
  const angle = valueOf(m, 'angle');
  if (angle) return formatValue(angle);
  const mean = valueOf(m, 'mean');
  if (mean) {
    const sd = valueOf(m, 'sd');
    return `mean ${formatValue(mean)}${sd ? ` (SD ${formatValue(sd)})` : ''}`;
  }
  const value = valueOf(m, 'value');
  return value ? formatValue(value) : undefined;
}

/**
 * A finding sentence from a measurement, in radiology style: "A 12 × 9 mm nodule (series 3, image 45).",
 * "Mass, mean 34 HU (SD 6) (series 2, image 10).", "Angle 37° (series 1, image 1)." The reader edits it.
 */
export function measurementSentence(m: RegionMeasurement, place: ImagePlace, what = defaultSubject(m.tool)): string {
  const phrase = measuredPhrase(m);
  const where = placeText(place);
  if (!phrase) return `${capitalise(m.label?.trim() || what)}${where}.`;
  if (valueOf(m, 'long axis') || valueOf(m, 'length')) return `${article(phrase)} ${phrase} ${what}${where}.`;
  return `${capitalise(what)}, ${phrase}${where}.`;
}

function defaultSubject(tool: MeasurementTool): string {
  if (tool === 'bidirectional') return 'nodule';
  if (tool === 'angle' || tool === 'cobb') return tool === 'cobb' ? 'Cobb angle' : 'angle';
  if (tool === 'probe') return 'density';
  if (tool === 'arrow') return 'finding';
  if (tool === 'length') return 'lesion';
  return 'region';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "An 8 mm", "An 11 mm", "A 12 mm". */
function article(phrase: string): string {
  const whole = /^\d+/.exec(phrase)?.[0] ?? '';
  return whole.startsWith('8') || whole === '11' || whole === '18' ? 'An' : 'A';
}

/** How a lesion measured on two dates changed: in mm and % of its size, and its volume doubling time. */
export interface TrackedChange {
  priorMm: number;
  currentMm: number;
  changeMm: number;
  changePercent: number;
  days: number;
  /** Days for the volume to double (a sphere's volume goes with the cube of its diameter); undefined when it did not grow. */
  doublingDays?: number;
}

/**
 * Below this a change of a caliper size is within measurement error, as Lung-RADS defines growth
 * (an increase of more than 1.5 mm): said as unchanged, with no doubling time.
 */
export const CHANGE_MM = 1.5;

/** The change between two measured sizes (mm) taken `days` apart. */
export function trackedChange(priorMm: number, currentMm: number, days: number): TrackedChange {
  const changeMm = currentMm - priorMm;
  const ratio = (currentMm / priorMm) ** 3;
  const grew = changeMm > CHANGE_MM && days > 0;
  return {
    priorMm,
    currentMm,
    changeMm,
    changePercent: (changeMm / priorMm) * 100,
    days,
    ...(grew ? { doublingDays: (days * Math.LN2) / Math.log(ratio) } : {}),
  };
}

/** "Increased from 8 mm to 11 mm (+3 mm, +38 %) since the prior of 2026-01-10; volume doubling time 412 days." */
export function changeSentence(change: TrackedChange, priorDate?: string): string {
  const { changeMm, changePercent } = change;
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
  const verb = Math.abs(changeMm) <= CHANGE_MM ? 'Unchanged at' : changeMm > 0 ? 'Increased from' : 'Decreased from';
  const since = priorDate ? ` since the prior of ${priorDate}` : ' since the prior';
  const size = (mm: number) => `${roundMm(mm)} mm`;
  const amounts = `${sign(changeMm)}${roundMm(Math.abs(changeMm))} mm, ${sign(changePercent)}${Math.round(Math.abs(changePercent))} %`;
  const head =
    verb === 'Unchanged at'
      ? `Unchanged at ${size(change.currentMm)} (${amounts})${since}`
      : `${verb} ${size(change.priorMm)} to ${size(change.currentMm)} (${amounts})${since}`;
  const vdt = change.doublingDays !== undefined ? `; volume doubling time ${Math.round(change.doublingDays)} days` : '';
  return `${head}${vdt}.`;
}

/** A tracked lesion as the comparison section lists it: "Nodule: 16 mm → 20 mm (+25 %); volume doubling time 190 days." */
export function trackedLesionLine(name: string, [priorMm, currentMm]: [number, number], doublingDays?: number): string {
  const percent = Math.round(((currentMm - priorMm) / priorMm) * 100);
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  const vdt = doublingDays !== undefined ? `; volume doubling time ${Math.round(doublingDays)} days` : '';
  return `${capitalise(name)}: ${roundMm(priorMm)} mm → ${roundMm(currentMm)} mm (${sign}${Math.abs(percent)} %)${vdt}.`;
}

/** Days between two ISO dates (YYYY-MM-DD or YYYYMMDD). */
export function daysBetween(from: string, to: string): number {
  const iso = (d: string) => isoDate(d).slice(0, 10);
  return Math.round((Date.parse(`${iso(to)}T00:00:00Z`) - Date.parse(`${iso(from)}T00:00:00Z`)) / 86_400_000);
}
