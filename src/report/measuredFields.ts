// Template fields that ask for a measured value: a number field in mm whose label names the kind of
// finding measured ("Largest nodule (mean diameter)" for a nodule) takes the measurement's size —
// the mean of long and short axis as the guidelines define a nodule's size, else its length.
import { meanDiameterMm, type RegionMeasurement } from './measurement';
import { fieldsOf, mentionedType, type Template } from './template/template';

/** The field values a measured finding fills: only fields still empty, so nothing the reader wrote is overwritten. */
export function measuredFieldValues(
  template: Template,
  findingText: string,
  m: RegionMeasurement,
  filled: Record<string, string>,
): Record<string, string> {
  const type = mentionedType(findingText);
  const size = meanDiameterMm(m);
  if (!type || size === undefined) return {};
  const asking = fieldsOf(template).filter((f) => f.kind === 'number' && f.unit === 'mm' && mentionedType(f.label) === type);
  const value = String(Math.round(size * 10) / 10);
  return Object.fromEntries(asking.filter((f) => !filled[f.id]?.trim()).map((f) => [f.id, value]));
}
