// The model card's metrics (models/recipe/evaluate.py), computed the same way: finding-level
// precision/recall/F1 by type (sentences labelled by labels.ts, matched greedily by type,
// preferring the same side then the best box overlap), laterality accuracy, box IoU, size and
// cardiothoracic-ratio errors, phrase-grounding IoU. Boxes are in 0..1 of the model's square.
import type { Box } from '../tokenizer';
import { FINDING_TYPES, labelSentence, type FindingType, type SentenceLabel } from './labels';

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

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

export function bestIous(truth: Box[], predicted: Box[]): number[] {
  return truth.map((t) => predicted.reduce((best, p) => Math.max(best, iou(t, p)), 0));
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

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  cases: number;
  per_type: Record<FindingType, Prf>;
  micro: Prf;
  laterality_accuracy: number | null;
  box_iou_mean: number | null;
  'box_recall_at_0.5': number | null;
  size_error_mm_mean: number | null;
  ctr_error_mean: number | null;
  grounding_iou_mean: number | null;
  'grounding_recall_at_0.5': number | null;
}

function prf(c: Counts): Prf {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: c.tp + c.fn };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);

export class Scorer {
  private readonly counts = Object.fromEntries(FINDING_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<FindingType, Counts>;
  private sideOk = 0;
  private sideTotal = 0;
  private readonly boxIous: number[] = [];
  private readonly sizeErr: number[] = [];
  private readonly ctrErr: number[] = [];
  private readonly groundIous: number[] = [];
  private cases = 0;

  /** Scores one case's report; returns the predicted types, for a per-case log. */
  addReport(truth: TruthFinding[], sentences: PredictedSentence[]): FindingType[] {
    this.cases++;
    const predicted: Labelled[] = [];
    for (const s of sentences) {
      const label = labelSentence(s.text);
      if (label) predicted.push({ label, boxes: s.boxes });
    }
    const { pairs, unmatched } = matchCase(truth, predicted);
    pairs.forEach((pi, ti) => {
      const t = truth[ti];
      if (pi < 0) {
        this.counts[t.type].fn++;
        this.boxIous.push(...t.boxes.map(() => 0));
        return;
      }
      const p = predicted[pi];
      this.counts[t.type].tp++;
      if (t.laterality === 'right' || t.laterality === 'left' || t.laterality === 'bilateral') {
        this.sideTotal++;
        if (p.label.laterality === t.laterality) this.sideOk++;
      }
      this.boxIous.push(...bestIous(t.boxes, p.boxes));
      if ((t.type === 'nodule' || t.type === 'mass') && p.label.sizeMm !== undefined && t.sizeMm !== undefined) this.sizeErr.push(Math.abs(p.label.sizeMm - t.sizeMm));
      if (t.type === 'cardiomegaly' && p.label.ratio !== undefined) this.ctrErr.push(Math.abs(p.label.ratio - (t.cardiothoracicRatio ?? 0)));
    });
    for (const pi of unmatched) this.counts[predicted[pi].label.type].fp++;
    return predicted.map((p) => p.label.type);
  }

  /** Scores the boxes the model gave for one true finding's phrase. */
  addGrounding(truth: TruthFinding, boxes: Box[]): void {
    this.groundIous.push(...bestIous(truth.boxes, boxes));
  }

  result(): Metrics {
    const total: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const c of Object.values(this.counts)) {
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    }
    return {
      cases: this.cases,
      per_type: Object.fromEntries(FINDING_TYPES.map((t) => [t, prf(this.counts[t])])) as Record<FindingType, Prf>,
      micro: prf(total),
      laterality_accuracy: this.sideTotal ? this.sideOk / this.sideTotal : null,
      box_iou_mean: mean(this.boxIous),
      'box_recall_at_0.5': mean(this.boxIous.map((v) => (v >= 0.5 ? 1 : 0))),
      size_error_mm_mean: mean(this.sizeErr),
      ctr_error_mean: mean(this.ctrErr),
      grounding_iou_mean: mean(this.groundIous),
      'grounding_recall_at_0.5': mean(this.groundIous.map((v) => (v >= 0.5 ? 1 : 0))),
    };
  }
}
