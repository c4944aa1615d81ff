// Scoring comparisons with a prior against the generator's true changes (models/recipe, pair
// format lucent-cxr-pair/1): each predicted change is matched to a true one of the same finding
// type and side (the same kind preferred), and counts when the kind agrees. Prints per kind the
// share of true changes found with the right kind, and the overall change precision, recall, F1.
import type { FindingType } from '../../../src/findings/labels';
import { CHANGE_KINDS, type ChangeKind } from '../../../src/report/comparison/compare';

export interface TrueChange {
  type: FindingType;
  laterality: string;
  kind: ChangeKind;
}

export interface PredictedChange {
  type: FindingType;
  laterality: string;
  kind: ChangeKind;
}

/** Kinds that say the finding was on the prior film. */
const CLAIMS_PRIOR = new Set<ChangeKind>(['unchanged', 'increased', 'decreased', 'moved', 'resolved', 'removed']);

export interface ChangeMetrics {
  pairs: number;
  precision: number;
  recall: number;
  f1: number;
  /** Per true kind: how many there were and the share predicted with that kind. */
  per_kind: Record<ChangeKind, { support: number; accuracy: number | null }>;
  /** Predicted changes that say a finding was on the prior film when the prior had none of that type and side. */
  prior_claimed_absent: number;
  /** Of those, "unchanged". */
  unchanged_claimed_absent: number;
}

const sidesAgree = (a: string, b: string) => a === b || a === 'none' || b === 'none';

export class ChangeScorer {
  private pairs = 0;
  private tp = 0;
  private predicted = 0;
  private truths = 0;
  private readonly support = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  private readonly right = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  private priorAbsent = 0;
  private unchangedAbsent = 0;

  /** One pair: its true changes, the findings on its prior film (type, side), and the predicted changes. */
  add(truth: TrueChange[], priorFindings: Array<{ type: string; laterality: string }>, predicted: PredictedChange[]): void {
    this.pairs++;
    this.truths += truth.length;
    this.predicted += predicted.length;
    for (const t of truth) this.support[t.kind]++;
    const usedTruth = new Set<number>();
    const usedPredicted = new Set<number>();
    // Same kind first, so that a right answer is never taken by a wrong one of the same finding.
    for (const sameKind of [true, false])
      predicted.forEach((p, j) => {
        if (usedPredicted.has(j)) return;
        const k = truth.findIndex(
          (t, i) => !usedTruth.has(i) && t.type === p.type && sidesAgree(t.laterality, p.laterality) && (!sameKind || t.kind === p.kind),
        );
        if (k < 0) return;
        usedTruth.add(k);
        usedPredicted.add(j);
        if (truth[k].kind === p.kind) {
          this.tp++;
          this.right[p.kind]++;
        }
      });
    for (const p of predicted) {
      if (!CLAIMS_PRIOR.has(p.kind) || priorFindings.some((f) => f.type === p.type && sidesAgree(f.laterality, p.laterality))) continue;
      this.priorAbsent++;
      if (p.kind === 'unchanged') this.unchangedAbsent++;
    }
  }

  result(): ChangeMetrics {
    const precision = this.predicted ? this.tp / this.predicted : 0;
    const recall = this.truths ? this.tp / this.truths : 0;
    return {
      pairs: this.pairs,
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      per_kind: Object.fromEntries(
        CHANGE_KINDS.map((k) => [k, { support: this.support[k], accuracy: this.support[k] ? this.right[k] / this.support[k] : null }]),
      ) as ChangeMetrics['per_kind'],
      prior_claimed_absent: this.priorAbsent,
      unchanged_claimed_absent: this.unchangedAbsent,
    };
  }
}
