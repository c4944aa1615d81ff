// How each measuring tool's annotations become measurements: the values Cornerstone's own tool
// computed for it (its cached statistics: lengths and areas calibrated from the image's spacing,
// ROI statistics through the modality LUT, so HU on CT), read into Lucent's names and units. Lucent
// computes none of them itself, so what the reader sees on the image is what the report says.
import { DETECTOR_CAVEAT, type MeasurementTool, type ValueName } from '../../report/measurement';
import type { ToolMapping, ToolValue } from './measurementService';

type Stats = Record<string, unknown>;

const numberIn = (stats: Stats, key: string) => {
  const v = stats[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/**
 * Cornerstone's unit strings: 'mm', 'mm²', 'px', 'px²', a modality unit ('HU', 'raw'), and after a
 * space the calibration when it is not the patient's ('mm PROJ': Imager Pixel Spacing at the detector).
 */
function unitOf(raw: unknown): { unit: string; caveat?: string } {
  const [unit = '', ...rest] = String(raw ?? '').split(' ');
  const caveat = rest.join(' ').trim();
  const named = unit === 'raw' ? '' : unit;
  return caveat ? { unit: named, caveat: CAVEATS[caveat] ?? `calibration: ${caveat}` } : { unit: named };
}

/** By Cornerstone's CalibrationTypes values (@cornerstonejs/metadata). */
const CAVEATS: Record<string, string> = {
  Proj: DETECTOR_CAVEAT,
  ERMF: 'corrected by the estimated radiographic magnification factor',
  Error: 'the image states its spacing inconsistently',
  User: 'calibrated by the user',
  Region: 'calibrated by the image region',
  Unknown: 'the calibration of the spacing is not stated',
};

function value(name: ValueName, v: number | undefined, unit: unknown): ToolValue[] {
  return v === undefined ? [] : [{ name, value: v, ...unitOf(unit) }];
}

const readers: Record<MeasurementTool, (s: Stats) => ToolValue[] | undefined> = {
  length: (s) => need(value('length', numberIn(s, 'length'), s.unit)),
  bidirectional: (s) => {
    const long = value('long axis', numberIn(s, 'length'), s.unit);
    const short = value('short axis', numberIn(s, 'width'), s.widthUnit ?? s.unit);
    return long.length && short.length ? [...long, ...short] : undefined;
  },
  ellipse: (s) => roi(s),
  circle: (s) => roi(s),
  rectangle: (s) => roi(s),
  angle: (s) => need(value('angle', numberIn(s, 'angle'), 'deg')),
  cobb: (s) => need(value('angle', numberIn(s, 'angle'), 'deg')),
  probe: (s) => need(value('value', numberIn(s, 'value'), s.modalityUnit)),
  // An arrow measures nothing: its text is its content.
  arrow: () => [],
};

const need = (values: ToolValue[]) => (values.length ? values : undefined);

/** An ROI's area and its pixels' statistics (absent until the tool has computed them). */
function roi(s: Stats): ToolValue[] | undefined {
  const mean = numberIn(s, 'mean');
  if (mean === undefined) return undefined;
  return [
    ...value('area', numberIn(s, 'area'), s.areaUnit),
    ...value('mean', mean, s.modalityUnit),
    ...value('sd', numberIn(s, 'stdDev'), s.modalityUnit),
    ...value('min', numberIn(s, 'min'), s.modalityUnit),
    ...value('max', numberIn(s, 'max'), s.modalityUnit),
  ];
}

/** The mapping of a Cornerstone measuring tool (registered under `toolName`) that measures as `tool`. */
export function statsMapping(toolName: string, tool: MeasurementTool): ToolMapping {
  return {
    toolName,
    kind: 'measurement',
    tool,
    // An arrow has no statistics to wait for: it is complete once drawn.
    values: (_points, _spacing, stats) => (tool === 'arrow' ? [] : stats ? readers[tool](stats) : undefined),
  };
}
