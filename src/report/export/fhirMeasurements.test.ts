// A finding's measurements in the FHIR export: its values as UCUM components of its Observation.
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../edit';
import { emptyReport } from '../content';
import { reportToFhir } from './fhir';
import { exportHeader } from '../__fixtures__/testReports';

function report() {
  return applyEdit(emptyReport('1.2.3', 'Cough.'), {
    type: 'addFinding',
    finding: { id: 'f3', text: 'No pleural effusion.', regions: [] },
  });
}

describe('measurements in the FHIR export', () => {
  it("gives each measured value as a component of its finding's Observation, a UCUM quantity, pixels marked uncalibrated", () => {
    let r = applyEdit(report(), {
      type: 'setRegion',
      findingId: 'f3',
      region: {
        id: 'm1',
        imageId: 'img',
        box: [10, 10, 40, 30],
        measurement: {
          tool: 'bidirectional',
          points: [
            [10, 20],
            [40, 20],
            [25, 10],
            [25, 30],
          ],
          values: [
            { name: 'long axis', value: 12.3, unit: 'mm' },
            { name: 'short axis', value: 8.1, unit: 'mm' },
          ],
          calibrated: true,
          trackingUid: '2.25.7',
        },
      },
    });
    const uncalibrated = { tool: 'ellipse' as const, points: [], calibrated: false, trackingUid: '2.25.8' };
    r = applyEdit(r, {
      type: 'setRegion',
      findingId: 'f3',
      region: {
        id: 'm2',
        imageId: 'img',
        box: [1, 1, 2, 2],
        measurement: {
          ...uncalibrated,
          values: [
            { name: 'area', value: 410, unit: 'px²' },
            { name: 'mean', value: 34, unit: 'HU' },
          ],
        },
      },
    });
    r = applyEdit(r, {
      type: 'setRegion',
      findingId: 'f3',
      region: {
        id: 'm3',
        imageId: 'img',
        box: [1, 1, 2, 2],
        measurement: { ...uncalibrated, tool: 'angle', values: [{ name: 'angle', value: 37.5, unit: 'deg' }] },
      },
    });
    let n = 0;
    const bundle = reportToFhir(r, {
      ...exportHeader,
      studyInstanceUID: '1.2.3',
      sopInstanceOf: () => '1.2.3.4',
      newId: () => `id-${++n}`,
      now: new Date(),
    }) as {
      entry: Array<{ resource: Record<string, unknown> }>;
    };
    const observation = bundle.entry.map((e) => e.resource).find((o) => o.valueString === 'No pleural effusion.')!;
    expect(observation.component).toEqual([
      {
        code: { coding: [{ system: 'http://snomed.info/sct', code: '103339001', display: 'Long Axis' }], text: 'Long Axis' },
        valueQuantity: { value: 12.3, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' },
      },
      {
        code: { coding: [{ system: 'http://snomed.info/sct', code: '103340004', display: 'Short Axis' }], text: 'Short Axis' },
        valueQuantity: { value: 8.1, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' },
      },
      {
        code: { coding: [{ system: 'http://snomed.info/sct', code: '42798000', display: 'Area' }], text: 'Area' },
        valueQuantity: { value: 410, unit: 'px² (uncalibrated)' },
      },
      {
        code: { coding: [{ system: 'http://snomed.info/sct', code: '373098007', display: 'Mean' }], text: 'Mean' },
        valueQuantity: { value: 34, unit: 'HU', system: 'http://unitsofmeasure.org', code: "[hnsf'U]" },
      },
      { code: { text: 'Angle' }, valueQuantity: { value: 37.5, unit: '°', system: 'http://unitsofmeasure.org', code: 'deg' } },
    ]);
    expect(JSON.stringify(observation.note)).toContain('Ellipse ROI: Area 410 px², mean 34 HU (uncalibrated)');
  });
});
