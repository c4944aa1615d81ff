// The report as plain text and as Markdown, section by section (reportOutline): fields, findings with
// their accepted follow-up and critical-result records. Rejected findings are left out, as in the
// signed report.
import { describeCommunication } from '../critical';
import { reportOutline, type OutlineSection } from '../outline';
import { recordOf, reportWarnings } from '../content';
import type { Finding, Report, SignedVersion } from '../types';
import { isoDate } from '../dicomDates';

export interface ReportHeader {
  patientName: string;
  patientId: string;
  studyDate: string;
  studyDescription: string;
  accessionNumber: string;
}

const PROVENANCE = { ai: 'AI draft', 'ai-edited': 'AI draft, edited', human: 'reader' } as const;

/** The report's state in words: draft, preliminary awaiting review, final (and who signed each). */
export function statusLine(report: Report): string {
  const last = report.versions[report.versions.length - 1];
  const by = (v: SignedVersion) => `${v.reader}${v.role ? ` (${v.role})` : ''} on ${v.signedAt}`;
  if (report.status === 'preliminary' && last)
    return `PRELIMINARY — signed by ${by(last)} (version ${last.version}); awaiting the attending's review.`;
  if ((report.status === 'signed' || report.status === 'addendum') && last) {
    const preliminary = report.versions.at(-2)?.kind === 'preliminary' ? ` Preliminary by ${by(report.versions.at(-2)!)}.` : '';
    return `FINAL — signed by ${by(last)} (version ${last.version}).${preliminary}`;
  }
  return report.status === 'amending' ? 'AMENDMENT IN PROGRESS — not signed.' : 'DRAFT — not signed.';
}

/** The addenda to the final, each with its signer and time. */
export function addendaLines(report: Report): string[] {
  return (report.addenda ?? []).map((a, i) => `ADDENDUM ${i + 1} (${a.reader}, ${a.role}, ${a.signedAt}): ${a.text}`);
}

/** An AI finding nobody has accepted yet says so wherever it is printed: the reader has not vouched for it. */
const undecided = (f: Finding) => f.provenance !== 'human' && f.decision === 'pending';
const UNDECIDED = 'AI draft, not yet accepted';

/** "Jane Doe (ID 123)", or what there is of it: an export never prints an empty name or ID. */
function patientOf(header: ReportHeader): string {
  const id = header.patientId.trim() ? `ID ${header.patientId.trim()}` : '';
  const name = header.patientName.trim();
  return name && id ? `${name} (${id})` : name || id || 'not named in the study';
}

const DISCLAIMER = 'Drafted with Lucent, an AI-assisted reporting demonstrator: not for clinical use.';

/** What a finding carries besides its sentence: warnings, the accepted follow-up, the critical-result record. */
function findingNotes(f: Finding): Array<{ label: string; text: string }> {
  return [
    ...(f.warnings ?? []).map((w) => ({ label: 'WARNING', text: w })),
    ...(f.recommendation?.status === 'accepted'
      ? [{ label: 'Recommendation', text: `${f.recommendation.text} (Source: ${f.recommendation.source}.)` }]
      : []),
    ...(f.communication ? [{ label: 'CRITICAL RESULT', text: describeCommunication(f.communication) }] : []),
  ];
}

/** A section worth printing: one of the report's own parts, or one with something in it. */
const shown = (s: OutlineSection) =>
  s.role === 'clinical-information' ||
  s.role === 'impression' ||
  s.fields.length ||
  s.findings.length ||
  (s.id === 'findings' && s.role === 'findings') ||
  !!s.text?.trim();

function sectionText(s: OutlineSection): string[] {
  const title = s.title.toUpperCase();
  if (s.text !== undefined && !s.fields.length && !s.findings.length) return [`${title}: ${s.text.trim() || '—'}`, ''];
  return [
    `${title}:`,
    ...(s.text?.trim() ? [s.text.trim()] : []),
    ...s.fields.map((f) => `${f.label}: ${f.value}`),
    ...s.findings.flatMap((f) => [
      `- ${f.text.trim()}${undecided(f) ? ` (${UNDECIDED})` : ''}`,
      ...findingNotes(f).map((n) => `  ${n.label}: ${n.text}`),
    ]),
    '',
  ];
}

export function reportToText(report: Report, header: ReportHeader): string {
  const lines = [
    `${header.studyDescription || 'Imaging study'} — ${isoDate(header.studyDate)}`,
    `Patient: ${patientOf(header)}${header.accessionNumber ? ` · Accession ${header.accessionNumber}` : ''}`,
    ...(report.content.template ? [`Template: ${report.content.template.title}`] : []),
    ...reportWarnings(report.content).map((w) => `WARNING: ${w}`),
    '',
    ...reportOutline(recordOf(report)).filter(shown).flatMap(sectionText),
    statusLine(report),
    ...addendaLines(report),
    DISCLAIMER,
  ];
  return `${lines.join('\n')}\n`;
}

/** Markdown special characters in DICOM text and sentences are escaped, so they print as typed. */
const md = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');

function findingMarkdown(f: Finding): string[] {
  const regions = f.regions.length ? `, ${f.regions.length} region${f.regions.length > 1 ? 's' : ''}` : '';
  const warnings = (f.warnings ?? []).map((w) => ` **Warning:** ${md(w)}`).join('');
  const notes = findingNotes(f)
    .filter((n) => n.label !== 'WARNING')
    .map((n) => `  - **${md(n.label)}:** ${md(n.text)}`);
  const provenance = undecided(f) ? UNDECIDED : PROVENANCE[f.provenance];
  return [`- ${md(f.text.trim())} _(${provenance}${regions})_${warnings}`, ...notes];
}

function sectionMarkdown(s: OutlineSection): string[] {
  const body = [
    ...(s.text !== undefined ? [md(s.text.trim() || '—'), ''] : []),
    ...(s.fields.length ? [...s.fields.map((f) => `- **${md(f.label)}:** ${md(f.value)}`), ''] : []),
    ...(s.findings.length ? [...s.findings.flatMap(findingMarkdown), ''] : []),
  ];
  return [`## ${md(s.title)}`, '', ...body];
}

export function reportToMarkdown(report: Report, header: ReportHeader): string {
  const lines = [
    `# ${md(header.studyDescription || 'Imaging study')}`,
    '',
    `**Patient:** ${md(patientOf(header))} · **Date:** ${md(isoDate(header.studyDate))}` +
      `${header.accessionNumber ? ` · **Accession:** ${md(header.accessionNumber)}` : ''}`,
    ...(report.content.template ? ['', `**Template:** ${md(report.content.template.title)}`] : []),
    ...reportWarnings(report.content).flatMap((w) => ['', `> **Warning:** ${md(w)}`]),
    '',
    ...reportOutline(recordOf(report)).filter(shown).flatMap(sectionMarkdown),
    `_${md(statusLine(report))}_`,
    '',
    ...addendaLines(report).flatMap((a) => [`**${md(a.replace(/:.*$/s, ''))}:** ${md(a.replace(/^[^:]*: /s, ''))}`, '']),
    `_${md(DISCLAIMER)}_`,
  ];
  return `${lines.join('\n')}\n`;
}
