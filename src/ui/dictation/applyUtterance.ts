// What a dictated utterance does on the page: words go into the report field that had focus (one
// browser edit each, so the field's own undo takes them back one phrase at a time, and React sees an
// ordinary input), and voice commands act — next or previous field, insert a macro or template by
// name, accept or reject the selected finding, scratch the last phrase, undo, new line, select
// words, sign (after a confirmation).
import { toggleDecision, undoReport } from '../../app/reportCommands';
import { availableTemplates, chooseTemplate } from '../../app/structuredReport';
import { activeStudy } from '../../app/studyQueries';
import { findByName, findWords, type Utterance, type VoiceCommand } from '../../dictation/commands';
import { normaliseDictation, placeDictation } from '../../dictation/normalise';
import { fieldNear } from '../../report/macros';
import { useReportingStore } from '../../store/reportingStore';
import { useReportStore } from '../../store/reportStore';
import { focusNeighbourField } from '../report/textKeys';

type Field = HTMLTextAreaElement | HTMLInputElement;

/** The report's text boxes, in page order: where dictation writes and "next field" goes. */
const REPORT_FIELDS = '[data-testid="report-panel"] textarea:not([readonly]), [data-testid="report-panel"] input[type="text"]:not([readonly]), [data-testid="report-panel"] input:not([type]):not([readonly])';

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

function write(words: string): void {
  const field = target();
  if (!field) return;
  const start = field.selectionStart ?? field.value.length;
  const text = placeDictation(field.value.slice(0, start), normaliseDictation(words));
  if (!text) return;
  insert(field, text);
  lastPhrase = { field, start, text };
}

function moveField(delta: 1 | -1): void {
  const field = target();
  if (field?.hasAttribute('data-template-field') && focusNeighbourField(field, delta)) return;
  const fields = [...document.querySelectorAll<Field>(REPORT_FIELDS)];
  const next = fields[(field ? fields.indexOf(field) : -1) + delta];
  next?.focus();
}

/** "insert normal chest": a macro by name or trigger into the field; else a template by its title. */
function insertByName(name: string): void {
  const macro = findByName(useReportingStore.getState().macros, name, (m) => m.trigger);
  const field = target();
  if (macro && field) {
    const start = field.selectionStart ?? field.value.length;
    const text = placeDictation(field.value.slice(0, start), macro.text);
    insert(field, text);
    lastPhrase = { field, start, text };
    // As when typed: its first [field] is selected for the next words.
    const first = fieldNear(field.value, start);
    if (first && first[1] <= start + text.length) field.setSelectionRange(...first);
    return;
  }
  const template = findByName(availableTemplates().map((t) => ({ ...t, name: t.title })), name);
  const uid = activeStudy()?.study.uid;
  if (template && uid) chooseTemplate(uid, template.id);
}

function decideSelected(decision: 'accepted' | 'rejected'): void {
  const uid = activeStudy()?.study.uid;
  const { selectedFindingId, histories } = useReportStore.getState();
  const finding = uid ? histories[uid]?.present.content.findings.find((f) => f.id === selectedFindingId) : undefined;
  if (uid && finding && finding.decision !== decision) toggleDecision(uid, finding, decision);
}

function scratch(): void {
  const phrase = lastPhrase;
  if (!phrase || !phrase.field.isConnected || phrase.field.value.slice(phrase.start, phrase.start + phrase.text.length) !== phrase.text) return;
  phrase.field.focus();
  phrase.field.setSelectionRange(phrase.start, phrase.start + phrase.text.length);
  document.execCommand('delete');
  lastPhrase = undefined;
}

function run(command: VoiceCommand): void {
  switch (command.kind) {
    case 'next-field':
      return moveField(1);
    case 'previous-field':
      return moveField(-1);
    case 'insert':
      return insertByName(command.name);
    case 'accept-finding':
      return decideSelected('accepted');
    case 'reject-finding':
      return decideSelected('rejected');
    case 'scratch':
      return scratch();
    case 'undo': {
      const field = target();
      if (field) document.execCommand('undo');
      else undoReport();
      return;
    }
    case 'new-line':
    case 'new-paragraph': {
      const field = target();
      if (field instanceof HTMLTextAreaElement) insert(field, command.kind === 'new-line' ? '\n' : '\n\n');
      return;
    }
    case 'select': {
      const field = target();
      const range = field && findWords(field.value, command.words);
      if (field && range) field.setSelectionRange(...range);
      return;
    }
    case 'sign':
      if (window.confirm('Sign the report now?')) document.querySelector<HTMLButtonElement>('[data-testid="sign-off"] button[type="submit"]')?.click();
  }
}

export function applyUtterance(utterance: Utterance): void {
  if (utterance.kind === 'text') write(utterance.words);
  else run(utterance.command);
}
