import { describe, expect, it } from 'vitest';
import { cutLoop, FLAGS, guardFindings } from './degenerate';
import type { GroundedFinding } from './grounding';

const finding = (text: string): GroundedFinding => ({ text, boxes: [], modelBoxes: [], confidence: 0.5, attention: [] });

describe('the degenerate-output guard', () => {
  it('cuts a loop of one to four words where it starts, keeping one copy', () => {
    expect(cutLoop('Endotracheal tube tip 20 mm nodule in the left central central central central')).toBe(
      'Endotracheal tube tip 20 mm nodule in the left central',
    );
    expect(cutLoop('Nodule in the left upper zone left upper zone left upper zone.')).toBe('Nodule in the left upper zone');
    expect(cutLoop('a b c d a b c d a b c d')).toBe('a b c d');
  });

  it('leaves language alone, repeated words included', () => {
    expect(cutLoop('Small left pleural effusion blunting the costophrenic angle.')).toBeUndefined();
    expect(cutLoop('Left and right and left lower zone opacities.')).toBeUndefined();
    expect(cutLoop('Very very small effusion.')).toBeUndefined();
  });

  it('flags a cut loop, an unfinished last sentence of an unfinished report, and a repeated finding', () => {
    const guarded = guardFindings(
      [
        finding('Small left pleural effusion.'),
        finding('Right central central central line.'),
        finding('Small left pleural effusion.'),
        finding('Cardiomegaly, cardiothoracic ratio'),
      ],
      false,
    );
    expect(guarded.map((f) => [f.text, f.flags ?? []])).toEqual([
      ['Small left pleural effusion.', []],
      ['Right central', [FLAGS.loop]],
      ['Small left pleural effusion.', [FLAGS.duplicate]],
      ['Cardiomegaly, cardiothoracic ratio', [FLAGS.unfinished]],
    ]);
  });

  it('passes a clean, complete report through unchanged', () => {
    const clean = [finding('The heart is enlarged.'), finding('Small left pleural effusion.')];
    expect(guardFindings(clean, true)).toEqual(clean);
    // The model ended the report itself: a last sentence without a full stop is how it writes it.
    expect(guardFindings([finding('Endotracheal tube')], true)[0].flags).toBeUndefined();
  });
});
