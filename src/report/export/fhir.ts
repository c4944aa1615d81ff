// The report as a FHIR R4 Bundle: a DiagnosticReport with an Observation per reported finding and a
// reference to the ImagingStudy (by its DICOM Study Instance UID). Regions go into each
// Observation's note (R4 has no image-region type; ImagingSelection arrived in R5), a measurement's
// values into its components as UCUM quantities (fhirMeasurements.ts). Structured
// reports add: each Observation's section (an extension), an Observation per filled template field,
// a ServiceRequest (intent "proposal") per accepted follow-up, and a Communication per critical
// result, whose Observation is interpreted with its ACR category (RadLex, as in CID 7035).
import { ACTIONABLE_CODES, describeCommunication } from '../critical';
import { reportOutline } from '../outline';
import { recordOf, reportWarnings } from '../content';
import type { Finding, Report } from '../types';
import { fhirStatus } from '../review';
import { addendaLines, type ReportHeader } from './text';
import { measurementComponents, measurementNotes } from './fhirMeasurements';

export interface FhirContext extends ReportHeader {
  studyInstanceUID: string;
  /** imageId → SOP Instance UID, to name the image a region is on. */
  sopInstanceOf: (imageId: string) => string | undefined;
  /** New ids for the bundle's resources (UUIDs in the app). */
  newId: () => string;
  now: Date;
}

type Resource = Record<string, unknown>;

/** Lucent's extension for a warning on the draft (an image outside the model's domain, a cut sentence). */
export const DRAFT_WARNING_EXTENSION = 'urn:lucent:fhir:draft-warning';
/** Lucent's extension naming the report section (template section) an Observation sits in. */
export const SECTION_EXTENSION = 'urn:lucent:fhir:report-section';
const RADLEX = 'http://radlex.org';
/** Lucent's extension on a Provenance: the report version the change belongs to. */
export const AUDIT_VERSION_EXTENSION = 'urn:lucent:fhir:report-version';

const fhirDate = (d: string) => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : undefined);

