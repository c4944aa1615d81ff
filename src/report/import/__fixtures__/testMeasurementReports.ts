// SRs as other tools write them, for the unit and browser tests: a TID 1500 measurement report
// built the way OHIF builds one (dcmjs's TID 1500 / TID 300 classes and its StructuredReport
// derivation) with a group as highdicom writes a planar ROI added, and a RIS's Basic Text SR.
import dcmjs from 'dcmjs';
import type { Dataset, Item } from '../../sr/items';

/** The parts of dcmjs these builders use (src/dcmjs.d.ts declares only what the app uses). */
interface DcmjsBuilders {
  utilities: {
    TID1500: {
      TID1500MeasurementReport: new (groups: { TID1501MeasurementGroups: unknown[] }) => {
        contentItem(sources: Dataset[], options?: Record<string, unknown>): Dataset;
      };
      TID1501MeasurementGroup: new (measurements: unknown[]) => unknown;
    };
    TID300: Record<'Length' | 'Polygon' | 'Point', new (props: Record<string, unknown>) => unknown>;
  };
  derivations: { StructuredReport: new (sources: Dataset[], options?: Record<string, unknown>) => { dataset: Dataset } };
}
const { utilities, derivations } = dcmjs as unknown as DcmjsBuilders;

/** The image the regions are drawn on, as its own DICOM file says. */
export interface SourceImage {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  SOPClassUID: string;
  PatientName?: string;
  PatientID?: string;
}

const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => ({
  CodeValue,
  CodingSchemeDesignator,
  CodeMeaning,
});
const concept = (c: ReturnType<typeof code>) => ({ ConceptNameCodeSequence: [c] });

export const OHIF_SR = { sopInstanceUID: '2.25.31415926535897932384626433', manufacturer: 'OHIF', description: 'Research Derived series' };

function meta(ds: Dataset): Dataset {
  return {
    ...ds,
    _meta: {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: ds.SOPClassUID,
      MediaStorageSOPInstanceUID: ds.SOPInstanceUID,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: '2.25.80302813137786398554742050926734630921603366648225212145404',
      ImplementationVersionName: 'dcmjs-0.0',
    },
  };
}

/** A planar ROI group as highdicom writes it: the Image Region in the group, the site's side as its modifier, an evaluation. */
function highdicomGroup(image: SourceImage): Item {
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'CONTAINER',
    ...concept(code('125007', 'DCM', 'Measurement Group')),
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1410' }],
    ContentSequence: [
      {
        RelationshipType: 'HAS OBS CONTEXT',
        ValueType: 'TEXT',
        ...concept(code('112039', 'DCM', 'Tracking Identifier')),
        TextValue: 'Effusion ROI',
      },
      {
        RelationshipType: 'HAS OBS CONTEXT',
        ValueType: 'UIDREF',
        ...concept(code('112040', 'DCM', 'Tracking Unique Identifier')),
        UID: '2.25.2718281828459045',
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'CODE',
        ...concept(code('121071', 'DCM', 'Finding')),
        ConceptCodeSequence: [code('60046008', 'SCT', 'Pleural effusion')],
      },
      {
        RelationshipType: 'HAS CONCEPT MOD',
        ValueType: 'CODE',
        ...concept(code('G-C0E3', 'SRT', 'Finding Site')),
        ConceptCodeSequence: [code('T-29000', 'SRT', 'Pleura')],
        ContentSequence: [
          {
            RelationshipType: 'HAS CONCEPT MOD',
            ValueType: 'CODE',
            ...concept(code('G-C171', 'SRT', 'Laterality')),
            ConceptCodeSequence: [code('G-A101', 'SRT', 'Left')],
          },
        ],
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'SCOORD',
        ...concept(code('111030', 'DCM', 'Image Region')),
        GraphicType: 'ELLIPSE',
        // Major axis (300,900)–(500,900), minor axis (400,850)–(400,950).
        GraphicData: [300, 900, 500, 900, 400, 850, 400, 950],
        ContentSequence: [
          {
            RelationshipType: 'SELECTED FROM',
            ValueType: 'IMAGE',
            ReferencedSOPSequence: [{ ReferencedSOPClassUID: image.SOPClassUID, ReferencedSOPInstanceUID: image.SOPInstanceUID }],
          },
        ],
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'NUM',
        ...concept(code('G-A166', 'SRT', 'Area')),
        MeasuredValueSequence: [{ NumericValue: '1570.8', MeasurementUnitsCodeSequence: [code('mm2', 'UCUM', 'square millimeter')] }],
      },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'CODE',
        ...concept(code('246112005', 'SCT', 'Severity')),
        ConceptCodeSequence: [code('255604002', 'SCT', 'Mild')],
      },
    ],
  };
}

/**
 * An OHIF-style measurement report on `image`: a length (a nodule in the right upper lobe), a
 * polygon ROI (a mass, with its area and perimeter) and an arrow labelled in free text, written with
 * dcmjs as OHIF does, plus a highdicom-style planar ROI (a left pleural effusion).
 */
