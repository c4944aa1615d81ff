// The report's text boxes as dictation writes into them (app/dictation.ts decides what an utterance
// does): words go into the field that had focus, one browser edit each, so the field's own undo
// takes them back one phrase at a time and React sees an ordinary input; next or previous field,
// scratch the last phrase, new line, select words.
import type { DictationFields } from '../../app/dictation';
import { findWords } from '../../dictation/commands';
import { placeDictation } from '../../dictation/normalise';
import { fieldNear } from '../../report/macros';
import { focusNeighbourField } from '../report/textKeys';

type Field = HTMLTextAreaElement | HTMLInputElement;

/**
 * The report's text boxes, in page order: where dictation writes and "next field" goes. Not the
 * sign-off's (the signer's name is not the report's text).
 */
const REPORT_FIELDS = [
  '[data-testid="report-panel"] textarea:not([readonly])',
  '[data-testid="report-panel"] input[type="text"]:not([readonly])',
  '[data-testid="report-panel"] input:not([type]):not([readonly])',
]
  .map((selector) => `${selector}:not([data-testid="sign-off"] *)`)
  .join(', ');

let lastField: Field | undefined;
let lastPhrase: { field: Field; start: number; text: string } | undefined;

/** Remembers the report field the reader was in, so pressing the Dictate button does not lose it. */
export function trackReportFocus(event: FocusEvent): void {
  const el = event.target as Element | null;
  if (el instanceof HTMLElement && el.matches(REPORT_FIELDS)) lastField = el as Field;
}

function target(): Field | undefined {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.matches(REPORT_FIELDS)) return active as Field;
  if (lastField?.isConnected && !lastField.readOnly) {
    lastField.focus();
    return lastField;
  }
  return undefined;
}

/** Types into the focused field as the browser would (input events, native undo). */
function insert(field: Field, text: string): void {
  field.focus();
  document.execCommand('insertText', false, text);
}

/** Types the text at the caret, placed after what the field holds, as the last phrase; returns where it starts. */
function typePhrase(field: Field, text: string): number | undefined {
  const start = field.selectionStart ?? field.value.length;
  const placed = placeDictation(field.value.slice(0, start), text);
  if (!placed) return undefined;
  insert(field, placed);
  lastPhrase = { field, start, text: placed };
  return start;
}

export const reportFields: DictationFields = {
  write(words) {
    const field = target();
    if (field) typePhrase(field, words);
  },
  insertMacro(text) {
    const field = target();
    if (!field) return false;
    const start = typePhrase(field, text);
    if (start === undefined || !lastPhrase) return true;
    // As when typed: its first [field] is selected for the next words.
    const first = fieldNear(field.value, start);
    if (first && first[1] <= start + lastPhrase.text.length) field.setSelectionRange(...first);
    return true;
  },
  move(delta) {
    const field = target();
    if (field?.hasAttribute('data-template-field') && focusNeighbourField(field, delta)) return;
    const fields = [...document.querySelectorAll<Field>(REPORT_FIELDS)];
    fields[(field ? fields.indexOf(field) : -1) + delta]?.focus();
  },
  scratch() {
    const phrase = lastPhrase;
    if (!phrase?.field.isConnected) return;
    if (phrase.field.value.slice(phrase.start, phrase.start + phrase.text.length) !== phrase.text) return;
    phrase.field.focus();
    phrase.field.setSelectionRange(phrase.start, phrase.start + phrase.text.length);
    document.execCommand('delete');
    lastPhrase = undefined;
  },
  undo() {
    if (!target()) return false;
    document.execCommand('undo');
    return true;
  },
  newLine(text) {
    const field = target();
    if (field instanceof HTMLTextAreaElement) insert(field, text);
  },
  select(words) {
    const field = target();
    const range = field && findWords(field.value, words);
    if (field && range) field.setSelectionRange(...range);
  },
  confirm: (question) => window.confirm(question),
};
