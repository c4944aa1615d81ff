// The audit trail: every change to a report — who (name and role), when, what, and on which
// version — in words. The store appends an entry for each edit, undo, redo and signature; typing in
// one box is one entry, kept up to date. Nothing edits or removes entries. Plain TypeScript.
import { isoDate } from './dicomDates';
import type { AuditEntry, Reader, Report, ReportContent, ReportEdit } from './types';
import type { ReviewAction } from './review';
import { isUndecided } from './content';

const quote = (text: string) => `“${text.trim().length > 50 ? `${text.trim().slice(0, 47)}…` : text.trim()}”`;

function findingName(content: ReportContent, id: string): string {
  const index = content.findings.findIndex((f) => f.id === id);
  return index < 0 ? 'a finding' : `finding ${index + 1} ${quote(content.findings[index].text)}`;
}

/** A template field by its label (its id when the template has no such field). */
const fieldLabel = (content: ReportContent, id: string) =>
  content.template?.sections.flatMap((s) => s.fields).find((f) => f.id === id)?.label ?? id;

const DECISION = { accepted: 'Accepted', rejected: 'Rejected', pending: 'Undecided' } as const;

/** What an edit did, in words, from the content it was applied to. */
export function describeEdit(edit: ReportEdit, before: ReportContent): string {
  const finding = 'findingId' in edit ? findingName(before, edit.findingId) : '';
  switch (edit.type) {
    case 'setIndication':
      return `Edited the indication: ${quote(edit.text)}`;
    case 'setImpression':
      return `Edited the impression: ${quote(edit.text)}`;
    case 'applyDraft':
      return `Applied the model's draft (${edit.findings.length} finding${edit.findings.length === 1 ? '' : 's'})`;
    case 'editText':
      return `Edited ${finding.replace(/ “.*$/, '')}: ${quote(edit.text)}`;
    case 'proposeText':
      return `The model proposed the sentence of ${finding}`;
    case 'decide':
      return `${DECISION[edit.decision]} ${finding}`;
    case 'addFinding':
      return `Added a finding${edit.finding.text ? `: ${quote(edit.finding.text)}` : ' (a region drawn)'}`;
    case 'removeFinding':
      return `Removed ${finding}`;
    case 'moveFinding':
      return `Moved ${finding} to position ${edit.toIndex + 1}`;
    case 'proposeRegions':
      return `The model proposed a region for ${finding}`;
    case 'setRegion': {
      const existing = before.findings.find((f) => f.id === edit.findingId)?.regions.find((r) => r.id === edit.region.id);
      return (
        (existing
          ? existing.proposed && !edit.region.proposed
            ? 'Kept the proposed region'
            : 'Moved or resized a region'
          : 'Drew a region') + ` of ${finding}`
      );
    }
    case 'removeRegion':
      return `Removed a region of ${finding}`;
    case 'trackLesion':
      return `Measured ${finding} on the prior of ${isoDate(edit.prior.date)}: ${edit.comparison.kind}`;
    case 'applyTemplate':
      return edit.template ? `Chose the template ${quote(edit.template.title)}` : 'Left the template';
    case 'setField':
      return `Filled ${quote(fieldLabel(before, edit.fieldId))}: ${quote(edit.value)}`;
    case 'setFields': {
      const labels = Object.keys(edit.values).map((id) => quote(fieldLabel(before, id)));
      return `Filled ${labels.length === 1 ? 'the field' : 'the fields'} ${labels.join(', ')} with normal text`;
    }
    case 'setSection':
      return (
        `Put ${finding} in the section ` + quote(before.template?.sections.find((s) => s.id === edit.sectionId)?.name ?? edit.sectionId)
      );
    case 'decideRecommendation':
      return (
        `${edit.status === 'accepted' ? 'Accepted' : edit.status === 'dismissed' ? 'Dismissed' : 'Reopened'}` +
        ` the follow-up of ${finding}`
      );
    case 'recordCommunication':
      return edit.communication
        ? `Recorded the communication of ${finding} to ${edit.communication.recipient} by ${edit.communication.method}`
        : `Cleared the communication record of ${finding}`;
    case 'setNoduleRisk':
      return `Set the patient's nodule risk to ${edit.risk}`;
    case 'setModality':
      return `Set the modality to ${edit.modality}`;
  }
}

/** The version a change now belongs to: the next one to be signed, or the one just signed. */
const workingVersion = (report: Report) =>
  report.status === 'signed' || report.status === 'addendum' ? report.versions.length : report.versions.length + 1;

/**
 * The report with one more audit entry; typing (same key, same reader) updates the last entry
 * instead. A signature names the version it signed (`version`); edits, the one being written.
 */
export function withAudit(
  report: Report,
  reader: Reader,
  action: string,
  at: Date,
  key?: string,
  version = workingVersion(report),
): Report {
  const audit = report.audit ?? [];
  const entry: AuditEntry = {
    at: at.toISOString(),
    reader: reader.name.trim() || 'unnamed reader',
    role: reader.role,
    action,
    version,
    ...(key ? { key } : {}),
  };
  const last = audit.at(-1);
  const merge = key !== undefined && last?.key === key && last.reader === entry.reader;
  return { ...report, audit: merge ? [...audit.slice(0, -1), entry] : [...audit, entry] };
}

/** What a review move did, in words, from the report after it. */
export function describeMove(action: ReviewAction, after: Report): string {
  const signed = after.versions.at(-1);
  switch (action.kind) {
    case 'sign': {
      const undecided = after.content.findings.filter((f) => isUndecided(f) && f.text.trim());
      const leftOut = undecided.length
        ? `; left out ${undecided.length} AI finding(s) not accepted: ${undecided.map((f) => `“${f.text.trim()}”`).join(', ')}`
        : '';
      return `Signed the ${signed?.kind === 'preliminary' ? 'preliminary' : 'final'} report (version ${signed?.version})${leftOut}`;
    }
    case 'amend':
      return 'Reopened the final report for an amendment';
    case 'start-addendum':
      return 'Started an addendum';
    case 'cancel-addendum':
      return 'Cancelled the addendum';
    case 'sign-addendum':
      return `Signed addendum ${after.addenda?.length}: “${action.text.trim()}”`;
  }
}
