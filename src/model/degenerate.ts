// A guard on the model's finished draft: degenerate output is cut and flagged, never shown as a
// normal sentence. A small model off its training data loops ("…in the left central central
// central"), stops mid-sentence at the token limit, or writes the same finding twice. Plain TypeScript.
import type { GroundedFinding } from './grounding';

/** A run of words repeated this many times in a row is a loop, not language. */
const LOOP_REPEATS = 3;
const LONGEST_LOOP = 4;

export const FLAGS = {
  loop: 'the model repeated itself; the sentence was cut where the repetition began',
  unfinished: 'the model stopped in the middle of this sentence',
  duplicate: 'the model wrote this finding twice',
};

/** The words before the first run of 1–4 words repeated LOOP_REPEATS times in a row, or undefined when there is none. */
export function cutLoop(text: string): string | undefined {
  const words = text.split(/\s+/).filter(Boolean);
  const bare = words.map((w) => w.toLowerCase().replace(/[.,;:]+$/, ''));
  for (let start = 0; start < bare.length; start++) {
    for (let n = 1; n <= LONGEST_LOOP; n++) {
      if (start + n * LOOP_REPEATS > bare.length) break;
      const unit = bare.slice(start, start + n).join(' ');
      let repeats = 1;
      while (repeats < LOOP_REPEATS && bare.slice(start + repeats * n, start + (repeats + 1) * n).join(' ') === unit) repeats++;
      // Keep one copy of the repeated words: "left central central central" -> "left central".
      if (repeats === LOOP_REPEATS)
        return words
          .slice(0, start + n)
          .join(' ')
          .replace(/[,;:]$/, '');
    }
  }
  return undefined;
}

const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const finished = (text: string) => /[.!?]\s*$/.test(text);

/** The findings with degenerate text cut and flagged (`complete`: the model ended the report itself). */
export function guardFindings(findings: GroundedFinding[], complete: boolean): GroundedFinding[] {
  const seen = new Set<string>();
  return findings.map((f, i) => {
    const flags: string[] = [];
    let text = f.text;
    const cut = cutLoop(text);
    if (cut !== undefined) {
      text = cut;
      flags.push(FLAGS.loop);
    } else if (!complete && i === findings.length - 1 && !finished(text)) {
      flags.push(FLAGS.unfinished);
    }
    const key = normalised(text);
    if (key && seen.has(key)) flags.push(FLAGS.duplicate);
    seen.add(key);
    return flags.length ? { ...f, text, flags } : f;
  });
}
