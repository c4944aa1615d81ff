// Image-level metrics for cases whose truth is labels (converted real films: NIH labels, with boxes
// where NIH or RSNA drew them): per finding, AUROC and sensitivity / specificity at an operating
// threshold, each with a 95 % bootstrap interval; normal vs abnormal AUROC; box recall at IoU 0.3
// and 0.5 where boxes exist. The score of a finding on an image is whatever the caller chooses (the
// draft's confidence of its finding of that type, 0 when it drafted none; a label head's probability).
// The same definitions as models/recipe/label_metrics.py: both hold to one fixture of films and their
// expected point values, models/recipe/tests/fixtures/label-metrics.json (the bootstrap intervals are
// drawn differently on the two sides, so the fixture holds none).
import { bestIous, type Box } from '../../../src/findings/box';
import { isDevice, LABEL_TYPES, typesSaying, type LabelType } from '../../../src/findings/labels';

/** Types scored as one, as targets name them: the label is any of them, the score their highest. */
export const LABEL_GROUPS = { nodule_or_mass: ['nodule', 'mass'] } as const satisfies Record<string, readonly LabelType[]>;
export type LabelName = LabelType | keyof typeof LABEL_GROUPS;

/** Area under the ROC curve: the Mann-Whitney statistic, ties counted half; null without both classes. */
export function auroc(scores: number[], positives: boolean[]): number | null {
  const nPos = positives.filter(Boolean).length;
  const nNeg = positives.length - nPos;
  if (!nPos || !nNeg) return null;
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  // Average ranks (1-based) over runs of equal scores.
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const positiveRanks = ranks.reduce((sum, r, i) => sum + (positives[i] ? r : 0), 0);
  return (positiveRanks - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Sensitivity and specificity when a score at or above `threshold` calls the finding present. */
export function operatingPoint(
  scores: number[],
  positives: boolean[],
  threshold: number,
): { sensitivity: number | null; specificity: number | null } {
  let [tp, fn, tn, fp] = [0, 0, 0, 0];
  scores.forEach((s, i) => {
    const called = s >= threshold;
    if (positives[i]) called ? tp++ : fn++;
    else called ? fp++ : tn++;
  });
  return { sensitivity: tp + fn ? tp / (tp + fn) : null, specificity: tn + fp ? tn / (tn + fp) : null };
}

/**
 * A small seeded generator (mulberry32), so that an evaluation's intervals are the same on every run;
 * written here rather than taken from a package because it is a few lines and needs nothing else.
 */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  value: number | null;
  /** 2.5th and 97.5th percentiles of the statistic over case resamples; null where too few resamples had a value. */
  low: number | null;
  high: number | null;
}

export const BOOTSTRAP_RESAMPLES = 1000;

/** The statistic on all n cases, and its 95 % percentile bootstrap interval over resamples of the cases (with replacement). */
export function bootstrap(n: number, statistic: (cases: number[]) => number | null, resamples = BOOTSTRAP_RESAMPLES, seed = 1): Interval {
  const all = Array.from({ length: n }, (_, i) => i);
  const value = n ? statistic(all) : null;
  const random = seededRandom(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples && n; r++) {
    const v = statistic(all.map(() => Math.floor(random() * n)));
    if (v !== null) values.push(v);
  }
  if (values.length < resamples / 2) return { value, low: null, high: null };
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))];
  return { value, low: at(0.025), high: at(0.975) };
}

/**
 * One labelled case: its labels (1 present, 0 absent; null or a type left out is unknown), boxes where drawn, and the model's
 * scores and boxes.
 */
export interface LabelledCase {
  /** 1 present, 0 absent; null or left out: unknown. */
  labels: Partial<Record<LabelType, 0 | 1 | null>>;
  /** Findings its source names that have no Lucent type (NIH emphysema, fibrosis, ...): the film is not normal. */
  unmapped?: string[];
  /** True boxes per type (any common frame, the same as `predictedBoxes`). */
  boxes?: Partial<Record<LabelType, Box[]>>;
  /** A score per type; a type without one scores 0. */
  scores: Partial<Record<LabelType, number>>;
  predictedBoxes?: Partial<Record<LabelType, Box[]>>;
  /**
   * Instead of boxes and predictedBoxes: each true box's best IoU with the predicted boxes that say its type, as a film's
   * record keeps them (realFilms.ts: RSNA's boxes are not redistributed, what the draft found of them is).
   */
  boxIous?: Partial<Record<LabelType, number[]>>;
}

export interface FindingLabelMetrics {
  known: number;
  positives: number;
  auroc: Interval;
  threshold: number;
  sensitivity: Interval;
  specificity: Interval;
}

export interface LabelMetrics {
  cases: number;
  per_type: Partial<Record<LabelName, FindingLabelMetrics>>;
  /** The cases `abnormality` decides; score: the "abnormal" score where there is one, else the highest of the case's scores. */
  normal_vs_abnormal: Interval & { normal: number; abnormal: number };
  /** True boxes found by a predicted box of the same type at IoU ≥ 0.3 and ≥ 0.5, over the cases that have boxes. */
  box_recall: {
    boxes: number;
    'at_0.3': number | null;
    'at_0.5': number | null;
    by_type: Partial<Record<LabelType, { boxes: number; 'at_0.3': number | null; 'at_0.5': number | null }>>;
  };
}

