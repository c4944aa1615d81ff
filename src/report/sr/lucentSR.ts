// A report as a DICOM Comprehensive SR following TID 1500 (Measurement Report); lucentSRRead.ts reads it back.
//
// Why TID 1500: it is the template OHIF (and other Cornerstone-based viewers, 3D Slicer, highdicom)
// read and write for regions on images; each finding becomes a Measurement Group whose Image Region
// (SCOORD, a closed polyline around the box) points at the source image, so those viewers show the
// regions; a measured region is written as OHIF writes a measurement, a NUM per value inferred from
// the tool's shape (measurementItems.ts), so OHIF reads it as that tool. What TID 1500 has no place
// for — the finding's sentence, Lucent's decision, provenance and confidence, the indication and
// impression — is carried in extra content items (DCM "Comment", "Impression", "Indications for
// Procedure", and codes of Lucent's private coding scheme 99LUCENT), which the Comprehensive SR IOD
// allows and those viewers ignore.
//
// Plain TypeScript over dcmjs's naturalized data sets (dcmjs writes and reads the bytes).
import { labelSentence } from '../../findings/labels';
import { recordOf, reportWarnings } from '../content';
import type { Finding, Report, ReportContent } from '../types';
import { comparisonItems, evidence, imageReference } from './comparison';
import { trackingIdentifierOf } from './measurementCodes';
import { measurementsOf, regionItems } from './measurementItems';
import {
  code,
  CODES,
  codeItem,
  FINDING_CODES,
  FINDING_SITES,
  LATERALITY_CODES,
  COMPREHENSIVE_SR,
  da,
  dt,
  item,
  SCHEME,
  text,
  tm,
  type Dataset,
  type Item,
  type ReferencedImage,
  UTC_OFFSET,
} from './items';
import { reviewItems, signers } from './review';
import { findingStructureItems, reportStructureItems } from './structure';

export { COMPREHENSIVE_SR, type Code, type Dataset } from './items';

/** What the SR copies from the source study (so PACS files it in the same study) and how it is made. */
export interface SrContext {
  patient: { name: string; id: string; birthDate: string; sex: string };
  study: { instanceUID: string; date: string; time: string; accessionNumber: string; id: string; referringPhysicianName: string };
  /** Cornerstone imageId → the DICOM image it is. */
  images: Record<string, ReferencedImage>;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  now: Date;
  manufacturer: string;
}

/** The finding named by its type's standard code, and its site with the side as a modifier. */
function findingCodeItems(text: string): Item[] {
  const label = labelSentence(text);
  const type = label?.type;
  const site = type && FINDING_SITES[type];
  const side = label && label.laterality !== 'none' ? LATERALITY_CODES[label.laterality] : undefined;
  return [
    codeItem('CONTAINS', CODES.finding, (type && FINDING_CODES[type]) || code('finding', SCHEME, 'Report finding')),
    ...(site
      ? [
          {
            ...codeItem('HAS CONCEPT MOD', CODES.findingSite, site),
            ...(side ? { ContentSequence: [codeItem('HAS CONCEPT MOD', CODES.laterality, side)] } : {}),
          },
        ]
      : []),
  ];
}

