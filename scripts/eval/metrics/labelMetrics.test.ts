import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_TYPES, type FindingType, type LabelType } from '../../../src/findings/labels';
import { auroc, bootstrap, labelMetrics, operatingPoint, type LabelledCase, type LabelName } from './labelMetrics';

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
    labels: { pleural_effusion: (i % 2) as 0 | 1, abnormal: (i % 2) as 0 | 1, ...(i < 20 ? { cardiomegaly: 0 as const } : {}) },
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
      { labels: { nodule: 1, mass: 0, abnormal: 1 }, scores: { nodule: 0.9, mass: 0.1 } },
      { labels: { nodule: 0, mass: 1, abnormal: 1 }, scores: { nodule: 0.1, mass: 0.8 } },
      { labels: { nodule: 0, mass: 0, abnormal: 0 }, scores: { nodule: 0.2, mass: 0.3 } },
      // Emphysema only: every mapped label absent, the "abnormal" label not given, yet not a normal film.
      { labels: { nodule: 0, mass: 0 }, unmapped: ['Emphysema'], scores: { nodule: 0.4, mass: 0.1 } },
      // The nodule unknown and the mass absent: nodule-or-mass is not known, and the film is neither normal nor abnormal.
      { labels: { mass: 0 }, scores: { nodule: 0.95, mass: 0.1 } },
    ];
    const m = labelMetrics(films, {}, 10);
    expect(m.per_type.nodule_or_mass).toMatchObject({ known: 4, positives: 2 });
    expect(m.per_type.nodule_or_mass!.auroc.value).toBe(1);
    expect(m.normal_vs_abnormal).toMatchObject({ normal: 1, abnormal: 3 });
    // With an "abnormal" output, that is the score: here it ranks the emphysema film below the normal one.
    const withAbnormal = films.map((c, i) => ({ ...c, scores: { ...c.scores, abnormal: [0.9, 0.8, 0.3, 0.2, 0.1][i] } }));
    expect(labelMetrics(withAbnormal, {}, 10).normal_vs_abnormal.value).toBe(2 / 3);
  });
});

interface FixtureFilm extends LabelledCase {
  predicted_boxes?: LabelledCase['predictedBoxes'];
}
type Expected = Record<string, number | null>;
interface Fixture {
  thresholds: Partial<Record<LabelName, number>>;
  films: FixtureFilm[];
  expected: {
    films: number;
    per_type: Record<string, Expected>;
    normal_vs_abnormal: Expected;
    box_recall: Expected & { by_type: Record<string, Expected> };
  };
}

describe('the label metrics shared with models/recipe/label_metrics.py', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../../../models/recipe/tests/fixtures/label-metrics.json', import.meta.url), 'utf8'),
  ) as Fixture;
  const cases = fixture.films.map((f) => ({ ...f, predictedBoxes: f.predicted_boxes }));
  const close = (actual: number | null | undefined, expected: number | null, where: string) => {
    if (expected === null) expect(actual, where).toBeNull();
    else expect(Math.abs((actual ?? Number.NaN) - expected), where).toBeLessThan(1e-9);
  };

  it('gives every expected value of the shared fixture (the Python tests hold to the same)', () => {
    const m = labelMetrics(cases, fixture.thresholds, 10);
    const { expected } = fixture;
    expect(m.cases).toBe(expected.films);
    expect(Object.keys(m.per_type).sort()).toEqual(Object.keys(expected.per_type).sort());
    for (const [name, want] of Object.entries(expected.per_type)) {
      const got = m.per_type[name as LabelName]!;
      const values: Expected = { known: got.known, positives: got.positives, auroc: got.auroc.value };
      if (name in fixture.thresholds) Object.assign(values, { sensitivity: got.sensitivity.value, specificity: got.specificity.value });
      expect(Object.keys(values).sort(), name).toEqual(Object.keys(want).sort());
      for (const [key, value] of Object.entries(want)) close(values[key], value, `${name} ${key}`);
    }
    const nva = m.normal_vs_abnormal;
    for (const [key, value] of Object.entries(expected.normal_vs_abnormal))
      close({ normal: nva.normal, abnormal: nva.abnormal, auroc: nva.value }[key], value, `normal_vs_abnormal ${key}`);
    const { by_type, ...total } = expected.box_recall;
    expect(Object.keys(m.box_recall.by_type).sort()).toEqual(Object.keys(by_type).sort());
    for (const [scope, got, want] of [
      ['all', m.box_recall, total] as const,
      ...Object.entries(by_type).map(([t, w]) => [t, m.box_recall.by_type[t as LabelType]!, w] as const),
    ])
      for (const key of ['boxes', 'at_0.3', 'at_0.5'] as const) close(got[key], want[key], `box recall ${scope} ${key}`);
  });

  it('reads an unknown label the same whether null or left out (npm run eval leaves it out)', () => {
    const leftOut = cases.map((c) => ({
      ...c,
      labels: Object.fromEntries(Object.entries(c.labels).filter(([, v]) => v !== null)) as LabelledCase['labels'],
    }));
    expect(labelMetrics(leftOut, fixture.thresholds, 10)).toEqual(labelMetrics(cases, fixture.thresholds, 10));
  });
});
