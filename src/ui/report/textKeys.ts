// Keys in the report's text boxes: Ctrl+Space expands the macro whose trigger is typed before the
// caret; Tab and Shift+Tab select the next or previous [field] of an inserted macro; in template
// fields, Tab and Shift+Tab then go to the next or previous field (past the findings' buttons).
// Coming back to a box by keyboard selects its first [field] left, so none is out of Tab's reach.
import type { FocusEvent, KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { expandMacro, fieldNear, macroBeforeCaret } from '../../report/macros';
import { useReportingStore } from '../../store/reportingStore';

type TextControl = HTMLTextAreaElement | HTMLInputElement;

const select = (el: TextControl, [start, end]: [number, number]) => el.setSelectionRange(start, end);

/** The template field before or after this one, in the order they are shown. */
export function focusNeighbourField(from: Element, delta: 1 | -1): boolean {
  const fields = [...document.querySelectorAll<HTMLElement>('[data-template-field]')];
  const next = fields[fields.indexOf(from as HTMLElement) + delta];
  next?.focus();
  return !!next;
}

/** Set by a press on a text box: the press places the caret itself, and focus must not move it. */
let pressed = false;

/**
 * The focus handlers of a text box: arriving by keyboard (Tab, a check's link, a dictated command)
 * selects the first [field] still in the text, from which Tab walks the rest. Without it a caret at
 * the end of the text leaves the fields behind it unreachable by Tab.
 */
export const textBoxFocus = {
  onMouseDown: () => {
    pressed = true;
  },
  onFocus: (e: FocusEvent<TextControl>) => {
    const byPress = pressed;
    pressed = false;
    const field = fieldNear(e.currentTarget.value, 0);
    if (!byPress && field) select(e.currentTarget, field);
  },
};

/** Handles the keys above; returns true when it took the key. `setValue` stores the new text. */
export function handleTextKeys(e: KeyboardEvent<TextControl>, setValue: (text: string) => void, templateField = false): boolean {
  const el = e.currentTarget;
  const caret = el.selectionStart ?? el.value.length;
  if (e.key === ' ' && e.ctrlKey) {
    const found = macroBeforeCaret(el.value, caret, useReportingStore.getState().macros);
    if (!found) return false;
    e.preventDefault();
    const out = expandMacro(el.value, found.start, caret, found.macro);
    // Rendered at once, so the selection lands on the new text before the next key arrives.
    flushSync(() => setValue(out.text));
    select(el, out.selection);
    return true;
  }
  if (e.key !== 'Tab' || e.ctrlKey || e.altKey) return false;
  const field = e.shiftKey ? fieldNear(el.value, el.selectionStart ?? caret, true) : fieldNear(el.value, el.selectionEnd ?? caret);
  if (field) {
    e.preventDefault();
    select(el, field);
    return true;
  }
  if (templateField && focusNeighbourField(el, e.shiftKey ? -1 : 1)) {
    e.preventDefault();
    return true;
  }
  return false;
}
