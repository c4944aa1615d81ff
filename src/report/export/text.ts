// The report as plain text and as Markdown. Rejected findings are left out, as in the signed report.
import { reportWarnings, type Report } from '../report';

export interface ReportHeader {
  patientName: string;
  patientId: string;
  studyDate: string;
  studyDescription: string;
  accessionNumber: string;
}

const PROVENANCE = { ai: 'AI draft', 'ai-edited': 'AI draft, edited', human: 'reader' } as const;

function statusLine(report: Report): string {
  const last = report.versions[report.versions.length - 1];
  if (report.status === 'signed' && last) return `Signed by ${last.reader} on ${last.signedAt} (version ${last.version}).`;
  return report.status === 'amending' ? 'AMENDMENT IN PROGRESS — not signed.' : 'DRAFT — not signed.';
}

const dicomDate = (d: string) => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d);
const reported = (report: Report) => report.content.findings.filter((f) => f.decision !== 'rejected' && f.text.trim());
const DISCLAIMER = 'Drafted with Lucent, an AI-assisted reporting demonstrator: not for clinical use.';

export function reportToText(report: Report, header: ReportHeader): string {
  const lines = [
    `${header.studyDescription || 'Imaging study'} — ${dicomDate(header.studyDate)}`,
    `Patient: ${header.patientName} (ID ${header.patientId})${header.accessionNumber ? ` · Accession ${header.accessionNumber}` : ''}`,
    ...reportWarnings(report.content).map((w) => `WARNING: ${w}`),
    '',
    `INDICATION: ${report.content.indication.trim() || '—'}`,
    '',
    'FINDINGS:',
    ...reported(report).flatMap((f) => [`- ${f.text.trim()}`, ...(f.warnings ?? []).map((w) => `  WARNING: ${w}`)]),
    '',
    `IMPRESSION: ${report.content.impression.trim() || '—'}`,
    '',
    statusLine(report),
    DISCLAIMER,
  ];
  return `${lines.join('\n')}\n`;
}

/** Markdown special characters in DICOM text and sentences are escaped, so they print as typed. */
const md = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');

export function reportToMarkdown(report: Report, header: ReportHeader): string {
  const lines = [
    `# ${md(header.studyDescription || 'Imaging study')}`,
    '',
    `**Patient:** ${md(header.patientName)} (ID ${md(header.patientId)}) · **Date:** ${md(dicomDate(header.studyDate))}${header.accessionNumber ? ` · **Accession:** ${md(header.accessionNumber)}` : ''}`,
    ...reportWarnings(report.content).flatMap((w) => ['', `> **Warning:** ${md(w)}`]),
    '',
    '## Indication',
    '',
    md(report.content.indication.trim() || '—'),
    '',
    '## Findings',
    '',
    ...reported(report).map((f) => `- ${md(f.text.trim())} _(${PROVENANCE[f.provenance]}${f.regions.length ? `, ${f.regions.length} region${f.regions.length > 1 ? 's' : ''}` : ''})_${(f.warnings ?? []).map((w) => ` **Warning:** ${md(w)}`).join('')}`),
    '',
    '## Impression',
    '',
    md(report.content.impression.trim() || '—'),
    '',
    `_${md(statusLine(report))}_`,
    '',
    `_${md(DISCLAIMER)}_`,
  ];
  return `${lines.join('\n')}\n`;
}
