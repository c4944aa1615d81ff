// A size in millimetres or centimetres only where the image states its pixel spacing (issue 37). The
// model writes sizes it learned on generated films, whose spacing is known; on a film that states none
// (an NIH PNG converted to DICOM) "a 5.8 cm mass" is a number from nowhere. So a drafted sentence keeps
// its size where the image states Pixel Spacing; keeps it with the measuring tools' caveat where it states
// only Imager Pixel Spacing (a size at the detector: the projection's magnification is not corrected);
// and loses it where it states neither, as does every size of a comparison read on such a film.
// Plain TypeScript.
import type { FindingChange } from './comparison/compare';
import { DETECTOR_CAVEAT } from './measurement';

/** Which spacing an image states: Pixel Spacing, only Imager Pixel Spacing, or neither (that is usable). */
export type StatedSpacing = 'pixel spacing' | 'imager pixel spacing' | 'none';

/** The warning a sized sentence carries on a film that states only Imager Pixel Spacing. */
export const SIZE_AT_DETECTOR = `Size ${DETECTOR_CAVEAT}`;

/** "5.8 cm", "12 mm", "9 x 7 mm". */
const SIZE = String.raw`(?:\d+(?:\.\d+)?\s*[x×]\s*)*\d+(?:\.\d+)?\s*(?:mm|cm)\b`;
const STATES_SIZE = new RegExp(SIZE, 'i');

/** Whether a sentence states a size in mm or cm. */
export const statesSize = (text: string): boolean => STATES_SIZE.test(text);

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The sentence without its sizes: "There is a 5.8 cm mass" → "There is a mass", "mass measuring 4 cm." → "mass.". */
export function withoutSize(text: string): string {
  if (!statesSize(text)) return text;
  const out = text
    // A size said after the finding: "measuring 4.1 cm", ", rim 12 mm".
    .replace(new RegExp(String.raw`,?\s*\b(?:measuring|rim)\s+${SIZE}`, 'gi'), '')
    // After an article, which then agrees with the next word: "an 8 mm nodule" → "a nodule", "a 1.2 cm opacity" → "an opacity".
    .replace(new RegExp(String.raw`\b(an?)\s+${SIZE}\s+(\w)`, 'gi'), (_, article: string, next: string) => {
      const an = /[aeiou]/i.test(next) ? 'an' : 'a';
      return `${article[0] === 'A' ? capitalised(an) : an} ${next}`;
    })
    .replace(new RegExp(String.raw`${SIZE}\s*`, 'gi'), '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return capitalised(out);
}

/** A drafted sentence as the image's spacing allows it, with the caveat its size then needs. */
export function sentenceAsStated(text: string, spacing: StatedSpacing): { text: string; caveat?: string } {
  if (spacing === 'none') return { text: withoutSize(text) };
  return spacing === 'imager pixel spacing' && statesSize(text) ? { text, caveat: SIZE_AT_DETECTOR } : { text };
}

const STRENGTH: Record<StatedSpacing, number> = { none: 0, 'imager pixel spacing': 1, 'pixel spacing': 2 };

/** What two films compared together state: the weaker of their spacings. */
export const weakestSpacing = (a: StatedSpacing, b: StatedSpacing): StatedSpacing => (STRENGTH[a] <= STRENGTH[b] ? a : b);

/** A comparison's changes as the films' spacing allows: no size and no distance moved where they state none. */
export function changesAsStated(changes: FindingChange[], spacing: StatedSpacing): FindingChange[] {
  if (spacing !== 'none') return changes;
  return changes.map((c) => ({
    ...c,
    sizeMm: [undefined, undefined],
    movedMm: undefined,
    ...(c.currentText !== undefined ? { currentText: withoutSize(c.currentText) } : {}),
  }));
}
