// A measurement group of another tool's report as one readable sentence, e.g. "Nodule, right upper
// lobe of lung: Long axis 12.3 mm." Code meanings are often in Title Case ("Long Axis"): words
// after the first are lower-cased unless they look like acronyms (SUV, LAD).

export interface ImportedMeasurement {
  /** The concept name's code meaning, e.g. "Length". */
  name: string;
  value: number;
  /** The unit as written in a sentence ("mm", "mm²", "HU"); empty for a number without units. */
  unit: string;
}

/** A qualitative evaluation (a coded or text answer), e.g. Margin: Spiculated. */
export interface ImportedEvaluation {
  name: string;
  value: string;
  /** A code's meaning (written in lower case inside the sentence), else free text (as written). */
  coded: boolean;
}

/** What a finding's sentence is made of. */
export interface SentenceParts {
  finding?: string;
  site?: string;
  laterality?: string;
  measurements: ImportedMeasurement[];
  evaluations: ImportedEvaluation[];
}

const isTitleWord = (w: string) => /^[A-Z][a-z]+$/.test(w);

/** "Long Axis" → "Long axis" (first word kept); with lowerFirst, "Right Upper Lobe" → "right upper lobe". */
export function sentenceCase(text: string, lowerFirst = false): string {
  return text
    .trim()
    .split(/\s+/)
    .map((w, i) => ((i > 0 || lowerFirst) && isTitleWord(w) ? w.toLowerCase() : w))
    .join(' ');
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** UCUM units (PS3.16 CID 7181…) as a reader writes them. */
const UNITS: Record<string, string> = {
  mm2: 'mm²',
  cm2: 'cm²',
  mm3: 'mm³',
  cm3: 'cm³',
  ml: 'mL',
  "[hnsf'U]": 'HU',
  deg: '°',
  '1': '',
  '{ratio}': '',
  '{count}': '',
  'no units': '',
};

/** The unit of a Measurement Units code: the UCUM symbol where it reads well, else the code meaning. */
export function unitOf(code: { CodeValue?: unknown; CodingSchemeDesignator?: unknown; CodeMeaning?: unknown } | undefined): string {
  if (!code) return '';
  const value = String(code.CodeValue ?? '').trim();
  const meaning = String(code.CodeMeaning ?? '').trim();
  if (value in UNITS) return UNITS[value];
  if (meaning in UNITS) return UNITS[meaning];
  if (String(code.CodingSchemeDesignator ?? '') === 'UCUM' && /^[A-Za-z%]{1,6}$/.test(value)) return value;
  return meaning || value;
}

/** 12.3456 → "12.3", 0.8123 → "0.81", 340.4 → "340": three or so significant figures. */
export function formatValue(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

export function measurementText(m: ImportedMeasurement): string {
  const space = m.unit && !/^[°%]/.test(m.unit) ? ' ' : '';
  return `${sentenceCase(m.name)} ${formatValue(m.value)}${space}${m.unit}`;
}

/** The finding and where it is ("Nodule, right upper lobe of lung"), then what was measured and judged. */
export function findingSentence(parts: SentenceParts, fallback = 'Measurement'): string {
  let place = parts.site ? sentenceCase(parts.site, true) : '';
  const side = parts.laterality ? sentenceCase(parts.laterality, true) : '';
  // The side as a modifier of the site ("left lung"), unless the site already says it.
  if (side && !place.toLowerCase().includes(side.toLowerCase())) place = place ? `${side} ${place}` : side;
  const head = [parts.finding ? sentenceCase(parts.finding) : '', place].filter(Boolean).join(', ');
  const details = [
    ...parts.measurements.map(measurementText),
    ...parts.evaluations.map((e) => `${sentenceCase(e.name)}: ${e.coded ? sentenceCase(e.value, true) : e.value}`),
  ];
  const body = head && details.length ? `${head}: ${details.join('; ')}` : head || details.join('; ') || fallback;
  return `${capitalised(body).replace(/[.\s]+$/, '')}.`;
}