function findingGroup(finding: Finding, index: number, content: ReportContent, context: SrContext, uid: (n: number) => string): Item {
  // A finding that is one measurement is tracked as that measurement, named by its tool as OHIF names
  // it (OHIF picks the tool's reader by the Tracking Identifier); the same lesion keeps its UID on every date.
  const measured = measurementsOf(finding.regions);
  const only = measured.length === 1 ? measured[0] : undefined;
  const children: Item[] = [
    text('HAS OBS CONTEXT', CODES.trackingId, only ? trackingIdentifierOf(only.tool) : `Lucent finding ${index + 1}`),
    item('HAS OBS CONTEXT', 'UIDREF', CODES.trackingUid, { UID: only?.trackingUid ?? uid(index) }),
    ...findingCodeItems(finding.text),
    // Lucent's id of the finding (a UUID: too long for a code value), so a restored report keeps it.
    text('HAS OBS CONTEXT', CODES.findingId, finding.id),
    // An empty text is left out: a TEXT item must have a value (dciodvfy); reading back gives ''.
    ...(finding.text.trim() ? [text('CONTAINS', CODES.comment, finding.text)] : []),
    codeItem('CONTAINS', CODES.decision, code(finding.decision, SCHEME, finding.decision)),
    codeItem('CONTAINS', CODES.provenance, code(finding.provenance, SCHEME, finding.provenance)),
    ...(finding.warnings ?? []).map((w) => text('CONTAINS', CODES.warning, w)),
    ...(finding.comparison
      ? [codeItem('CONTAINS', CODES.change, code(finding.comparison.kind, SCHEME, `${finding.comparison.kind} since the prior study`))]
      : []),
    ...findingStructureItems(finding, content),
  ];
  // The regions before the confidence: OHIF reads a measurement from the group's first NUM.
  // A region the model proposed and the reader never kept is not part of the report.
  for (const region of finding.regions.filter((r) => !r.proposed)) {
    const image = context.images[region.imageId];
    if (!image) throw new Error(`finding ${index + 1}: its region is on an image that is not part of this study`);
    children.push(...regionItems(region, image));
  }
  if (finding.confidence !== undefined) {
    children.push(
      item('CONTAINS', 'NUM', finding.calibrated ? CODES.calibrated : CODES.confidence, {
        MeasuredValueSequence: [
          { NumericValue: finding.confidence.toFixed(6), MeasurementUnitsCodeSequence: [code('1', 'UCUM', 'no units')] },
        ],
      }),
    );
  }
  return item('CONTAINS', 'CONTAINER', CODES.group, {
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1501' }],
    ContentSequence: children,
  });
}

/** A CONTAINER item; its Content Sequence is Type 1C, so an empty container has none (dciodvfy refuses an empty one). */
const container = (concept: Parameters<typeof item>[2], children: Item[]): Item =>
  item('CONTAINS', 'CONTAINER', concept, { ContinuityOfContent: 'SEPARATE', ...(children.length ? { ContentSequence: children } : {}) });

