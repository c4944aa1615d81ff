// Matching a report's findings with reference findings, as the model card scores the model and as
// teaching mode compares a resident with the ground truth: same finding type, preferring the same
// side, then the best box overlap; greedy in reference order.
import { bestIous, type Box } from './box';
import type { FindingType, SentenceLabel } from './labels';

export interface TruthFinding {
  type: FindingType;
  laterality: string;
  sizeMm: number | undefined;
  boxes: Box[];
  /** The reference report's sentence for this finding, if it has one. */
  sentence: string | undefined;
  cardiothoracicRatio: number | undefined;
}

export interface PredictedSentence {
  text: string;
  boxes: Box[];
}

export interface Labelled {
  label: SentenceLabel;
  boxes: Box[];
}

const maxOf = (xs: number[]) => xs.reduce((m, v) => Math.max(m, v), 0);

/** Greedy matching in truth order; returns the predicted index per truth finding (or -1). */
export function matchCase(truth: TruthFinding[], predicted: Labelled[]): { pairs: number[]; unmatched: number[] } {
  const used = new Set<number>();
  const pairs = truth.map((t) => {
    let best = -1;
    let bestScore: [boolean, number] = [false, -1];
    predicted.forEach((p, i) => {
      if (used.has(i) || p.label.type !== t.type) return;
      const score: [boolean, number] = [p.label.laterality === t.laterality, maxOf(bestIous(t.boxes, p.boxes))];
      // Python's max() keeps the first of equal scores: replace only on a strictly better one.
      if (best < 0 || (score[0] && !bestScore[0]) || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
        best = i;
        bestScore = score;
      }
    });
    if (best >= 0) used.add(best);
    return best;
  });
  return { pairs, unmatched: predicted.map((_, i) => i).filter((i) => !used.has(i)) };
}
