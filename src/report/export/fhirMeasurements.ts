// A finding's measurements in FHIR R4: each measured value a component of the finding's Observation,
// coded as the SR codes it (SNOMED CT where DICOM and dcmjs use it, text where Lucent's SR keeps its
// own code) with a UCUM Quantity. Components, not Observations of their own: a measurement's values
// are made together and mean something together (a bidirectional's two axes), which is what R4 keeps
// components for; the Observation's derivedFrom already names the imaging study they were made on.
//
// A value in pixels (an image without spacing) is no UCUM quantity: it keeps its number and says
// "px (uncalibrated)" with no system or code, so no receiver takes it for millimetres.
import type { MeasuredValue, MeasurementTool, RegionMeasurement } from '../measurement';
import { describeValues, TOOL_LABELS } from '../measurement';
import type { Finding } from '../types';
import { SCHEME } from '../sr/items';
import { valueCodeOf } from '../sr/measurementCodes';

type Resource = Record<string, unknown>;

const UCUM = 'http://unitsofmeasure.org';
const SNOMED = 'http://snomed.info/sct';

/** The UCUM code of each unit Lucent states, and how it reads. */
const UCUM_UNITS: Record<string, { code: string; unit: string }> = {
  mm: { code: 'mm', unit: 'mm' },
  'mm²': { code: 'mm2', unit: 'mm²' },
  HU: { code: "[hnsf'U]", unit: 'HU' },
  deg: { code: 'deg', unit: '°' },
};

export function quantityOf(v: MeasuredValue): Resource {
  const ucum = UCUM_UNITS[v.unit];
  if (ucum) return { value: v.value, unit: ucum.unit, system: UCUM, code: ucum.code };
  if (v.unit === 'px' || v.unit === 'px²') return { value: v.value, unit: `${v.unit} (uncalibrated)` };
  return v.unit ? { value: v.value, unit: v.unit } : { value: v.value };
}

function codeOf(tool: MeasurementTool, v: MeasuredValue): Resource {
  const c = valueCodeOf(tool, v.name);
  // Lucent's own codes (an angle, a pixel value) are no code system a receiver knows: text only.
  if (c.CodingSchemeDesignator === SCHEME) return { text: c.CodeMeaning };
  return { coding: [{ system: SNOMED, code: c.CodeValue, display: c.CodeMeaning }], text: c.CodeMeaning };
}

const measurementsOf = (f: Finding): RegionMeasurement[] =>
  f.regions.filter((r) => !r.proposed && r.measurement).map((r) => r.measurement!);

/** Each value of the finding's measurements as an Observation component. */
export function measurementComponents(f: Finding): Resource[] {
  return measurementsOf(f).flatMap((m) => m.values.map((v) => ({ code: codeOf(m.tool, v), valueQuantity: quantityOf(v) })));
}

/** Notes for the finding's Observation: each measurement in words, and how its image was calibrated where that needs saying. */
export function measurementNotes(f: Finding): { text: string }[] {
  return measurementsOf(f)
    .filter((m) => m.values.length)
    .map((m) => ({ text: `${TOOL_LABELS[m.tool]}: ${describeValues(m)}${m.caveat ? `; ${m.caveat}` : ''}` }));
}
