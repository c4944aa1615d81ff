// The TypeScript sentence labeller gives models/recipe/labels.py's labels, so that the runtime's
// evaluation reproduces the model card.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelSentence } from '../../../src/findings/labels';
import { matchCase } from '../../../src/findings/matching';
import { Scorer } from './metrics';

const SENTENCES = [
  'There is a 12 mm nodule in the right upper zone.',
  'A 4.5 cm mass projects over the left mid zone.',
  'Small bilateral pleural effusions.',
  'Blunting of the left costophrenic angle.',
  'Right apical pneumothorax, about 2 cm.',
  'No pneumothorax.',
  'The lungs are clear.',
  'Cardiomegaly, cardiothoracic ratio of 0.61.',
  'The heart is enlarged with a cardiothoracic ratio 0.58.',
  'Endotracheal tube tip 4 cm above the carina.',
  'Right internal jugular central venous catheter with its tip in the SVC.',
  'Left chest wall pacemaker with leads in the right heart.',
  'Patchy consolidation in the right lower zone.',
  'Airspace opacity at the left base.',
  'Linear atelectasis at the left base.',
  'There is no focal consolidation.',
  'Normal cardiac size.',
  'Degenerative change of the spine.',
  '',
];

describe('sentence labels', () => {
  it('match the recipe (labels.py) sentence by sentence', () => {
    const script = `
import sys, json
sys.path.insert(0, 'models/recipe')
from labels import label_sentence
print(json.dumps([label_sentence(s) for s in json.loads(sys.stdin.read())]))`;
    const sample = JSON.parse(readFileSync('public/samples/chest-dx/IMG0001.json', 'utf8'));
    const sentences = [...SENTENCES, ...sample.report.sentences.map((s: { text: string }) => s.text)];
    const python = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(sentences) }).toString());
    const ours = sentences.map((s) => {
      const l = labelSentence(s);
      return l ? { type: l.type, laterality: l.laterality, size_mm: l.sizeMm ?? null, ratio: l.ratio ?? null } : null;
    });
    expect(ours).toEqual(python);
  });
});

describe('metrics', () => {
  const box = (x: number): [number, number, number, number] => [x, 0.2, x + 0.2, 0.4];
  const truth = (type: 'nodule' | 'pneumothorax', laterality: string, x: number) => ({
    type,
    laterality,
    sizeMm: 10,
    boxes: [box(x)],
    sentence: undefined,
    cardiothoracicRatio: undefined,
  });

  it('matches by type, then the same side, then overlap', () => {
    const predicted = [
      { label: labelSentence('Nodule in the left lung.')!, boxes: [box(0.6)] },
      { label: labelSentence('Nodule in the right lung.')!, boxes: [box(0.1)] },
    ];
    expect(matchCase([truth('nodule', 'right', 0.1)], predicted)).toEqual({ pairs: [1], unmatched: [0] });
  });

  it('counts hits, misses and false alarms into precision, recall and F1', () => {
    const scorer = new Scorer();
    scorer.addReport(
      [truth('nodule', 'right', 0.1), truth('pneumothorax', 'left', 0.6)],
      [
        { text: 'A 12 mm nodule in the right upper zone.', boxes: [box(0.1)] },
        { text: 'Small left pleural effusion.', boxes: [] },
      ],
    );
    const m = scorer.result();
    expect(m.per_type.nodule).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(m.micro.precision).toBe(0.5);
    expect(m.micro.recall).toBe(0.5);
    expect(m.laterality_accuracy).toBe(1);
    expect(m['box_recall_at_0.5']).toBe(0.5);
    expect(m.size_error_mm_mean).toBe(2);
  });
});
