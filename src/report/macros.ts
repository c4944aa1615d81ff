// Macros (dictation systems call them AutoText): the reader's snippets, each with a trigger phrase
// and fields in square brackets ("[size] mm nodule in the [location]."). Typing the trigger and
// expanding it inserts the text and selects its first field; Tab moves to the next field. Stored in
// the browser and exchanged as a JSON file. Plain TypeScript.

export interface Macro {
  id: string;
  /** The name shown in lists (and spoken, for dictation). */
  name: string;
  /** The phrase typed before the caret that expands into the text. */
  trigger: string;
  text: string;
}

export const DEFAULT_MACROS: Macro[] = [
  {
    id: 'normal-chest',
    name: 'Normal chest',
    trigger: 'normal chest',
    text: 'The lungs are clear. No pleural effusion or pneumothorax. The heart size is normal.',
  },
  { id: 'nodule', name: 'Pulmonary nodule', trigger: 'nodule', text: '[size] mm [solid] nodule in the [location].' },
  { id: 'ett', name: 'Endotracheal tube', trigger: 'ett', text: 'Endotracheal tube tip [distance] cm above the carina.' },
];

const FIELD = /\[[^\]\n]*\]/g;

/** The macro whose trigger the text just before the caret ends with (the longest, whole words, any case). */
export function macroBeforeCaret(text: string, caret: number, macros: Macro[]): { macro: Macro; start: number } | undefined {
  const before = text.slice(0, caret).toLowerCase();
  const matches = macros
    .map((macro) => ({ macro, trigger: macro.trigger.trim().toLowerCase() }))
    .filter(({ trigger }) => trigger && before.endsWith(trigger) && !/\w/.test(before.charAt(before.length - trigger.length - 1)))
    .sort((a, b) => b.trigger.length - a.trigger.length);
  return matches[0] && { macro: matches[0].macro, start: caret - matches[0].trigger.length };
}

/** The [fields] a text still holds, as written ("[size]"): a macro's blanks nobody filled. */
export const blankFields = (text: string): string[] => [...text.matchAll(FIELD)].map((m) => m[0]);

/** The next field ([…]) at or after `from` (or the last before it, backwards). */
export function fieldNear(text: string, from: number, backwards = false): [number, number] | undefined {
  const fields = [...text.matchAll(FIELD)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
  return backwards ? fields.filter(([s]) => s < from).at(-1) : fields.find(([s]) => s >= from);
}

/** The text with the trigger before the caret replaced by the macro; the selection is its first field, else the caret after it. */
export function expandMacro(text: string, start: number, caret: number, macro: Macro): { text: string; selection: [number, number] } {
  const expanded = text.slice(0, start) + macro.text + text.slice(caret);
  const end = start + macro.text.length;
  const field = fieldNear(expanded, start);
  return { text: expanded, selection: field && field[0] < end ? field : [end, end] };
}

const FORMAT = 'lucent-macros/1';

export function macrosToFile(macros: Macro[]): string {
  return `${JSON.stringify({ format: FORMAT, macros }, null, 2)}\n`;
}

/** The macros in a file Lucent exported; a plain error for anything else. */
export function macrosFromFile(text: string): Macro[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('Not a macro file: it is not JSON.');
  }
  const file = data as { format?: unknown; macros?: unknown };
  if (file?.format !== FORMAT || !Array.isArray(file.macros))
    throw new Error(`Not a macro file: Lucent macro files say "format": "${FORMAT}".`);
  return file.macros.map((m: Partial<Macro>, i: number) => {
    if (typeof m?.trigger !== 'string' || !m.trigger.trim() || typeof m.text !== 'string')
      throw new Error(`Macro ${i + 1} in the file has no trigger or no text.`);
    return {
      id: typeof m.id === 'string' && m.id ? m.id : `imported-${i + 1}`,
      name: typeof m.name === 'string' && m.name ? m.name : m.trigger,
      trigger: m.trigger,
      text: m.text,
    };
  });
}

/** Imported macros replace those with the same trigger; the rest are added. */
export function mergeMacros(existing: Macro[], imported: Macro[]): Macro[] {
  const triggers = new Set(imported.map((m) => m.trigger.trim().toLowerCase()));
  return [...existing.filter((m) => !triggers.has(m.trigger.trim().toLowerCase())), ...imported];
}
