// A report's journal: its undo history with the audit trail and the reader's permissions applied to
// every command. Each function takes the history, who acts and when, and returns the next history
// (the same object when nothing changed or the reader may not act). The report session calls these;
// they hold the rules, so they are tested here without a store or React. Plain TypeScript.
import { describeEdit, describeMove, withAudit } from './audit';
import { commit, redo, startHistory, undo, type History } from './history';
import { emptyReport, isUntouched } from './content';
import type { Report, ReportEdit, Reader } from './types';
import { canEdit, transition, type ReviewAction } from './review';

/**
 * The audit trail lives on the present report only: undo and redo carry it over, so the states
 * behind and ahead keep none of their own — else every saved undo step would hold a copy of the
 * whole trail.
 */
function trailOnPresentOnly(before: History, after: History): History {
  const strip = (r: Report): Report => {
    if (r !== before.present || !r.audit) return r;
    const { audit: _trail, ...rest } = r;
    return rest;
  };
  // An edit or a redo puts the old present last behind; an undo puts it first ahead.
  const last = after.past.at(-1);
  const first = after.future[0];
  return {
    ...after,
    past: last && strip(last) !== last ? [...after.past.slice(0, -1), strip(last)] : after.past,
    future: first && strip(first) !== first ? [strip(first), ...after.future.slice(1)] : after.future,
  };
}

/** Undo and redo move the report back or forth, never its audit trail, which gains the step. */
function carryAudit(before: History, after: History, reader: Reader, action: string, at: Date): History {
  if (after === before) return after;
  const present = withAudit({ ...after.present, audit: before.present.audit }, reader, action, at);
  return trailOnPresentOnly(before, { ...after, present });
}

/**
 * The study's history as a study opens: a new empty report when there is none. A report saved or
 * restored without the study's modality learns it (not an edit of the reader's, so not audited).
 */
export function openJournal(history: History | undefined, studyUID: string, indication: string, modality = ''): History {
  if (!history) return startHistory(emptyReport(studyUID, indication, modality));
  if (!modality || history.present.content.modality) return history;
  return { ...history, present: { ...history.present, content: { ...history.present.content, modality } } };
}

/**
 * One edit, audited. Only a reader who may edit the report now changes it (a preliminary is the
 * attending's to review); consecutive edits with the same key (typing in one box) are one step and
 * one audit entry.
 */
export function editJournal(history: History, edit: ReportEdit, reader: Reader, at: Date, key?: string): History {
  if (!canEdit(history.present, reader.role)) return history;
  const next = commit(history, edit, key);
  if (next === history) return history;
  const present = withAudit(next.present, reader, describeEdit(edit, history.present.content), at, key);
  return trailOnPresentOnly(history, { ...next, present });
}

export function undoJournal(history: History, reader: Reader, at: Date): History {
  return carryAudit(history, undo(history), reader, 'Undid an edit', at);
}

export function redoJournal(history: History, reader: Reader, at: Date): History {
  return carryAudit(history, redo(history), reader, 'Redid an edit', at);
}

/**
 * Signing, amending and addenda (review.ts) start a new history: none can be undone. Throws on a
 * move the reader may not make. A signature's audit entry names the version it signed.
 */
export function reviewJournal(history: History, action: ReviewAction, reader: Reader, at: Date): History {
  const next = transition(history.present, action, reader, at);
  const signed = action.kind === 'sign' ? next.versions.at(-1) : undefined;
  return startHistory(withAudit(next, reader, describeMove(action, next), at, undefined, signed?.version));
}

/**
 * A report stored elsewhere (a Lucent SR) as the study's history, when nothing has been written in
 * the one here yet; undefined, changing nothing, when the reader's own edits would be lost. The SR
 * does not say the study's modality: the report open here already knows it.
 */
export function restoredJournal(current: Report | undefined, report: Report): History | undefined {
  if (current && !isUntouched(current)) return undefined;
  const modality = report.content.modality ?? current?.content.modality;
  return startHistory(modality ? { ...report, content: { ...report.content, modality } } : report);
}

/** Whether restoring the report would change nothing the reader sees (the same content is open). */
export function sameContent(current: Report | undefined, report: Report): boolean {
  return !!current && JSON.stringify(current.content) === JSON.stringify(report.content);
}
