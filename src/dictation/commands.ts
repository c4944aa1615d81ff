// The voice commands radiologists already use (Dragon, PowerScribe), recognised when an utterance is
// the command alone — a pause before and after, as those systems expect; anything else is text to
// write. Plain TypeScript.

export type VoiceCommand =
  | { kind: 'next-field' }
  | { kind: 'previous-field' }
  /** "insert normal chest": a macro or template by its name or trigger. */
  | { kind: 'insert'; name: string }
  | { kind: 'accept-finding' }
  | { kind: 'reject-finding' }
  /** "scratch that" / "delete that": remove the last dictated phrase. */
  | { kind: 'scratch' }
  | { kind: 'undo' }
  | { kind: 'new-line' }
  | { kind: 'new-paragraph' }
  /** "select small effusion": select those words in the field. */
  | { kind: 'select'; words: string }
  /** Asks for confirmation before signing. */
  | { kind: 'sign' };

export type Utterance = { kind: 'text'; words: string } | { kind: 'command'; command: VoiceCommand };

const FIXED: Array<[RegExp, VoiceCommand]> = [
  [/^(next field|tab|go to next field)$/, { kind: 'next-field' }],
  [/^(previous field|go to previous field|back field)$/, { kind: 'previous-field' }],
  [/^accept (the )?finding$/, { kind: 'accept-finding' }],
  [/^reject (the )?finding$/, { kind: 'reject-finding' }],
  [/^(scratch that|delete that|strike that)$/, { kind: 'scratch' }],
  [/^(undo|undo that)$/, { kind: 'undo' }],
  [/^(new line|next line)$/, { kind: 'new-line' }],
  [/^new paragraph$/, { kind: 'new-paragraph' }],
  [/^(sign report|sign the report|sign it)$/, { kind: 'sign' }],
];

/** A final result: a command when the whole utterance is one (and commands are on), else words to write. */
export function parseUtterance(transcript: string, commandsOn = true): Utterance {
  const said = transcript
    .toLowerCase()
    .replace(/[.,!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (commandsOn) {
    const fixed = FIXED.find(([pattern]) => pattern.test(said));
    if (fixed) return { kind: 'command', command: fixed[1] };
    const insert = /^insert (.+)$/.exec(said);
    if (insert) return { kind: 'command', command: { kind: 'insert', name: insert[1] } };
    const select = /^select (.+)$/.exec(said);
    if (select) return { kind: 'command', command: { kind: 'select', words: select[1] } };
  }
  return { kind: 'text', words: transcript.trim() };
}

/** The macro or template spoken of: exact name or trigger first, then one that starts with the words. */
export function findByName<T extends { name: string }>(items: T[], name: string, alsoKey?: (item: T) => string): T | undefined {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9 ]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const wanted = norm(name);
  const keys = (item: T) => [item.name, alsoKey?.(item) ?? ''].map(norm).filter(Boolean);
  return (
    items.find((i) => keys(i).includes(wanted)) ?? items.find((i) => keys(i).some((k) => k.startsWith(wanted) || wanted.startsWith(k)))
  );
}

/** Where the words stand in the text (the last time they do, case-insensitive), for "select …". */
export function findWords(text: string, words: string): [number, number] | undefined {
  const at = text.toLowerCase().lastIndexOf(words.toLowerCase().trim());
  return at < 0 ? undefined : [at, at + words.trim().length];
}
