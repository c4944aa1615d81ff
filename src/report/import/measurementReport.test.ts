// Other tools' SRs — an OHIF-style TID 1500 measurement report made with dcmjs, a RIS's text
// report, malformed ones — written to Part 10 bytes and read back the way the loader reads them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSourceFiles } from '../../dicom/load';
import { datasetToBytes } from '../sr/dicomFile';
import type { Dataset, Item } from '../sr/items';
import { contentFromImported, reportIn } from './importedContent';
import { readMeasurementReport } from './measurementReport';
import { basicTextReport, ohifMeasurementReport, OHIF_SR, type SourceImage } from './__fixtures__/testMeasurementReports';

const image: SourceImage = {
  StudyInstanceUID: '1.2.826.0.1.3680043.10.1234.1',
  SeriesInstanceUID: '1.2.826.0.1.3680043.10.1234.2',
  SOPInstanceUID: '1.2.826.0.1.3680043.10.1234.3.1',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.1.1',
};
const ENHANCED_SR = '1.2.840.10008.5.1.4.1.1.88.22';

/** The data set as the loader gets it: Part 10 bytes, recognised by the report recogniser. */
function throughFile(dataset: Dataset): Dataset {
  const dataset2 = reportIn(datasetToBytes(dataset), String(dataset.SOPClassUID));
  if (!dataset2) throw new Error('not recognised as a report');
  return dataset2;
}

const imageIdOf = (sop: string, frame: number | undefined) => (sop === image.SOPInstanceUID ? `dicomfile:${frame ?? 1}` : undefined);

describe("another tool's TID 1500 measurement report", () => {
  // One file (dcmjs gives each group a new Tracking UID every time it writes one).
  const file = datasetToBytes(ohifMeasurementReport(image));
  const report = readMeasurementReport(reportIn(file, String(ohifMeasurementReport(image).SOPClassUID))!)!;

  it('reads the document: maker, series, date, observer', () => {
    expect(report).toMatchObject({
      kind: 'measurements',
      manufacturer: 'OHIF',
      description: 'Research Derived series',
      sopInstanceUID: OHIF_SR.sopInstanceUID,
      studyInstanceUID: image.StudyInstanceUID,
      date: '2026-03-16',
      observer: 'Anna Smith',
    });
  });

  it('reads each measurement group as a finding with its sentence', () => {
    expect(report.findings.map((f) => f.text)).toEqual([
      'Nodule, right upper lobe of lung: Length 12.3 mm.',
      'Mass: Perimeter 700 mm; Area 30000 mm².',
      'Line tip.',
      'Pleural effusion, left pleura: Area 1571 mm²; Severity: mild.',
    ]);
  });

  it('reads codes, site and side, measurements, evaluations and tracking', () => {
    const [nodule, mass, , effusion] = report.findings;
    expect(nodule).toMatchObject({
      finding: 'Nodule',
      site: 'Right Upper Lobe of Lung',
      trackingId: 'Cornerstone3DTools@^0.1.0:Length',
      measurements: [{ name: 'Length', value: 12.3456, unit: 'mm' }],
    });
    expect(nodule.trackingUid).toMatch(/^2\.25\.\d+$/);
    expect(mass.measurements.map((m) => [m.name, m.value, m.unit])).toEqual([
      ['Perimeter', 700, 'mm'],
      ['Area', 30000, 'mm²'],
    ]);
    expect(effusion).toMatchObject({
      finding: 'Pleural effusion',
      site: 'Pleura',
      laterality: 'Left',
      trackingUid: '2.25.2718281828459045',
      evaluations: [{ name: 'Severity', value: 'Mild', coded: true }],
    });
  });

  it('reads the regions as boxes on their images: under a NUM (OHIF) or in the group (highdicom), each shape once', () => {
    expect(report.findings.map((f) => f.regions.map((r) => [r.graphicType, r.box, r.sopInstanceUID]))).toEqual([
      [['POLYLINE', [600, 400, 640, 430], image.SOPInstanceUID]],
      // The perimeter and the area name the same polygon.
      [['POLYGON', [1000, 500, 1200, 650], image.SOPInstanceUID]],
      [['POINT', [820, 240, 820, 240], image.SOPInstanceUID]],
      [['ELLIPSE', [300, 850, 500, 950], image.SOPInstanceUID]],
    ]);
  });

  it("becomes report content: the reader's accepted findings, regions on the open images, marked as imported", () => {
    const content = contentFromImported(report, imageIdOf);
    expect(content.importedFrom).toEqual({
      manufacturer: 'OHIF',
      description: 'Research Derived series',
      sopInstanceUID: OHIF_SR.sopInstanceUID,
      date: '2026-03-16',
      kind: 'measurements',
      observer: 'Anna Smith',
    });
    expect(content.findings.map((f) => [f.provenance, f.decision, f.confidence])).toEqual(Array(4).fill(['human', 'accepted', undefined]));
    expect(content.findings[0]).toMatchObject({
      id: `sr-${OHIF_SR.sopInstanceUID}-1`,
      regions: [{ id: `sr-${OHIF_SR.sopInstanceUID}-1-r0`, imageId: 'dicomfile:1', box: [600, 400, 640, 430] }],
    });
    // A point is drawn as a small box around it, so it shows.
    expect(content.findings[2].regions[0].box).toEqual([816, 236, 824, 244]);
    // Read again, the same content (restoring the same file twice is no conflict).
    expect(
      contentFromImported(readMeasurementReport(reportIn(file, String(ohifMeasurementReport(image).SOPClassUID))!)!, imageIdOf),
    ).toEqual(content);
    // Regions on images that are not open are left out; the findings stay.
    const closed = contentFromImported(report, () => undefined);
    expect(closed.findings.map((f) => [f.text, f.regions])).toEqual(report.findings.map((f) => [f.text, []]));
  });

  it('is set aside by the loader as a report beside the image, not named as a problem', async () => {
    const bytes = (path: string) => new Uint8Array(readFileSync(path));
    const sr = new Uint8Array(datasetToBytes(ohifMeasurementReport(image)));
    const source = (path: string, data: Uint8Array) => ({
      path,
      file: new File([data as BlobPart], path),
      bytes: data.buffer as ArrayBuffer,
    });
    const outcome = await loadSourceFiles(
      [
        source('drop/ohif.dcm', sr),
        source('drop/empty-sr.dcm', bytes('e2e/fixtures/bad/report-sr.dcm')),
        source('drop/MR0001.dcm', bytes('public/samples/mr-brain/MR0001.dcm')),
      ],
      async (file) => [`test:${file.name}`],
      undefined,
      reportIn,
    );
    expect(outcome.reports.map((r) => [r.source, r.dataset.SOPClassUID])).toEqual([['drop/ohif.dcm', ENHANCED_SR]]);
    expect(outcome.instances.map((i) => i.source)).toEqual(['drop/MR0001.dcm']);
    expect(outcome.problems).toEqual([
      { source: 'drop/empty-sr.dcm', reason: 'not an image (Comprehensive SR), and not a report Lucent can read: it holds no content' },
    ]);
  });
});