/** The report as a naturalized dcmjs data set of a Comprehensive SR (TID 1500). */
export function reportToSR(report: Report, context: SrContext): Dataset {
  const content = report.content;
  // The standing signature: a preliminary's (complete, not verified) or the final's (verified).
  const standing =
    report.status === 'preliminary' || report.status === 'signed' || report.status === 'addendum' ? report.versions.at(-1) : undefined;
  const signed = standing?.kind !== 'preliminary' ? standing : undefined;
  // The record (content.ts recordOf): what the report says. A rejected finding, one with no sentence, or
  // an AI finding nobody accepted before signing is left out of the standard content, where every SR
  // reader would show it; it rides in the review state for Lucent.
  const recorded = recordOf(report).findings;
  const kept = new Set(recorded.map((f) => f.id));
  const withheld = content.findings.flatMap((finding, index) => (kept.has(finding.id) ? [] : [{ index, finding }]));
  const referenced = recorded
    .flatMap((f) => f.regions.filter((r) => !r.proposed).map((r) => context.images[r.imageId]))
    .filter((i): i is ReferencedImage => !!i);
  const unique = [...new Map(referenced.map((i) => [i.sopInstanceUID, i])).values()];
  const ofThisStudy = (i: ReferencedImage) => !i.studyInstanceUID || i.studyInstanceUID === context.study.instanceUID;
  const prior = content.comparison;
  // The prior compared with is pertinent other evidence: its image, and those its regions are on.
  const priorImages = [
    ...(prior?.image ? [{ ...prior.image, studyInstanceUID: prior.studyUID }] : []),
    ...unique.filter((i) => !ofThisStudy(i)),
  ];
  const uid = (n: number) => `${context.sopInstanceUID}.${n + 1}`;
  const observers = standing ? signers(report) : ['Lucent draft'];

  const root: Item[] = [
    codeItem('HAS CONCEPT MOD', CODES.language, CODES.english),
    ...observers.flatMap((name) => [
      codeItem('HAS OBS CONTEXT', CODES.observerType, CODES.person),
      item('HAS OBS CONTEXT', 'PNAME', CODES.personName, { PersonName: name }),
    ]),
    codeItem('HAS CONCEPT MOD', CODES.procedure, CODES.imagingProcedure),
    container(
      CODES.imageLibrary,
      unique.length
        ? [
            container(
              CODES.imageLibraryGroup,
              unique.map((image) => ({ RelationshipType: 'CONTAINS', ValueType: 'IMAGE', ReferencedSOPSequence: [imageReference(image)] })),
            ),
          ]
        : [],
    ),
    container(
      CODES.measurements,
      recorded.map((f, i) => findingGroup(f, i, content, context, uid)),
    ),
    ...(content.indication.trim() ? [text('CONTAINS', CODES.indication, content.indication)] : []),
    ...(content.impression.trim() ? [text('CONTAINS', CODES.impression, content.impression)] : []),
    ...reportWarnings(content).map((w) => text('CONTAINS', CODES.warning, w)),
    ...reportStructureItems(content),
    ...(prior ? comparisonItems(prior) : []),
    ...reviewItems(report, context.images, withheld),
  ];

  return {
    _meta: {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: COMPREHENSIVE_SR,
      MediaStorageSOPInstanceUID: context.sopInstanceUID,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: '2.25.227357497340961355722155234541209442346',
      ImplementationVersionName: 'LUCENT',
    },
    SpecificCharacterSet: 'ISO_IR 192',
    // The private coding scheme, declared as PS3.3 C.12.1.1.3 asks.
    CodingSchemeIdentificationSequence: [
      { CodingSchemeDesignator: SCHEME, CodingSchemeName: 'Lucent report codes', CodingSchemeResponsibleOrganization: 'Lucent' },
    ],
    SOPClassUID: COMPREHENSIVE_SR,
    SOPInstanceUID: context.sopInstanceUID,
    Modality: 'SR',
    PatientName: context.patient.name,
    PatientID: context.patient.id,
    PatientBirthDate: context.patient.birthDate,
    PatientSex: context.patient.sex,
    StudyInstanceUID: context.study.instanceUID,
    StudyDate: context.study.date,
    StudyTime: context.study.time,
    AccessionNumber: context.study.accessionNumber,
    StudyID: context.study.id,
    ReferringPhysicianName: context.study.referringPhysicianName,
    SeriesInstanceUID: context.seriesInstanceUID,
    SeriesNumber: '9001',
    SeriesDescription: 'Lucent report',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: context.manufacturer,
    // One more per signature (addenda included): the newest SR of a study has the highest.
    InstanceNumber: String(report.versions.length + (report.addenda?.length ?? 0) || 1),
    TimezoneOffsetFromUTC: UTC_OFFSET,
    ContentDate: da(context.now),
    ContentTime: tm(context.now),
    InstanceCreationDate: da(context.now),
    InstanceCreationTime: tm(context.now),
    CompletionFlag: standing ? 'COMPLETE' : 'PARTIAL',
    VerificationFlag: signed ? 'VERIFIED' : 'UNVERIFIED',
    ...(signed
      ? {
          VerifyingObserverSequence: [
            {
              VerifyingObserverName: signed.reader,
              VerificationDateTime: dt(signed.signedAt),
              VerifyingOrganization: 'Lucent',
              VerifyingObserverIdentificationCodeSequence: [],
            },
          ],
        }
      : {}),
    PerformedProcedureCodeSequence: [],
    // Type 1C, present only when the report references an image of the study (a record may have none).
    ...(unique.some(ofThisStudy)
      ? { CurrentRequestedProcedureEvidenceSequence: evidence(unique.filter(ofThisStudy), context.study.instanceUID) }
      : {}),
    ...(priorImages.length ? { PertinentOtherEvidenceSequence: evidence(priorImages, prior?.studyUID ?? '') } : {}),
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [CODES.report],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: root,
  };
}
