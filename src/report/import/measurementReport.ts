// Reports written by other tools, read from their DICOM SR: TID 1500 measurement reports (OHIF,
// highdicom, dcmqi, 3D Slicer…) and text reports (a RIS's Basic Text or Enhanced SR).
//
// A TID 1500 report holds Imaging Measurements (126010, DCM) with one Measurement Group (125007,
// DCM) per finding: its tracking identifiers, the Finding and Finding Site codes (the site's side as
// a Laterality modifier), measurements (NUM), qualitative evaluations (CODE or TEXT) and image
// regions (SCOORD with the IMAGE they are drawn on) — directly in the group (a planar ROI, as
// highdicom writes it) or under the NUM they were measured on (INFERRED FROM, as OHIF writes them).
// Lucent's own SRs are TID 1500 too: the loader reads those first (sr/lucentSR.ts), this is for the rest.
//
// Plain TypeScript over dcmjs's naturalized data sets. Defensive: what cannot be read is left out,
// nothing throws on malformed content.
import { conceptOf, type Code, type Dataset, type Item } from '../sr/items';
import { narrativeOf } from './textReport';
import { items, regionsIn, type ImportedRegion } from './scoord';
import { findingSentence, unitOf, type ImportedEvaluation, type ImportedMeasurement } from './sentence';
import { isoDate } from '../dicomDates';
import { toolMeasurementOf, type ImportedToolMeasurement } from './toolMeasurement';

export type { ImportedRegion } from './scoord';
export type { ImportedEvaluation, ImportedMeasurement } from './sentence';
export type { ImportedToolMeasurement } from './toolMeasurement';

/** The SR storage classes a report can be read from, by SOP Class UID. */
export const SR_CLASSES: Record<string, string> = {
  '1.2.840.10008.5.1.4.1.1.88.11': 'Basic Text SR',
  '1.2.840.10008.5.1.4.1.1.88.22': 'Enhanced SR',
  '1.2.840.10008.5.1.4.1.1.88.33': 'Comprehensive SR',
  '1.2.840.10008.5.1.4.1.1.88.34': 'Comprehensive 3D SR',
  '1.2.840.10008.5.1.4.1.1.88.35': 'Extensible SR',
};

export interface ImportedFinding {
  /** The readable sentence, e.g. "Nodule, right upper lobe of lung: Long axis 12.3 mm." */
  text: string;
  trackingId?: string;
  trackingUid?: string;
  /** The Finding code's meaning, e.g. "Nodule" (OHIF writes a label as a free-text code). */
  finding?: string;
  site?: string;
  laterality?: string;
  measurements: ImportedMeasurement[];
  evaluations: ImportedEvaluation[];
  regions: ImportedRegion[];
  /** The group is a measurement of one of Cornerstone3D's tools (as OHIF writes them). */
  measurement?: ImportedToolMeasurement;
}

export interface ImportedReport {
  /** A TID 1500 measurement report, or a text report. */
  kind: 'measurements' | 'text';
  manufacturer: string;
  description: string;
  sopInstanceUID: string;
  studyInstanceUID: string;
  /** Content Date as YYYY-MM-DD (as written when it is not a DICOM date). */
  date: string;
  /** Who (or which device) made the observations, when the document says. */
  observer: string;
  indication: string;
  findings: ImportedFinding[];
  impression: string;
}

type Concept = [scheme: string, value: string];

const C = {
  report: [['DCM', '126000']],
  library: [['DCM', '111028']],
  measurements: [
    ['DCM', '126010'],
    ['DCM', '126011'],
  ], // Imaging Measurements, Derived Imaging Measurements
  evaluations: [
    ['UMLS', 'C0034375'],
    ['DCM', '126012'],
  ], // Qualitative Evaluations
  group: [['DCM', '125007']],
  trackingId: [['DCM', '112039']],
  trackingUid: [['DCM', '112040']],
  finding: [['DCM', '121071']],
  site: [
    ['SRT', 'G-C0E3'],
    ['SCT', '363698007'],
  ],
  laterality: [
    ['SRT', 'G-C171'],
    ['SCT', '272741003'],
  ],
  personName: [['DCM', '121008']],
  deviceName: [['DCM', '121013']],
  center: [['DCM', '111010']], // where a point is (OHIF's arrows and points, a NUM of 0): a region, not a measurement
} satisfies Record<string, Concept[]>;

