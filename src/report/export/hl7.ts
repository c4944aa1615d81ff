// The report as an HL7 v2.5.1 ORU^R01 message, for a RIS that takes HL7 v2 rather than FHIR: MSH,
// PID, OBR (result status P preliminary, F final, C corrected or appended; the interpreters) and one
// OBX line of text per report line. Hand-written: the npm HL7 packages are Node socket clients
// (node-hl7-client needs Node 22 and net) or pull a file watcher and moment.js into the page
// (simple-hl7), and an ORU^R01 is a few segments of escaped text.
import type { Report } from '../types';
import { fhirStatus } from '../review';
import { reportToText, type ReportHeader } from './text';

export interface Hl7Context extends ReportHeader {
  patientBirthDate: string;
  patientSex: string;
  now: Date;
  /** MSH-10, unique per message. */
  controlId: string;
}

/** HL7 escapes for the delimiters (PS v2.5.1 2.7.4). */
const esc = (value: string) =>
  value
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/[\r\n]+/g, ' ');
const ts = (d: Date | string) => new Date(d).toISOString().replace(/[-:T]/g, '').slice(0, 14);
/** A DICOM person name (Family^Given^Middle^Prefix^Suffix) as an HL7 XPN, components kept. */
const name = (pn: string) => pn.split('^').map(esc).join('^');

const RESULT_STATUS = { preliminary: 'P', final: 'F', amended: 'C', appended: 'C' } as const;

export function reportToHl7(report: Report, context: Hl7Context): string {
  const status = RESULT_STATUS[fhirStatus(report)];
  const signed = report.status === 'draft' || report.status === 'amending' ? undefined : report.versions.at(-1);
  const preliminary = report.versions.at(-2)?.kind === 'preliminary' ? report.versions.at(-2) : undefined;
  const obr = new Array<string>(33).fill('');
  obr[0] = 'OBR';
  obr[1] = '1';
  obr[3] = esc(context.accessionNumber);
  obr[4] = `18748-4^${esc(context.studyDescription || 'Diagnostic imaging study')}^LN`;
  obr[7] = /^\d{8}$/.test(context.studyDate) ? context.studyDate : '';
  // OBR-22, when the result last changed: the last signature, an addendum's included.
  const changedAt = [signed?.signedAt, ...(signed ? (report.addenda ?? []).map((a) => a.signedAt) : [])].filter((t) => t !== undefined);
  obr[22] = ts(changedAt.sort().at(-1) ?? context.now);
  obr[25] = status;
  obr[32] = signed ? esc(signed.reader) : '';
  const segments = [
    ['MSH', '^~\\&', 'LUCENT', 'LUCENT', '', '', ts(context.now), '', 'ORU^R01^ORU_R01', esc(context.controlId), 'P', '2.5.1'].join('|'),
    [
      'PID',
      '1',
      '',
      esc(context.patientId),
      '',
      name(context.patientName),
      '',
      esc(context.patientBirthDate),
      esc(context.patientSex),
    ].join('|'),
    // OBR-33: the resident whose preliminary the attending reviewed (assistant result interpreter).
    [...obr, preliminary ? esc(preliminary.reader) : ''].join('|').replace(/\|+$/, ''),
    ...reportToText(report, context)
      .replace(/\n$/, '')
      .split('\n')
      .map((line, i) =>
        ['OBX', String(i + 1), 'TX', '18782-3^Radiology Study observation (narrative)^LN', '1', esc(line), '', '', '', '', '', status].join(
          '|',
        ),
      ),
  ];
  return `${segments.join('\r')}\r`;
}
