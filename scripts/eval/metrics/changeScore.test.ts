import { describe, expect, it } from 'vitest';
import { ChangeScorer } from './changeScore';

describe('ChangeScorer', () => {
  it('counts a change right only with the right kind, per kind and overall', () => {
    const s = new ChangeScorer();
    s.add(
      [
        { type: 'pleural_effusion', laterality: 'left', kind: 'increased' },
        { type: 'nodule', laterality: 'right', kind: 'unchanged' },
        { type: 'pneumothorax', laterality: 'right', kind: 'new' },
      ],
      [
        { type: 'pleural_effusion', laterality: 'left' },
        { type: 'nodule', laterality: 'right' },
      ],
      [
        { type: 'pleural_effusion', laterality: 'left', kind: 'unchanged' },
        { type: 'nodule', laterality: 'right', kind: 'unchanged' },
        { type: 'pneumothorax', laterality: 'right', kind: 'new' },
        { type: 'consolidation', laterality: 'left', kind: 'unchanged' },
      ],
    );
    const m = s.result();
    expect(m.precision).toBeCloseTo(2 / 4);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.per_kind.increased).toEqual({ support: 1, accuracy: 0 });
    expect(m.per_kind.new).toEqual({ support: 1, accuracy: 1 });
    expect(m.per_kind.moved).toEqual({ support: 0, accuracy: null });
    // The consolidation was not on the prior film: "unchanged" claims it was.
    expect(m.unchanged_claimed_absent).toBe(1);
    expect(m.prior_claimed_absent).toBe(1);
  });
});
