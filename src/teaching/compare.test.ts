import { describe, expect, it } from 'vitest';
import { compareFindings, referenceFromSentences, type ReferenceFinding } from './compare';

const truth: ReferenceFinding[] = [
  { type: 'cardiomegaly', laterality: 'none', boxes: [[550, 590, 1300, 1220]], text: 'The heart is enlarged.', cardiothoracicRatio: 0.6 },
  { type: 'pleural_effusion', laterality: 'left', boxes: [[920, 1050, 1440, 1220]], text: 'Small left pleural effusion.' },
  { type: 'nodule', laterality: 'left', boxes: [[1125, 540, 1210, 626]], text: 'A 21 mm nodule in the left mid zone.', sizeMm: 21 },
];

describe('compareFindings', () => {
  it('lists a finding the resident did not write as missed, and scores the rest', () => {
    const c = compareFindings(
      [
        { id: 'a', text: 'Cardiomegaly.', boxes: [[560, 600, 1290, 1200]] },
        { id: 'b', text: 'Right pleural effusion.', boxes: [] },
        { id: 'c', text: 'No pneumothorax.', boxes: [] },
      ],
      truth,
      'ground truth',
    );
    expect(c.missed.map((f) => f.type)).toEqual(['nodule']);
    expect(c.matched.map((m) => [m.reference.type, m.resident.id, m.sameSide])).toEqual([
      ['cardiomegaly', 'a', true],
      ['pleural_effusion', 'b', false],
    ]);
    expect(c.matched[0].overlap).toBeGreaterThan(0.9);
    expect(c.matched[1].overlap).toBeUndefined();
    expect(c.extra).toEqual([]);
    expect(c.recall).toBeCloseTo(2 / 3);
    expect(c.precision).toBe(1);
  });

  it('counts findings the reference does not have, and unrecognised positive sentences, as extra', () => {
    const c = compareFindings(
      [
        { id: 'a', text: 'Left apical pneumothorax.', boxes: [] },
        { id: 'b', text: 'Old healed rib fracture.', boxes: [] },
        { id: 'c', text: '   ', boxes: [] },
      ],
      truth,
      'AI draft',
    );
    expect(c.extra.map((e) => [e.resident.id, e.type])).toEqual([
      ['a', 'pneumothorax'],
      ['b', undefined],
    ]);
    expect(c.missed).toHaveLength(3);
    expect(c.f1).toBe(0);
  });

  it('takes the model’s sentences that name a finding as the reference', () => {
    const ref = referenceFromSentences([
      { text: 'The cardiac silhouette is enlarged, cardiothoracic ratio 0.59.', boxes: [[1, 2, 3, 4]] },
      { text: 'No pneumothorax.', boxes: [] },
      { text: 'Left mid zone nodule measuring 17 mm.', boxes: [] },
    ]);
    expect(ref.map((r) => [r.type, r.laterality, r.sizeMm, r.cardiothoracicRatio])).toEqual([
      ['cardiomegaly', 'none', undefined, 0.59],
      ['nodule', 'left', 17, undefined],
    ]);
  });
});
