// An SR that dcmjs's Cornerstone3D adapters wrote, as OHIF writes one, read through the loader's path:
// its groups become findings whose regions are the tools' measurements (tool, points, values, units).
import { describe, expect, it } from 'vitest';
import { datasetToBytes } from '../sr/dicomFile';
import { contentFromImported, reportIn } from './importedContent';
import { readMeasurementReport } from './measurementReport';
import { ARROW_TAIL_PX } from './toolMeasurement';
import { cornerstoneReport } from './__fixtures__/cornerstoneReport';
import type { SourceImage } from './__fixtures__/testMeasurementReports';

const image: SourceImage = {
  StudyInstanceUID: '1.2.826.0.1.3680043.10.1234.1',
  SeriesInstanceUID: '1.2.826.0.1.3680043.10.1234.2',
  SOPInstanceUID: '1.2.826.0.1.3680043.10.1234.3.1',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
};
const imageIdOf = (sop: string) => (sop === image.SOPInstanceUID ? 'dicomfile:1' : undefined);

describe('an OHIF measurement report (dcmjs Cornerstone3D adapters)', () => {
  const written = cornerstoneReport(image);
  const dataset = reportIn(datasetToBytes(written), String(written.SOPClassUID))!;
  const report = readMeasurementReport(dataset)!;
  const content = contentFromImported(report, imageIdOf);
  const measurementOf = (tool: string) => content.findings.flatMap((f) => f.regions).find((r) => r.measurement?.tool === tool)?.measurement;

  it('reads each tool as a measurement with its points, values and Tracking UID', () => {
    expect(content.findings.map((f) => f.regions.map((r) => r.measurement?.tool))).toEqual([
      ['length'],
      ['bidirectional'],
      ['ellipse'],
      ['arrow'],
    ]);
    expect(measurementOf('length')).toEqual({
      tool: 'length',
      points: [
        [10, 20],
        [40, 60],
      ],
      values: [{ name: 'length', value: 50.5, unit: 'mm' }],
      calibrated: true,
      trackingUid: report.findings[0].trackingUid,
    });
    expect(report.findings[0].trackingUid).toMatch(/^2\.25\.\d+$/);
    expect(measurementOf('bidirectional')).toMatchObject({
      points: [
        [100, 200],
        [130, 200],
        [115, 190],
        [115, 210],
      ],
      // dcmjs 0.52's Bidirectional adapter passes no unit: UCUM "1" meant as "px", read as written (OHIF's own adapters pass mm).
      values: [
        { name: 'long axis', value: 30, unit: 'px' },
        { name: 'short axis', value: 20, unit: 'px' },
      ],
      calibrated: false,
    });
  });

  it("reads the ellipse's axes back in Cornerstone's order, and its statistics in the units dcmjs wrote", () => {
    const ellipse = measurementOf('ellipse')!;
    // dcmjs writes the major axis first; Lucent's order is the vertical axis first, as Cornerstone3D keeps it.
    expect(ellipse.points).toEqual([
      [50, 80],
      [50, 20],
      [40, 50],
      [60, 50],
    ]);
    expect(ellipse.values.map((v) => [v.name, v.value])).toEqual([
      ['area', 471.2],
      ['max', 22],
      ['min', -30],
      ['mean', -4.5],
      ['sd', 6],
    ]);
    // Nor does its EllipticalROI adapter: UCUM "1" meant as "px", read as written, uncalibrated.
    expect(ellipse.values.map((v) => v.unit)).toEqual(Array(5).fill('px'));
    expect(ellipse.calibrated).toBe(false);
  });

  it('reads an arrow as the point it marks, with its text, and gives it a tail to be drawn with', () => {
    expect(measurementOf('arrow')).toMatchObject({
      tool: 'arrow',
      points: [
        [300, 310],
        [300 + ARROW_TAIL_PX, 310 - ARROW_TAIL_PX],
      ],
      values: [],
      label: 'Line tip',
    });
  });
});
