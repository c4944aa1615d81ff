// Reports made and read whole: an empty one, one stored elsewhere, what goes into the signed
// record, and whether anything is written yet. Plain functions over the report's types.

import type { Finding, Report, ReportContent, ReportStatus } from './types';

export function emptyReport(studyUID: string, indication = '', modality = ''): Report {
  return {
    studyUID,
    content: { indication, findings: [], impression: '', ...(modality ? { modality } : {}) },
    status: 'draft',
    versions: [],
  };
}

/** The findings that go into the signed report: all but the rejected ones and those with no sentence yet. */
export function reportedFindings(content: ReportContent): Finding[] {
  return content.findings.filter((f) => f.decision !== 'rejected' && f.text.trim() !== '');
}

/** The report's own warnings (a draft forced on an image outside the model's domain): every export states them at its top. */
export function reportWarnings(content: ReportContent): string[] {
  return content.warnings ?? [];
}

/** A report as stored elsewhere (a DICOM SR): signed when it was verified, else a draft. */
export function storedReport(studyUID: string, content: ReportContent, signed: { reader: string; signedAt: string } | undefined): Report {
  if (!signed) return { studyUID, content, status: 'draft', versions: [] };
  return { studyUID, content, status: 'signed', versions: [{ version: 1, reader: signed.reader, signedAt: signed.signedAt, content }] };
}

/** Nothing written yet (the indication may be prefilled from the request): safe to replace. */
export function isUntouched(report: Report): boolean {
  return (
    report.status === 'draft' && report.versions.length === 0 && report.content.findings.length === 0 && !report.content.impression.trim()
  );
}

/** An AI finding the reader has neither accepted nor rejected: nobody has vouched for it yet. */
export const isUndecided = (f: Finding): boolean => f.provenance !== 'human' && f.decision === 'pending';

/** A report whose content is signed (a preliminary, a final, a final taking an addendum): its record is what was signed. */
export const isSignedStatus = (status: ReportStatus): boolean => status === 'preliminary' || status === 'signed' || status === 'addendum';

/**
 * What a signature puts on record: the findings kept — not rejected, with a sentence, and not an AI
 * finding left undecided (signing leaves those out; the sign dialog says so) — each with the regions
 * the reader kept, not those only proposed; the fields, impression, recommendations and communications
 * as written. Rejected and undecided findings stay in the working state (report.content) only.
 */
export function signedContent(content: ReportContent): ReportContent {
  const findings = reportedFindings(content)
    .filter((f) => !isUndecided(f))
    .map((f) => (f.regions.some((r) => r.proposed) ? { ...f, regions: f.regions.filter((r) => !r.proposed) } : f));
  return { ...content, findings };
}

/**
 * The report as every export (SR, FHIR, HL7, text, Markdown) and the signed view give it: once signed,
 * its signed record; while it is written, the draft's findings (undecided AI findings included, which
 * the exports mark as not yet accepted).
 */
export function recordOf(report: Report): ReportContent {
  if (isSignedStatus(report.status)) return signedContent(report.content);
  return { ...report.content, findings: reportedFindings(report.content) };
}

/**
 * The findings as the image shows them. While the report is written, all of them (a rejected finding
 * and a proposed region are drawn dashed); once it is final, only what was signed: the record's
 * findings with the regions the reader kept. Every finding keeps its place (and so its colour); those
 * left out have no region to draw.
 */
export function drawnFindings(report: Report): Finding[] {
  const { findings } = report.content;
  if (report.status !== 'signed' && report.status !== 'addendum') return findings;
  const recorded = new Map(recordOf(report).findings.map((f) => [f.id, f]));
  return findings.map((f) => recorded.get(f.id) ?? (f.regions.length ? { ...f, regions: [] } : f));
}