export function reportToFhir(report: Report, context: FhirContext): Resource {
  const status = fhirStatus(report);
  // The last signature stands: a resident's preliminary or an attending's final.
  const signed = report.status === 'draft' || report.status === 'amending' ? undefined : report.versions.at(-1);
  const finalised = status !== 'preliminary';
  const subject = { identifier: { value: context.patientId }, display: context.patientName };
  const studyId = context.newId();
  const imagingStudy: Resource = {
    resourceType: 'ImagingStudy',
    id: studyId,
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${context.studyInstanceUID}` }],
    status: 'available',
    subject,
    ...(fhirDate(context.studyDate) ? { started: fhirDate(context.studyDate) } : {}),
    ...(context.studyDescription ? { description: context.studyDescription } : {}),
  };
  const record = recordOf(report);
  const outline = reportOutline(record);
  const sectionOf = (f: Finding) =>
    report.content.template ? outline.find((s) => s.findings.some((g) => g.id === f.id))?.title : undefined;
  // Each reported finding with its Observation, which the follow-ups and communications refer to.
  const reported = record.findings.map((f): [Finding, Resource] => [
    f,
    {
      resourceType: 'Observation',
      id: context.newId(),
      status: finalised ? 'final' : 'preliminary',
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'imaging', display: 'Imaging' }] },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '59776-5', display: 'Procedure Findings' }], text: 'Finding' },
      subject,
      valueString: f.text.trim(),
      derivedFrom: [{ reference: `urn:uuid:${studyId}` }],
      ...(measurementComponents(f).length ? { component: measurementComponents(f) } : {}),
      ...(f.regions.length || f.warnings?.length
        ? {
            note: [
              ...(f.warnings ?? []).map((w) => ({ text: `Warning: ${w}` })),
              ...measurementNotes(f),
              ...f.regions.map((r) => ({
                text:
                  `Region on image ${context.sopInstanceOf(r.imageId) ?? r.imageId}: ` +
                  `columns ${r.box[0].toFixed(1)}–${r.box[2].toFixed(1)}, rows ${r.box[1].toFixed(1)}–${r.box[3].toFixed(1)} (pixels)`,
              })),
            ],
          }
        : {}),
      ...(sectionOf(f) ? { extension: [{ url: SECTION_EXTENSION, valueString: sectionOf(f) }] } : {}),
      ...(f.communication
        ? {
            interpretation: [
              {
                coding: [
                  {
                    system: RADLEX,
                    code: ACTIONABLE_CODES[f.communication.category].code,
                    display: ACTIONABLE_CODES[f.communication.category].meaning,
                  },
                ],
              },
            ],
          }
        : {}),
      ...(f.provenance !== 'human' && f.confidence !== undefined
        ? {
            method: {
              text:
                `Drafted by the Lucent model (confidence ${(f.confidence * 100).toFixed(0)}%, ` +
                `${f.calibrated ? 'calibrated' : 'not calibrated'})${f.provenance === 'ai-edited' ? ', edited by the reader' : ''}`,
            },
          }
        : {}),
    },
  ]);
  const observations = reported.map(([, o]) => o);
  const fieldObservations: Resource[] = outline.flatMap((s) =>
    s.fields.map((field) => ({
      resourceType: 'Observation',
      id: context.newId(),
      status: finalised ? 'final' : 'preliminary',
      code: { text: field.label },
      subject,
      valueString: field.value,
      extension: [{ url: SECTION_EXTENSION, valueString: s.title }],
    })),
  );
  const followUps: Resource[] = reported
    .filter(([f]) => f.recommendation?.status === 'accepted')
    .map(([f, o]) => ({
      resourceType: 'ServiceRequest',
      id: context.newId(),
      // A final report's accepted follow-up is a request the radiologist signed: active, no longer a draft.
      status: finalised ? 'active' : 'draft',
      intent: 'proposal',
      subject,
      code: { text: f.recommendation!.text },
      reasonReference: [{ reference: `urn:uuid:${o.id}` }],
      note: [{ text: `Source: ${f.recommendation!.source}` }],
    }));
  const communications: Resource[] = reported
    .filter(([f]) => f.communication)
    .map(([f, o]) => ({
      resourceType: 'Communication',
      id: context.newId(),
      status: 'completed',
      category: [{ text: 'Critical result' }],
      subject,
      about: [{ reference: `urn:uuid:${o.id}` }],
      sent: f.communication!.at,
      recipient: [{ display: f.communication!.recipient }],
      medium: [{ text: f.communication!.method }],
      payload: [{ contentString: describeCommunication(f.communication!) }],
    }));
  const diagnosticReport: Resource = {
    resourceType: 'DiagnosticReport',
    id: context.newId(),
    status,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD', display: 'Radiology' }] }],
    code: {
      coding: [{ system: 'http://loinc.org', code: '18748-4', display: 'Diagnostic imaging study' }],
      text: context.studyDescription || 'Imaging study',
    },
    subject,
    ...(fhirDate(context.studyDate) ? { effectiveDateTime: fhirDate(context.studyDate) } : {}),
    issued: signed?.signedAt ?? context.now.toISOString(),
    // The signer of the standing version first, then the resident whose preliminary it reviewed.
    ...(signed
      ? {
          resultsInterpreter: [
            ...new Set([
              signed.reader,
              ...report.versions
                .slice(0, -1)
                .reverse()
                .map((v) => v.reader),
            ]),
          ].map((display) => ({ display })),
        }
      : {}),
    imagingStudy: [{ reference: `urn:uuid:${studyId}` }],
    result: [...observations, ...fieldObservations].map((o) => ({ reference: `urn:uuid:${o.id}` })),
    conclusion: [report.content.impression.trim(), ...addendaLines(report)].filter(Boolean).join('\n\n'),
    // R4's DiagnosticReport has no note: the draft's warnings ride in an extension of Lucent's.
    ...(reportWarnings(report.content).length
      ? { extension: reportWarnings(report.content).map((w) => ({ url: DRAFT_WARNING_EXTENSION, valueString: w })) }
      : {}),
  };
  // The audit trail as FHIR Provenance, one per change, targeting the report.
  const provenance: Resource[] = (report.audit ?? []).map((e) => ({
    resourceType: 'Provenance',
    id: context.newId(),
    target: [{ reference: `urn:uuid:${diagnosticReport.id}` }],
    recorded: e.at,
    activity: { text: e.action },
    agent: [{ who: { display: e.reader }, role: [{ text: e.role }] }],
    extension: [{ url: AUDIT_VERSION_EXTENSION, valueInteger: e.version }],
  }));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: context.now.toISOString(),
    entry: [diagnosticReport, imagingStudy, ...observations, ...fieldObservations, ...followUps, ...communications, ...provenance].map(
      (resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource }),
    ),
  };
}
