import { describe, expect, it } from 'vitest';
import { draftImpression, proposeImpression } from './impression';
import type { Finding } from './types';

const finding = (id: string, text: string, decision: Finding['decision'] = 'accepted'): Finding => ({
  id,
  text,
  regions: [],
  provenance: 'human',
  decision,
  confidence: undefined,
});

describe('the proposed impression', () => {
  it('lists accepted findings, most significant first, leaving out negatives and rejected or undecided ones', () => {
    const findings = [
      finding('a', 'Endotracheal tube tip 4 cm above the carina.'),
      finding('b', 'No pneumothorax.'),
      finding('c', 'Small left pleural effusion'),
      finding('d', 'Right apical pneumothorax, about 2 cm.'),
      finding('e', 'Cardiomegaly.', 'rejected'),
      finding('f', 'Right upper zone consolidation.', 'pending'),
      finding('g', 'Degenerative change of the thoracic spine.'),
    ];
    expect(proposeImpression(findings)).toBe(
      [
        '1. Right apical pneumothorax, about 2 cm.',
        '2. Small left pleural effusion.',
        '3. Endotracheal tube tip 4 cm above the carina.',
        '4. Degenerative change of the thoracic spine.',
      ].join('\n'),
    );
  });

  it('gives a single finding as its sentence, and appends accepted recommendations', () => {
    const nodule = finding('n', '21 mm nodule in the left mid zone.');
    expect(proposeImpression([nodule], { n: 'Chest CT is recommended to characterise the nodule seen on the radiograph' })).toBe(
      '21 mm nodule in the left mid zone.\nRecommendation: Chest CT is recommended to characterise the nodule seen on the radiograph.',
    );
  });

  it('says when nothing abnormal was accepted', () => {
    expect(proposeImpression([finding('b', 'No pneumothorax.'), finding('x', 'Cardiomegaly.', 'rejected')])).toBe(
      'No abnormal finding reported.',
    );
    expect(proposeImpression([])).toBe('No abnormal finding reported.');
  });
});

describe("a draft's impression, where the model's was dropped (#38)", () => {
  it("is made of the draft's sentences as if all were accepted; honest about a draft with nothing abnormal; nothing of no sentence", () => {
    expect(draftImpression(['The lungs are clear.', 'Cardiomegaly.', 'Airspace opacity in the right lower zone.'])).toBe(
      '1. Airspace opacity in the right lower zone.\n2. Cardiomegaly.',
    );
    expect(draftImpression(['The lungs are clear.', 'The heart size is normal.'])).toBe('No abnormal finding reported.');
    expect(draftImpression(['', ' '])).toBe('');
  });
});