const str = (v: unknown) => (v === undefined || v === null ? '' : String(Array.isArray(v) ? (v[0] ?? '') : v)).trim();

function isAny(item: Item | undefined, concepts: Concept[]): boolean {
  const c = item && conceptOf(item);
  return !!c && concepts.some(([scheme, value]) => str(c.CodingSchemeDesignator) === scheme && str(c.CodeValue) === value);
}

const findAny = (items: Item[], concepts: Concept[]) => items.find((i) => isAny(i, concepts));
const codeOf = (item: Item | undefined) => items(item?.ConceptCodeSequence)[0] as Partial<Code> | undefined;
const meaningOf = (item: Item | undefined) => str(codeOf(item)?.CodeMeaning) || str(codeOf(item)?.CodeValue) || undefined;

/**
 * A person name as dcmjs gives it (a string, or { Alphabetic }), "Family^Given" as "Given Family";
 * dcmjs's "unknown^unknown" is no name.
 */
function personName(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  const raw = typeof first === 'object' && first ? str((first as { Alphabetic?: unknown }).Alphabetic) : str(first);
  const [family = '', given = '', middle = ''] = raw
    .split('=')[0]
    .split('^')
    .map((p) => p.trim());
  if ([family, given].every((p) => !p || /^unknown$/i.test(p))) return '';
  return [given, middle, family].filter(Boolean).join(' ');
}

function measurementOf(num: Item): ImportedMeasurement | undefined {
  const measured = items(num.MeasuredValueSequence)[0];
  const value = Number(Array.isArray(measured?.NumericValue) ? measured.NumericValue[0] : measured?.NumericValue);
  const name = str(conceptOf(num)?.CodeMeaning);
  if (!measured || !name || measured.NumericValue === '' || !Number.isFinite(value)) return undefined;
  return { name, value, unit: unitOf(items(measured.MeasurementUnitsCodeSequence)[0]) };
}

/** Coded and text answers in the group that are not its finding, site or side. */
function evaluationsIn(children: Item[]): ImportedEvaluation[] {
  return children.flatMap((c) => {
    if (c.RelationshipType !== 'CONTAINS' || isAny(c, [...C.finding, ...C.site, ...C.laterality])) return [];
    const name = str(conceptOf(c)?.CodeMeaning);
    const value = c.ValueType === 'CODE' ? meaningOf(c) : c.ValueType === 'TEXT' ? str(c.TextValue) : undefined;
    return name && value ? [{ name, value, coded: c.ValueType === 'CODE' }] : [];
  });
}

