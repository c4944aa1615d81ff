// Who signs what: the report's states and the legal moves between them, as a teaching hospital
// works. A resident (or fellow) signs a preliminary; an attending reviews it — editing it, the
// preliminary kept as its own version — and signs the final; later notes are addenda appended to the
// final, never rewriting it (an amendment reopens it as a new version). Plain TypeScript; every
// illegal move throws.
import type { Addendum, Reader, ReaderRole, Report, ReportContent, ReportStatus, SignedVersion } from './types';

export const READER_ROLES = ['resident', 'fellow', 'attending'] as const satisfies readonly ReaderRole[];

export class ReportLockedError extends Error {
  constructor(message = 'The report is signed: amend it or add an addendum to change it.') {
    super(message);
    this.name = 'ReportLockedError';
  }
}

export class IllegalTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalTransitionError';
  }
}

export type ReviewAction =
  | { kind: 'sign' }
  /** Reopen a final report as a new version. */
  | { kind: 'amend' }
  | { kind: 'start-addendum' }
  | { kind: 'sign-addendum'; text: string }
  | { kind: 'cancel-addendum' };

/** States whose content takes edits (the preliminary by its reviewer only: see canEdit). */
export const EDITABLE: ReadonlySet<ReportStatus> = new Set(['draft', 'preliminary', 'amending']);

/** What signing now makes of the report, for this reader; undefined where they may not sign. */
export function signsAs(report: Report, role: ReaderRole): 'preliminary' | 'final' | undefined {
  if (report.status === 'draft') return role === 'attending' ? 'final' : 'preliminary';
  if (report.status === 'preliminary') return role === 'attending' ? 'final' : undefined;
  if (report.status === 'amending') return role === 'attending' ? 'final' : undefined;
  return undefined;
}

/** Whether this reader may change the content now: a preliminary is the attending's to review. */
export function canEdit(report: Report, role: ReaderRole): boolean {
  if (report.status === 'preliminary') return role === 'attending';
  return EDITABLE.has(report.status);
}

/** The moves this reader may make now. */
export function allowedActions(report: Report, role: ReaderRole): ReviewAction['kind'][] {
  const actions: ReviewAction['kind'][] = [];
  if (signsAs(report, role)) actions.push('sign');
  if (report.status === 'signed') actions.push('amend', 'start-addendum');
  if (report.status === 'addendum') actions.push('sign-addendum', 'cancel-addendum');
  return actions;
}

function illegal(report: Report, action: ReviewAction, reader: Reader): never {
  if (action.kind === 'sign' && report.status === 'signed') throw new ReportLockedError();
  throw new IllegalTransitionError(
    `A ${reader.role} cannot ${action.kind.replace('-', ' ')} a report that is ${report.status === 'signed' ? 'final' : report.status}.`,
  );
}

function version(report: Report, kind: 'preliminary' | 'final', reader: Reader, at: Date, content: ReportContent): SignedVersion {
  return { version: report.versions.length + 1, reader: reader.name.trim(), role: reader.role, kind, signedAt: at.toISOString(), content };
}

/** The report after a move; throws IllegalTransitionError (or ReportLockedError) where the move is not allowed. */
export function transition(report: Report, action: ReviewAction, reader: Reader, at: Date): Report {
  if (!reader.name.trim()) throw new Error("Signing needs the reader's name.");
  if (!allowedActions(report, reader.role).includes(action.kind)) illegal(report, action, reader);
  switch (action.kind) {
    case 'sign': {
      const kind = signsAs(report, reader.role)!;
      const versions = [...report.versions, version(report, kind, reader, at, report.content)];
      return { ...report, status: kind === 'final' ? 'signed' : 'preliminary', versions };
    }
    case 'amend':
      return { ...report, status: 'amending' };
    case 'start-addendum':
      return { ...report, status: 'addendum' };
    case 'cancel-addendum':
      return { ...report, status: 'signed' };
    case 'sign-addendum': {
      if (!action.text.trim()) throw new IllegalTransitionError('An addendum needs its text.');
      const addendum: Addendum = { text: action.text.trim(), reader: reader.name.trim(), role: reader.role, signedAt: at.toISOString() };
      return { ...report, status: 'signed', addenda: [...(report.addenda ?? []), addendum] };
    }
  }
}

/** Signs as an attending unless told otherwise: the single-reader workflow Lucent had first. */
export function sign(report: Report, reader: string, at: Date, role: ReaderRole = 'attending'): Report {
  return transition(report, { kind: 'sign' }, { name: reader, role }, at);
}

/** Reopens a final report for an amendment; the signed versions are kept unchanged. */
export function amend(report: Report): Report {
  if (report.status !== 'signed') return report;
  return { ...report, status: 'amending' };
}

/** The preliminary an attending is reviewing (or reviewed): the last preliminary version before the final. */
export function preliminaryVersion(report: Report): SignedVersion | undefined {
  const last = report.versions.at(-1);
  if (report.status === 'preliminary') return last?.kind === 'preliminary' ? last : undefined;
  const final = report.versions.findLastIndex((v) => v.kind === 'final');
  const before = final > 0 ? report.versions[final - 1] : undefined;
  return before?.kind === 'preliminary' ? before : undefined;
}

/** FHIR DiagnosticReport.status for the report's state. */
export function fhirStatus(report: Report): 'preliminary' | 'final' | 'amended' | 'appended' {
  if (report.status === 'draft' || report.status === 'amending' || report.status === 'preliminary') return 'preliminary';
  if (report.addenda?.length) return 'appended';
  return report.versions.filter((v) => v.kind !== 'preliminary').length > 1 ? 'amended' : 'final';
}
