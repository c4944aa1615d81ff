// The model card's metrics (models/recipe/evaluate.py), computed the same way: finding-level
// precision/recall/F1 by type (sentences labelled and matched as in src/findings: by type,
// preferring the same side then the best box overlap), laterality accuracy, box IoU, size and
// cardiothoracic-ratio errors, phrase-grounding IoU. Boxes are in 0..1 of the model's square.
import { bestIous, type Box } from '../../../src/findings/box';
import { FINDING_TYPES, labelSentence, type FindingType } from '../../../src/findings/labels';
import { matchCase, type Labelled, type PredictedSentence, type TruthFinding } from '../../../src/findings/matching';

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
      if ((t.type === 'nodule' || t.type === 'mass') && p.label.sizeMm !== undefined && t.sizeMm !== undefined)
        this.sizeErr.push(Math.abs(p.label.sizeMm - t.sizeMm));
      if (t.type === 'cardiomegaly' && p.label.ratio !== undefined)
        this.ctrErr.push(Math.abs(p.label.ratio - (t.cardiothoracicRatio ?? 0)));
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
