// The building blocks of Lucent's SR content items: the codes it uses and small writers and
// readers over dcmjs's naturalized items. Shared by lucentSR.ts (TID 1500 groups) and structure.ts.
import type { FindingType } from '../../findings/labels';

export const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';
export const SCHEME = '99LUCENT';

export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

export const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({
  CodeValue,
  CodingSchemeDesignator,
  CodeMeaning,
});

export const CODES = {
  report: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  english: code('eng', 'RFC5646', 'English'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  personName: code('121008', 'DCM', 'Person Observer Name'),
  procedure: code('121058', 'DCM', 'Procedure reported'),
  imagingProcedure: code('363679005', 'SCT', 'Imaging'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  measurements: code('126010', 'DCM', 'Imaging Measurements'),
  group: code('125007', 'DCM', 'Measurement Group'),
  trackingId: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: code('121071', 'DCM', 'Finding'),
  region: code('111030', 'DCM', 'Image Region'),
  comment: code('121106', 'DCM', 'Comment'),
  impression: code('121073', 'DCM', 'Impression'),
  indication: code('121109', 'DCM', 'Indications for Procedure'),
  findingId: code('finding-id', SCHEME, 'Lucent finding identifier'),
  decision: code('decision', SCHEME, 'Reader decision'),
  provenance: code('provenance', SCHEME, 'Finding provenance'),
  confidence: code('confidence', SCHEME, 'Model confidence'),
  calibrated: code('calibrated', SCHEME, 'Calibrated probability the finding is right'),
  warning: code('warning', SCHEME, 'Draft warning'),
  measurement: code('measurement', SCHEME, 'Lucent measurement (JSON)'),
  // Structured reporting: sections and fields, follow-up, critical-result communication.
  section: code('section', SCHEME, 'Report section'),
  sectionId: code('section-id', SCHEME, 'Lucent section identifier'),
  fieldId: code('field-id', SCHEME, 'Lucent field identifier'),
  field: code('field', SCHEME, 'Report field'),
  template: code('template', SCHEME, 'Report template'),
  templateId: code('template-id', SCHEME, 'Report template identifier'),
  impressionBy: code('impression-by', SCHEME, 'Impression written by'),
  noduleRisk: code('nodule-risk', SCHEME, 'Patient risk for incidental nodules'),
  recommendation: code('121075', 'DCM', 'Recommendation'),
  dismissed: code('dismissed-rec', SCHEME, 'Recommendation dismissed by the reader'),
  recommendationSource: code('rec-source', SCHEME, 'Source of the recommendation'),
  // CID 7035's values (RadLex) under a concept name of Lucent's: no standard concept name for it was found.
  actionable: code('actionable', SCHEME, 'Actionable finding classification (CID 7035)'),
  communication: code('73568-8', 'LN', 'Communication of critical results'),
  recipient: code('comm-recipient', SCHEME, 'Communicated to'),
  method: code('comm-method', SCHEME, 'Communication method'),
  communicatedAt: code('comm-at', SCHEME, 'Communicated at'),
  criticalRule: code('critical-rule', SCHEME, 'Critical result rule'),
  // Review: addenda, the audit trail and the whole review state.
  addendum: code('addendum', SCHEME, 'Addendum'),
  audit: code('audit', SCHEME, 'Audit trail'),
  auditEntry: code('audit-entry', SCHEME, 'Change'),
  reviewState: code('review-state', SCHEME, 'Lucent review state (JSON)'),
  // Comparison with a prior study: its description, its Study Instance UID, and each finding's change.
  comparison: code('18834-2', 'LN', 'Comparison'),
  priorStudyUid: code('121018', 'DCM', 'Procedure Study Instance UID'),
  priorStudy: code('prior-study', SCHEME, 'Lucent prior study (JSON)'),
  change: code('change', SCHEME, 'Change since the prior study'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  laterality: code('272741003', 'SCT', 'Laterality'),
};

/**
 * Each finding type's standard code, from the SNOMED CT concepts DICOM PS3.16 lists (CID 6102/7151
 * and the device codes), and where it lies. Atelectasis and consolidation have no code in PS3.16's
 * tables: they keep Lucent's private code rather than a guessed one.
 */
export const FINDING_CODES: Partial<Record<FindingType, Code>> = {
  pleural_effusion: code('60046008', 'SCT', 'Pleural effusion'),
  pneumothorax: code('36118008', 'SCT', 'Pneumothorax'),
  nodule: code('27925004', 'SCT', 'Nodule'),
  mass: code('4147007', 'SCT', 'Mass'),
  cardiomegaly: code('287272002', 'SCT', 'Cardiomegaly'),
  endotracheal_tube: code('26412008', 'SCT', 'Endotracheal tube'),
  central_line: code('52124006', 'SCT', 'Central venous catheter'),
  pacemaker: code('14106009', 'SCT', 'Cardiac pacemaker'),
};

/** The organ a finding type lies in, for its Finding Site. */
export const FINDING_SITES: Partial<Record<FindingType, Code>> = {
  pleural_effusion: code('3120008', 'SCT', 'Pleura'),
  pneumothorax: code('3120008', 'SCT', 'Pleura'),
  nodule: code('39607008', 'SCT', 'Lung'),
  mass: code('39607008', 'SCT', 'Lung'),
  consolidation: code('39607008', 'SCT', 'Lung'),
  atelectasis: code('39607008', 'SCT', 'Lung'),
  cardiomegaly: code('80891009', 'SCT', 'Heart'),
};

export const LATERALITY_CODES = {
  right: code('24028007', 'SCT', 'Right'),
  left: code('7771000', 'SCT', 'Left'),
  bilateral: code('51440002', 'SCT', 'Right and left'),
} as const;

export type Dataset = Record<string, unknown>;
export type Item = Record<string, unknown>;

export const da = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
export const tm = (d: Date) => d.toISOString().slice(11, 19).replace(/:/g, '');
/**
 * ISO 8601 (UTC) to a DICOM DT in UTC, without an offset: the SR states its Timezone Offset From UTC
 * (+0000) once instead. DCMTK (dsrdump 3.6.7), and readers as strict, refuse a DT ending in +0000.
 */
export const dt = (iso: string) =>
  iso
    .replace(/[-:]/g, '')
    .replace('T', '')
    .replace(/\.\d+Z$|Z$/, '');

/** The Timezone Offset From UTC (0008,0201) that the DT and TM values of Lucent's SRs are in. */
export const UTC_OFFSET = '+0000';

export function item(relationship: string, valueType: string, concept: Code, value: Item = {}): Item {
  return { RelationshipType: relationship, ValueType: valueType, ConceptNameCodeSequence: [concept], ...value };
}
export const text = (rel: string, concept: Code, value: string) => item(rel, 'TEXT', concept, { TextValue: value });
export const codeItem = (rel: string, concept: Code, value: Code) => item(rel, 'CODE', concept, { ConceptCodeSequence: [value] });

export const list = (v: unknown): Item[] => (Array.isArray(v) ? (v as Item[]) : v ? [v as Item] : []);
export const conceptOf = (i: Item) => list(i.ConceptNameCodeSequence)[0] as unknown as Code | undefined;
export const is = (i: Item, c: Code) => {
  const k = conceptOf(i);
  return !!k && k.CodeValue === c.CodeValue && k.CodingSchemeDesignator === c.CodingSchemeDesignator;
};
export const find = (items: Item[], c: Code) => items.find((i) => is(i, c));
export const textOf = (i: Item | undefined) => String(i?.TextValue ?? '').replace(/^ $/, '');
export const codeValueOf = (i: Item | undefined) => (list(i?.ConceptCodeSequence)[0] as unknown as Code | undefined)?.CodeValue;

/** The source image a region is drawn on. */
export interface ReferencedImage {
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  /** 1-based frame of a multi-frame image. */
  frame?: number;
  /** The image's study, when it is not the reported one (a prior compared with). */
  studyInstanceUID?: string;
}
