import { describe, expect, it } from 'vitest';
import { FINDING_TYPES, type FindingType } from '../../../src/findings/labels';
import { auroc, bootstrap, labelMetrics, operatingPoint, type LabelledCase } from './labelMetrics';

const scoresWith = (values: Partial<Record<FindingType, number>>) =>
  Object.fromEntries(FINDING_TYPES.map((t) => [t, values[t] ?? 0])) as Record<FindingType, number>;

describe('auroc', () => {
  it('is the share of positive-negative pairs ranked right, ties counted half', () => {
    expect(auroc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auroc([1, 2, 3], [false, true, true])).toBe(1);
    expect(auroc([3, 2, 1], [false, true, true])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5);
    // One tie between a positive and a negative: (1 + 0.5 + 1 + 1) / 4.
    expect(auroc([0.2, 0.6, 0.6, 0.9], [false, false, true, true])).toBe(0.875);
    expect(auroc([0.2, 0.3], [true, true])).toBeNull();
  });
});

describe('operatingPoint', () => {
  it('calls a finding present at or above the threshold', () => {
    expect(operatingPoint([0.1, 0.5, 0.7, 0.2, 0.9], [false, false, true, true, true], 0.5)).toEqual({
      sensitivity: 2 / 3,
      specificity: 1 / 2,
    });
    expect(operatingPoint([0.1], [false], 0.5)).toEqual({ sensitivity: null, specificity: 1 });
  });
});

describe('bootstrap', () => {
  const mean = (values: number[]) => (idx: number[]) => idx.reduce((s, i) => s + values[i], 0) / idx.length;

  it('gives the statistic with a 95 % interval around it, the same on every run, narrower with more cases', () => {
    const few = Array.from({ length: 20 }, (_, i) => i % 2);
    const many = Array.from({ length: 2000 }, (_, i) => i % 2);
    const a = bootstrap(few.length, mean(few));
    expect(a.value).toBe(0.5);
    expect(a.low!).toBeLessThan(0.5);
    expect(a.high!).toBeGreaterThan(0.5);
    expect(bootstrap(few.length, mean(few))).toEqual(a);
    const b = bootstrap(many.length, mean(many));
    expect(b.high! - b.low!).toBeLessThan((a.high! - a.low!) / 5);
  });

  it('has no interval where most resamples have no value', () => {
    expect(bootstrap(3, () => null)).toEqual({ value: null, low: null, high: null });
  });
});

describe('labelMetrics', () => {
  // 40 films: effusion known on all (present on the odd ones, scored higher), cardiomegaly known on half.
  const cases: LabelledCase[] = Array.from({ length: 40 }, (_, i) => ({
    labels: { pleural_effusion: (i % 2) as 0 | 1, ...(i < 20 ? { cardiomegaly: 0 as const } : {}) },
    scores: scoresWith({ pleural_effusion: i % 2 ? 0.6 + i / 200 : 0.3 + i / 200, cardiomegaly: 0.1 }),
  }));

  it('scores each finding on the cases where it is known, and normal against abnormal', () => {
    const m = labelMetrics(cases, { pleural_effusion: 0.55 }, 200);
    expect(m.per_type.pleural_effusion).toMatchObject({ known: 40, positives: 20, threshold: 0.55 });
    expect(m.per_type.pleural_effusion!.auroc.value).toBe(1);
    expect(m.per_type.pleural_effusion!.sensitivity.value).toBe(1);
    expect(m.per_type.pleural_effusion!.specificity.value).toBe(1);
    expect(m.per_type.cardiomegaly).toMatchObject({ known: 20, positives: 0 });
    expect(m.per_type.cardiomegaly!.auroc.value).toBeNull();
    expect(m.per_type.nodule).toBeUndefined();
    expect(m.normal_vs_abnormal).toMatchObject({ value: 1, normal: 20, abnormal: 20 });
  });

  it('counts a true box as found at IoU 0.3 and at 0.5 by a predicted box of its type', () => {
    const boxed: LabelledCase[] = [
      {
        labels: { consolidation: 1 },
        scores: scoresWith({}),
        boxes: { consolidation: [[0, 0, 10, 10]] },
        predictedBoxes: { consolidation: [[0, 0, 10, 6]] },
      },
      {
        labels: { consolidation: 1 },
        scores: scoresWith({}),
        boxes: { consolidation: [[0, 0, 10, 10]] },
        predictedBoxes: { consolidation: [[0, 0, 10, 4]], nodule: [[0, 0, 10, 10]] },
      },
      {
        labels: { consolidation: 1 },
        scores: scoresWith({}),
        boxes: { consolidation: [[0, 0, 10, 10]] },
        predictedBoxes: { consolidation: [[0, 0, 10, 10]] },
      },
    ];
    expect(labelMetrics(boxed, {}, 10).box_recall).toMatchObject({ boxes: 3, 'at_0.3': 1, 'at_0.5': 2 / 3 });
  });

  it("finds a radiologist's opacity box by a drafted airspace opacity or consolidation, and nothing else", () => {
    const boxed: LabelledCase[] = [
      {
        labels: { airspace_opacity: 1 },
        scores: {},
        boxes: { airspace_opacity: [[0, 0, 10, 10]] },
        predictedBoxes: { consolidation: [[0, 0, 10, 8]] },
      },
      {
        labels: { airspace_opacity: 1 },
        scores: {},
        boxes: { airspace_opacity: [[0, 0, 10, 10]] },
        predictedBoxes: { airspace_opacity: [[0, 0, 10, 4]] },
      },
      {
        labels: { airspace_opacity: 1 },
        scores: {},
        boxes: { airspace_opacity: [[0, 0, 10, 10]] },
        predictedBoxes: { nodule: [[0, 0, 10, 10]] },
      },
    ];
    const recall = labelMetrics(boxed, {}, 10).box_recall;
    expect(recall.by_type.airspace_opacity).toEqual({ boxes: 3, 'at_0.3': 2 / 3, 'at_0.5': 1 / 3 });
  });

  it('calls a film abnormal when its source names a finding without a Lucent type, and scores nodule or mass as one', () => {
    const films: LabelledCase[] = [
      { labels: { nodule: 1, mass: 0 }, scores: { nodule: 0.9, mass: 0.1 } },
      { labels: { nodule: 0, mass: 1 }, scores: { nodule: 0.1, mass: 0.8 } },
      { labels: { nodule: 0, mass: 0 }, scores: { nodule: 0.2, mass: 0.3 } },
      // Emphysema only: every mapped label absent, yet not a normal film.
      { labels: { nodule: 0, mass: 0 }, unmapped: ['Emphysema'], scores: { nodule: 0.4, mass: 0.1 } },
      // The nodule unknown and the mass absent: nodule-or-mass is not known.
      { labels: { mass: 0 }, scores: { nodule: 0.95, mass: 0.1 } },
    ];
    const m = labelMetrics(films, {}, 10);
    expect(m.per_type.nodule_or_mass).toMatchObject({ known: 4, positives: 2 });
    expect(m.per_type.nodule_or_mass!.auroc.value).toBe(1);
    expect(m.normal_vs_abnormal).toMatchObject({ normal: 2, abnormal: 3 });
    // With an "abnormal" output, that is the score: here it ranks the emphysema film below a normal one.
    const withAbnormal = films.map((c, i) => ({ ...c, scores: { ...c.scores, abnormal: [0.9, 0.8, 0.3, 0.2, 0.1][i] } }));
    expect(labelMetrics(withAbnormal, {}, 10).normal_vs_abnormal.value).toBe(5 / 6);
  });
});