function readGroup(group: Item): ImportedFinding {
  const children = items(group.ContentSequence);
  const findingItem = findAny(children, C.finding);
  // The site as a sibling of the finding (TID 1501, dcmjs) or as its modifier.
  const siteItem = findAny(children, C.site) ?? findAny(items(findingItem?.ContentSequence), C.site);
  const lateralityItem = [items(siteItem?.ContentSequence), children, items(findingItem?.ContentSequence)]
    .map((seq) => findAny(seq, C.laterality))
    .find(Boolean);
  const parts = {
    finding: meaningOf(findingItem),
    site: meaningOf(siteItem),
    laterality: meaningOf(lateralityItem),
    measurements: children
      .filter((c) => c.ValueType === 'NUM' && !isAny(c, C.center))
      .map(measurementOf)
      .filter((m): m is ImportedMeasurement => !!m),
    evaluations: evaluationsIn(children),
  };
  const trackingId = str(findAny(children, C.trackingId)?.TextValue) || undefined;
  const trackingUid = str(findAny(children, C.trackingUid)?.UID) || undefined;
  // A label a reader gave ("Lesion 1"), not a tool's name ("Cornerstone3DTools@^0.1.0:Length"), names a group with nothing else to say.
  const label = trackingId && !/@.*:/.test(trackingId) ? trackingId : undefined;
  const measurement = toolMeasurementOf(children, trackingId, trackingUid, parts.finding);
  return {
    text: findingSentence(parts, label),
    ...(trackingId ? { trackingId } : {}),
    ...(trackingUid ? { trackingUid } : {}),
    ...(parts.finding ? { finding: parts.finding } : {}),
    ...(parts.site ? { site: parts.site } : {}),
    ...(parts.laterality ? { laterality: parts.laterality } : {}),
    measurements: parts.measurements,
    evaluations: parts.evaluations,
    regions: regionsIn(children),
    ...(measurement ? { measurement } : {}),
  };
}

/** Report-level evaluations (a Qualitative Evaluations container at the root): one finding each. */
function rootEvaluations(root: Item[]): ImportedFinding[] {
  return root
    .filter((i) => isAny(i, C.evaluations))
    .flatMap((container) => evaluationsIn(items(container.ContentSequence)))
    .map((e) => ({ text: findingSentence({ measurements: [], evaluations: [e] }), measurements: [], evaluations: [e], regions: [] }));
}

/**
 * A report another tool wrote, read from its SR data set: the findings of a TID 1500 measurement
 * report (with any text beside them), or the text of a text report. Undefined when the data set is
 * not an SR or holds nothing Lucent can read (no measurement group, no text).
 */
export function readMeasurementReport(ds: Dataset): ImportedReport | undefined {
  try {
    if (!(str(ds.SOPClassUID) in SR_CLASSES)) return undefined;
    const root = items(ds.ContentSequence);
    const tid1500 = isAny(ds, C.report) || items(ds.ContentTemplateSequence).some((t) => str(t.TemplateIdentifier) === '1500');
    const groups = root.filter((i) => isAny(i, C.measurements)).flatMap((m) => items(m.ContentSequence).filter((g) => isAny(g, C.group)));
    const narrative = narrativeOf(root, (i) => isAny(i, [...C.library, ...C.measurements, ...C.evaluations]));
    const findings = [
      // One group that cannot be read does not take the others with it.
      ...groups.flatMap((g) => {
        try {
          const f = readGroup(g);
          // A group that says nothing (no finding, site, measurement, evaluation or region) is no finding.
          return f.finding || f.site || f.measurements.length || f.evaluations.length || f.regions.length ? [f] : [];
        } catch {
          return [];
        }
      }),
      ...rootEvaluations(root),
      ...narrative.findings.map((f) => ({ text: f.text, measurements: [], evaluations: [], regions: f.regions })),
    ];
    if (!findings.length && !narrative.impression && !narrative.indication) return undefined;
    const verifier = items(ds.VerifyingObserverSequence)[0];
    const observer =
      personName(findAny(root, C.personName)?.PersonName) ||
      str(findAny(root, C.deviceName)?.TextValue) ||
      personName(verifier?.VerifyingObserverName);
    return {
      kind: tid1500 || groups.length ? 'measurements' : 'text',
      manufacturer: str(ds.Manufacturer),
      description: str(ds.SeriesDescription),
      sopInstanceUID: str(ds.SOPInstanceUID),
      studyInstanceUID: str(ds.StudyInstanceUID),
      date: isoDate(str(ds.ContentDate)),
      observer,
      indication: narrative.indication,
      findings,
      impression: narrative.impression,
    };
  } catch {
    // Content of a shape no SR should have (dcmjs hands over whatever the file holds).
    return undefined;
  }
}