export function ohifMeasurementReport(image: SourceImage, sopInstanceUID = OHIF_SR.sopInstanceUID): Dataset {
  const { TID1500MeasurementReport, TID1501MeasurementGroup } = utilities.TID1500;
  const { Length, Polygon, Point } = utilities.TID300;
  const ReferencedSOPSequence = { ReferencedSOPClassUID: image.SOPClassUID, ReferencedSOPInstanceUID: image.SOPInstanceUID };
  const length = new Length({
    point1: { x: 600, y: 400 },
    point2: { x: 640, y: 430 },
    distance: 12.3456,
    ReferencedSOPSequence,
    trackingIdentifierTextValue: 'Cornerstone3DTools@^0.1.0:Length',
    finding: code('27925004', 'SCT', 'Nodule'),
    findingSites: [code('45653009', 'SCT', 'Right Upper Lobe of Lung')],
  });
  const polygon = new Polygon({
    points: [
      { x: 1000, y: 500 },
      { x: 1200, y: 500 },
      { x: 1200, y: 650 },
      { x: 1000, y: 650 },
      { x: 1000, y: 500 },
    ],
    perimeter: 700,
    area: 30000,
    unit: 'mm',
    areaUnit: 'mm2',
    ReferencedSOPSequence,
    trackingIdentifierTextValue: 'Cornerstone3DTools@^0.1.0:PlanarFreehandROI',
    finding: code('4147007', 'SCT', 'Mass'),
  });
  const arrow = new Point({
    points: [{ x: 820, y: 240 }],
    ReferencedSOPSequence,
    trackingIdentifierTextValue: 'Cornerstone3DTools@^0.1.0:ArrowAnnotate',
    finding: code('CORNERSTONEFREETEXT', 'CST4', 'Line tip'),
  });
  const groups = [length, polygon, arrow].map((m) => new TID1501MeasurementGroup([m]));
  const source: Dataset = {
    ...image,
    PatientName: image.PatientName ?? 'Synthetic^Chest DX',
    PatientID: image.PatientID ?? 'LUC-0001',
    StudyDate: '20260315',
    StudyTime: '101500',
  };
  const content = new TID1500MeasurementReport({ TID1501MeasurementGroups: groups }).contentItem([source], { PersonName: 'Smith^Anna' });
  const report = new derivations.StructuredReport([source], {
    Manufacturer: OHIF_SR.manufacturer,
    SOPInstanceUID: sopInstanceUID,
    ContentDate: '20260316',
    ContentTime: '093000',
  });
  const dataset: Dataset = { ...report.dataset, ...content, SpecificCharacterSet: 'ISO_IR 192' };
  delete dataset._vrMap;
  // The highdicom-style group beside OHIF's, in the same Imaging Measurements container.
  const measurements = (dataset.ContentSequence as Item[]).find((i) => JSON.stringify(i.ConceptNameCodeSequence).includes('126010'))!;
  measurements.ContentSequence = [...(measurements.ContentSequence as Item[]), highdicomGroup(image)];
  return meta(dataset);
}

const TEXT_CONCEPTS: Record<string, ReturnType<typeof code>> = {
  '121070': code('121071', 'DCM', 'Finding'),
  '121072': code('121073', 'DCM', 'Impression'),
};

/** A RIS's report as a Basic Text SR: sections with TEXT items, no measurements. */
export function basicTextReport(image: SourceImage): Dataset {
  const section = (value: string, meaning: string, text: string) => ({
    RelationshipType: 'CONTAINS',
    ValueType: 'CONTAINER',
    ...concept(code(value, 'DCM', meaning)),
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [
      { RelationshipType: 'CONTAINS', ValueType: 'TEXT', ...concept(TEXT_CONCEPTS[value] ?? code(value, 'DCM', meaning)), TextValue: text },
    ],
  });
  return meta({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
    SOPInstanceUID: '2.25.161803398874989484820458683436',
    StudyInstanceUID: image.StudyInstanceUID,
    SeriesInstanceUID: '2.25.161803398874989484820458683437',
    Modality: 'SR',
    Manufacturer: 'Acme RIS',
    SeriesDescription: 'Radiology report',
    ContentDate: '20260317',
    ContentTime: '120000',
    PatientName: 'Synthetic^Chest DX',
    PatientID: 'LUC-0001',
    ValueType: 'CONTAINER',
    ...concept({ CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging report' }),
    ContinuityOfContent: 'SEPARATE',
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      { VerifyingObserverName: 'Jones^Peter', VerificationDateTime: '20260317120000', VerifyingOrganization: 'Acme' },
    ],
    ContentSequence: [
      {
        RelationshipType: 'HAS OBS CONTEXT',
        ValueType: 'PNAME',
        ...concept(code('121008', 'DCM', 'Person Observer Name')),
        PersonName: 'Jones^Peter',
      },
      section('121060', 'History', 'Cough for three weeks.'),
      section('121070', 'Findings', 'The lungs are clear.\nNo pleural effusion.'),
      section('121072', 'Impressions', 'No acute cardiopulmonary abnormality.'),
    ],
  });
}
