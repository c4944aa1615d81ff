// Undo/redo over whole report states. Reports are immutable values, so a history is three lists
// of references (as in Excalidraw's and tldraw's stores); nothing is copied per edit.
import { applyEdit } from './edit';
import type { Report, ReportEdit } from './types';

export interface History {
  past: Report[];
  present: Report;
  future: Report[];
  /** Consecutive edits with the same key (typing in one sentence) undo as one. */
  lastKey: string | undefined;
}

export const LIMIT = 500;

/** A new history (also after signing or amending, which are not undoable). */
export function startHistory(report: Report): History {
  return { past: [], present: report, future: [], lastKey: undefined };
}

/** Applies an edit; an edit that changes nothing leaves the history as it is. */
export function commit(history: History, edit: ReportEdit, coalesceKey?: string): History {
  const next = applyEdit(history.present, edit);
  if (next === history.present) return history;
  const merge = coalesceKey !== undefined && coalesceKey === history.lastKey && history.future.length === 0;
  const past = merge ? history.past : [...history.past, history.present].slice(-LIMIT);
  return { past, present: next, future: [], lastKey: coalesceKey };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastKey: undefined };
}

export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: undefined };
}