/**
 * Abnormal (true) when the case's "abnormal" label is present, any finding label but a device is present, or its source names a
 * finding without a Lucent type (an NIH film labelled only Emphysema); normal (false) only when its "abnormal" label is known
 * absent and none of that holds; otherwise not decided (null): a film whose stated labels are all absent but whose "abnormal"
 * label is unknown may have a finding its source does not name.
 */
export function abnormality(c: Pick<LabelledCase, 'labels' | 'unmapped'>): boolean | null {
  const present = (Object.entries(c.labels) as Array<[LabelType, 0 | 1 | null]>).some(([t, v]) => v === 1 && !isDevice(t));
  if (present || c.unmapped?.length) return true;
  return c.labels.abnormal === 0 ? false : null;
}

/** Every metric over the cases; `thresholds`: the operating threshold of each type (0.5 where none is given). */
export function labelMetrics(
  cases: LabelledCase[],
  thresholds: Partial<Record<LabelName, number>> = {},
  resamples = BOOTSTRAP_RESAMPLES,
): LabelMetrics {
  const per_type: LabelMetrics['per_type'] = {};
  const names: Array<[LabelName, readonly LabelType[]]> = [
    ...LABEL_TYPES.map((t) => [t, [t]] as [LabelName, LabelType[]]),
    ...(Object.entries(LABEL_GROUPS) as Array<[LabelName, readonly LabelType[]]>),
  ];
  for (const [name, types] of names) {
    // Known: positive for one of the types, or known absent for all of them.
    const label = (c: LabelledCase) => (types.some((t) => c.labels[t] === 1) ? 1 : types.every((t) => c.labels[t] === 0) ? 0 : undefined);
    const known = cases.filter((c) => label(c) !== undefined);
    const positives = known.filter((c) => label(c) === 1).length;
    if (!known.length) continue;
    const threshold = thresholds[name] ?? 0.5;
    const score = (c: LabelledCase) => Math.max(...types.map((t) => c.scores[t] ?? 0));
    const on = (idx: number[]) => [idx.map((i) => score(known[i])), idx.map((i) => label(known[i]) === 1)] as const;
    per_type[name] = {
      known: known.length,
      positives,
      auroc: bootstrap(known.length, (idx) => auroc(...on(idx)), resamples),
      threshold,
      sensitivity: bootstrap(known.length, (idx) => operatingPoint(...on(idx), threshold).sensitivity, resamples),
      specificity: bootstrap(known.length, (idx) => operatingPoint(...on(idx), threshold).specificity, resamples),
    };
  }
  const decided = cases.filter((c) => abnormality(c) !== null);
  const abnormal = decided.map((c) => abnormality(c) === true);
  // The model's own "abnormal" output where it has one, else its most confident finding.
  const highest = decided.map((c) => c.scores.abnormal ?? Math.max(0, ...Object.values(c.scores)));
  const normalVsAbnormal = bootstrap(
    decided.length,
    (idx) =>
      auroc(
        idx.map((i) => highest[i]),
        idx.map((i) => abnormal[i]),
      ),
    resamples,
  );
  return {
    cases: cases.length,
    per_type,
    normal_vs_abnormal: { ...normalVsAbnormal, normal: abnormal.filter((a) => !a).length, abnormal: abnormal.filter(Boolean).length },
    box_recall: boxRecall(cases),
  };
}

/** Each true box's best IoU with a predicted box of any type that says its label (a consolidation: an airspace opacity). */
export function truthIous(c: Pick<LabelledCase, 'boxes' | 'predictedBoxes'>): Partial<Record<LabelType, number[]>> {
  return Object.fromEntries(
    (Object.entries(c.boxes ?? {}) as Array<[LabelType, Box[]]>).map(([type, truths]) => [
      type,
      bestIous(
        truths,
        typesSaying(type).flatMap((t) => c.predictedBoxes?.[t] ?? []),
      ),
    ]),
  );
}

type Recall = { boxes: number; 'at_0.3': number | null; 'at_0.5': number | null };

function boxRecall(cases: LabelledCase[]): LabelMetrics['box_recall'] {
  const counts = new Map<LabelType, [number, number, number]>();
  for (const c of cases)
    for (const [type, ious] of Object.entries(c.boxIous ?? truthIous(c)) as Array<[LabelType, number[]]>) {
      const n = counts.get(type) ?? [0, 0, 0];
      for (const best of ious) {
        n[0]++;
        if (best >= 0.3) n[1]++;
        if (best >= 0.5) n[2]++;
      }
      counts.set(type, n);
    }
  const recall = ([boxes, at3, at5]: [number, number, number]): Recall => ({
    boxes,
    'at_0.3': boxes ? at3 / boxes : null,
    'at_0.5': boxes ? at5 / boxes : null,
  });
  const total = [...counts.values()].reduce<[number, number, number]>((a, n) => [a[0] + n[0], a[1] + n[1], a[2] + n[2]], [0, 0, 0]);
  return { ...recall(total), by_type: Object.fromEntries([...counts].map(([t, n]) => [t, recall(n)])) };
}
