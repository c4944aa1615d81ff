// Rule-out thresholds for pertinent negatives (labelGate.ts backsNegative), from a split's film
// records (scripts/eval/metrics/realFilms.ts): for each label type with enough films labelled with
// it, the head's probability below which at most (1 - share) of those films lie. A negative that
// denies the type then reaches at most that share of such films, on the films it was fitted on.
import { LABEL_TYPES, type LabelType } from '../../src/findings/labels';
import type { FilmRecord } from '../eval/metrics/realFilms';

/** Fewer films with the finding than this give a threshold that one film moves: the type is never ruled out. */
export const MIN_POSITIVES = 10;

export interface RuleOutFit {
  /** The share of the fitting films with a finding whose probability is at or above its threshold (at least). */
  share: number;
  below: Partial<Record<LabelType, number>>;
  /** Per type: the films with the finding, and how many lie below the threshold. */
  positives: Partial<Record<LabelType, { films: number; below: number }>>;
}

export function fitRuleOut(films: FilmRecord[], share: number): RuleOutFit {
  const fit: RuleOutFit = { share, below: {}, positives: {} };
  for (const type of LABEL_TYPES) {
    if (type === 'abnormal') continue;
    const scores = films
      .filter((f) => f.labels[type] === 1 && f.probabilities?.[type] !== undefined)
      .map((f) => f.probabilities![type]!)
      .sort((a, b) => a - b);
    if (scores.length < MIN_POSITIVES) continue;
    // The (m+1)-th lowest score: the films strictly below it are at most m, the misses allowed.
    const below = scores[Math.floor((1 - share) * scores.length + 1e-9)];
    fit.below[type] = below;
    fit.positives[type] = { films: scores.length, below: scores.filter((s) => s < below).length };
  }
  return fit;
}
