// Dictated words to report text: spoken punctuation, numbers with units ("eighteen millimetres" →
// "18 mm", "nine by seven millimetres" → "9 x 7 mm"), vertebral levels ("t four" → "T4"), the
// abbreviations radiologists say letter by letter (ETT, CTR, PICC), then spacing and capitals as
// they fall after what the field already holds. Plain TypeScript.
//
// Hand-written: the number parsers on npm (words-to-numbers and the like) do not know units,
// decimals spoken digit by digit ("two point five") or the letter-by-letter abbreviations.

const SMALL: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const DIGIT_WORDS = Object.keys(SMALL).filter((w) => SMALL[w] < 10);

const UNITS: Array<[RegExp, string]> = [
  [/^milli ?met(?:er|re)s?$/, 'mm'],
  [/^centi ?met(?:er|re)s?$/, 'cm'],
  [/^met(?:er|re)s?$/, 'm'],
  [/^milli ?lit(?:er|re)s?$/, 'mL'],
  [/^percent$/, '%'],
  [/^hounsfield(?: units?)?$/, 'HU'],
  [/^degrees?$/, '°'],
];

const PUNCTUATION: Array<[RegExp, string]> = [
  [/\b(?:new paragraph)\b/g, '\n\n'],
  [/\b(?:new line|next line)\b/g, '\n'],
  [/\b(?:full stop|period)\b/g, '.'],
  [/\bquestion mark\b/g, '?'],
  [/\bsemicolon\b/g, ';'],
  [/\bcolon\b/g, ':'],
  [/\bcomma\b/g, ','],
  [/\b(?:hyphen|dash)\b/g, '-'],
  [/\bopen (?:paren|parenthesis|bracket)\b/g, '('],
  [/\bclose (?:paren|parenthesis|bracket)\b/g, ')'],
];

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\b(?:e t t|e\.t\.t\.?|ett)\b/g, 'ETT'],
  [/\b(?:c t r|ctr)\b/g, 'CTR'],
  [/\b(?:p i c c|picc|pick)(?= line\b)/g, 'PICC'],
  [/\b(?:p i c c|picc)\b/g, 'PICC'],
  [/\b(?:n g|ng)(?= tube\b)/g, 'NG'],
  [/\b(?:c t|ct)\b/g, 'CT'],
  [/\b(?:m r i|mri)\b/g, 'MRI'],
  [/\b(?:p a|pa)(?= (?:and lateral|view|film|projection|radiograph)\b)/g, 'PA'],
  [/\b(?:a p|ap)(?= (?:view|film|projection|radiograph|portable)\b)/g, 'AP'],
  [/\bcopd\b/g, 'COPD'],
  [/\bicu\b/g, 'ICU'],
];

/** A run of number words at tokens[i…]: its value and how many tokens it took ("two point five", "forty two"). */
function numberAt(tokens: string[], i: number): { value: string; length: number } | undefined {
  let k = i;
  let whole: number | undefined;
  if (/^\d+(\.\d+)?$/.test(tokens[k])) return { value: tokens[k], length: 1 };
  if (tokens[k] in TENS) {
    whole = TENS[tokens[k++]];
    if (tokens[k] in SMALL && SMALL[tokens[k]] < 10 && SMALL[tokens[k]] > 0) whole += SMALL[tokens[k++]];
  } else if (tokens[k] in SMALL && tokens[k] !== 'oh') {
    whole = SMALL[tokens[k++]];
  } else if (tokens[k] === 'point' && DIGIT_WORDS.includes(tokens[k + 1])) {
    whole = 0; // "point five five": 0.55
  }
  if (whole === undefined) return undefined;
  if (tokens[k] === 'hundred' && whole < 10) {
    whole *= 100;
    k++;
    if (tokens[k] === 'and') k++;
    const rest = numberAt(tokens, k);
    if (rest && !rest.value.includes('.') && Number(rest.value) < 100) {
      whole += Number(rest.value);
      k += rest.length;
    }
  }
  let value = String(whole);
  if (tokens[k] === 'point' && DIGIT_WORDS.includes(tokens[k + 1])) {
    k++;
    let decimals = '';
    while (DIGIT_WORDS.includes(tokens[k])) decimals += SMALL[tokens[k++]];
    value += `.${decimals}`;
  }
  return { value, length: k - i };
}

/** The unit spoken at tokens[i…] (one or two words). */
function unitAt(tokens: string[], i: number): { unit: string; length: number } | undefined {
  for (const length of [2, 1]) {
    const words = tokens.slice(i, i + length).join(' ');
    const found = UNITS.find(([pattern]) => pattern.test(words));
    if (found && tokens.length >= i + length) return { unit: found[1], length };
  }
  return undefined;
}

/** Numbers as digits where they measure something (a unit, a decimal, "by") or are 10 and above; "one nodule" stays in words. */
function numbers(text: string): string {
  const tokens = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const level = /^[ctl]$/.test(tokens[i]) ? numberAt(tokens, i + 1) : undefined;
    if (level && Number(level.value) <= 12 && !level.value.includes('.')) {
      out.push(`${tokens[i].toUpperCase()}${level.value}`);
      i += 1 + level.length;
      continue;
    }
    const n = numberAt(tokens, i);
    if (!n) {
      out.push(tokens[i++]);
      continue;
    }
    const after = i + n.length;
    const unit = unitAt(tokens, after);
    const by = tokens[after] === 'by' && numberAt(tokens, after + 1);
    if (by) {
      const second = after + 1 + by.length;
      const byUnit = unitAt(tokens, second);
      out.push(`${n.value} x ${by.value}${byUnit ? (byUnit.unit === '%' ? '%' : ` ${byUnit.unit}`) : ''}`);
      i = second + (byUnit?.length ?? 0);
    } else if (unit) {
      out.push(unit.unit === '%' || unit.unit === '°' ? `${n.value}${unit.unit}` : `${n.value} ${unit.unit}`);
      i = after + unit.length;
    } else {
      out.push(n.value.includes('.') || Number(n.value) >= 10 || /^\d/.test(tokens[i]) ? n.value : tokens.slice(i, after).join(' '));
      i = after;
    }
  }
  return out.join(' ');
}

/** The words of one final result as report text, before it is placed (see placeDictation). */
export function normaliseDictation(words: string): string {
  let t = ` ${words.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  for (const [pattern, mark] of PUNCTUATION) t = t.replace(pattern, mark);
  t = numbers(t.trim());
  for (const [pattern, abbreviation] of ABBREVIATIONS) t = t.replace(pattern, abbreviation);
  return t
    .replace(/ *([.,:;?)])(?!\d) */g, '$1 ')
    .replace(/ *\( */g, ' (')
    .replace(/ *(\n+) */g, '$1')
    .replace(/ +/g, ' ')
    .replace(/ +$/g, '')
    .replace(/^ +/, '');
}

/**
 * The text to insert after `before` (what the field holds up to the caret): a space where words
 * meet, none before punctuation, a capital at the start of a sentence, and capitals after each
 * sentence end within the phrase.
 */
export function placeDictation(before: string, text: string): string {
  if (!text) return '';
  const sentenceStart = !before.trim() || /[.?!]\s*$|\n\s*$/.test(before);
  const joined = /^[.,:;?)\n]/.test(text) || !before || /[\s(]$/.test(before) ? text : ` ${text}`;
  const capitalised = sentenceStart ? joined.replace(/^(\s*)([a-z])/, (_, s: string, c: string) => s + c.toUpperCase()) : joined;
  return capitalised.replace(/([.?!]\s+|\n)([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
}