describe("another RIS's text report", () => {
  it('reads its sections into indication, findings (one a line) and impression', () => {
    const report = readMeasurementReport(throughFile(basicTextReport(image)))!;
    expect(report).toMatchObject({
      kind: 'text',
      manufacturer: 'Acme RIS',
      description: 'Radiology report',
      date: '2026-03-17',
      observer: 'Peter Jones',
    });
    expect([report.indication, report.findings.map((f) => f.text), report.impression]).toEqual([
      'Cough for three weeks.',
      ['The lungs are clear.', 'No pleural effusion.'],
      'No acute cardiopulmonary abnormality.',
    ]);
    const content = contentFromImported(report, imageIdOf);
    expect(content).toMatchObject({
      indication: 'Cough for three weeks.',
      impression: 'No acute cardiopulmonary abnormality.',
      importedFrom: { kind: 'text', manufacturer: 'Acme RIS' },
    });
    expect(content.findings.map((f) => [f.text, f.regions, f.decision])).toEqual([
      ['The lungs are clear.', [], 'accepted'],
      ['No pleural effusion.', [], 'accepted'],
    ]);
  });
});

describe('malformed or partial SRs', () => {
  const sr = (fields: Dataset): Dataset => ({ SOPClassUID: ENHANCED_SR, SOPInstanceUID: '2.25.9', StudyInstanceUID: '1.2.3', ...fields });
  const group = (children: unknown[]): Item => ({
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: '125007', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Measurement Group' }],
    ContentSequence: children,
  });
  const measurements = (groups: unknown[]): Dataset =>
    sr({
      ConceptNameCodeSequence: [{ CodeValue: '126000', CodingSchemeDesignator: 'DCM' }],
      ContentSequence: [
        {
          ValueType: 'CONTAINER',
          ConceptNameCodeSequence: [{ CodeValue: '126010', CodingSchemeDesignator: 'DCM' }],
          ContentSequence: groups,
        },
      ],
    });
  const finding = {
    RelationshipType: 'CONTAINS',
    ValueType: 'CODE',
    ConceptNameCodeSequence: [{ CodeValue: '121071', CodingSchemeDesignator: 'DCM' }],
    ConceptCodeSequence: [{ CodeValue: 'x', CodingSchemeDesignator: '99X', CodeMeaning: 'Opacity' }],
  };

  it('names an SR without content as a problem with the reason, and does not throw when reading it', () => {
    const empty = sr({ ValueType: 'CONTAINER' });
    expect(readMeasurementReport(empty)).toBeUndefined();
    expect(() =>
      reportIn(
        datasetToBytes({
          ...empty,
          _meta: { TransferSyntaxUID: '1.2.840.10008.1.2.1', MediaStorageSOPClassUID: ENHANCED_SR, MediaStorageSOPInstanceUID: '2.25.9' },
        }),
        ENHANCED_SR,
      ),
    ).toThrow('not an image (Enhanced SR), and not a report Lucent can read: it holds no content');
    expect(() => reportIn(new ArrayBuffer(10), ENHANCED_SR)).toThrow(/^not an image \(Enhanced SR\), and its content could not be read/);
  });

  it('keeps a finding whose SCOORD has no IMAGE, or an unknown shape, without the region', () => {
    const noImage = { RelationshipType: 'CONTAINS', ValueType: 'SCOORD', GraphicType: 'POLYLINE', GraphicData: [1, 2, 3, 4] };
    const unknown = {
      ...noImage,
      GraphicType: 'SPLINE',
      ContentSequence: [{ ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPInstanceUID: '1.2' }] }],
    };
    const report = readMeasurementReport(measurements([group([finding, noImage, unknown])]))!;
    expect(report.findings).toEqual([{ text: 'Opacity.', finding: 'Opacity', measurements: [], evaluations: [], regions: [] }]);
  });

  it('reads what it can from groups with missing or wrong-typed content, never throwing', () => {
    const badNum = {
      RelationshipType: 'CONTAINS',
      ValueType: 'NUM',
      ConceptNameCodeSequence: [{ CodeMeaning: 'Length' }],
      MeasuredValueSequence: [{ NumericValue: 'abc' }],
    };
    const noValue = { RelationshipType: 'CONTAINS', ValueType: 'NUM', ConceptNameCodeSequence: [{ CodeMeaning: 'Width' }] };
    const badData = {
      ValueType: 'SCOORD',
      GraphicType: 'CIRCLE',
      GraphicData: [1, 2, 3],
      ContentSequence: [{ ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPInstanceUID: '1.2' }] }],
    };
    const labelled = group([
      {
        RelationshipType: 'HAS OBS CONTEXT',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: [{ CodeValue: '112039', CodingSchemeDesignator: 'DCM' }],
        TextValue: 'Lesion 1',
      },
      { ...badData, GraphicType: 'POINT', GraphicData: [4, 4] },
    ]);
    const report = readMeasurementReport(
      measurements([null, 'text', group([null, 7, badNum, noValue, badData, finding]), group([]), labelled, { ContentSequence: 5 }]),
    )!;
    // The empty group is no finding; one with only a region is named by its label.
    expect(report.findings.map((f) => [f.text, f.regions.length])).toEqual([
      ['Opacity.', 0],
      ['Lesion 1.', 1],
    ]);
    expect(readMeasurementReport(sr({ ContentSequence: 'nonsense' }))).toBeUndefined();
    expect(readMeasurementReport(sr({ ContentSequence: [{ ValueType: 'TEXT' }] }))).toBeUndefined();
    expect(
      readMeasurementReport({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ContentSequence: [{ ValueType: 'TEXT', TextValue: 'x' }] }),
    ).toBeUndefined();
  });

  it("leaves files that are not SRs to the image loader, and recognises Lucent's own SRs first", async () => {
    expect(reportIn(new ArrayBuffer(10), '1.2.840.10008.5.1.4.1.1.2')).toBeUndefined();
    expect(reportIn(new ArrayBuffer(10), undefined)).toBeUndefined();
    const { reportToSR } = await import('../sr/lucentSR');
    const { isLucentSR } = await import('../sr/lucentSRRead');
    const { emptyReport } = await import('../content');
    const { bareSrContext } = await import('../__fixtures__/testReports');
    const lucent = reportToSR(emptyReport('1.2.3'), bareSrContext('1.2.3'));
    // A report without findings too: Lucent's own, not another tool's text report.
    const back = reportIn(datasetToBytes(lucent), String(lucent.SOPClassUID))!;
    expect([back.SOPInstanceUID, isLucentSR(back)]).toEqual(['2.25.2', true]);
  });
});
