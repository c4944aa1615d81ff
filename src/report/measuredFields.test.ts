import { describe, expect, it } from 'vitest';
import { measuredFieldValues } from './measuredFields';
import { bidirectional } from './__fixtures__/measurements';
import { bundledTemplate } from './template/bundled';
import { suggestFollowUp } from './guidelines/followUp';

describe('a measured finding and the report', () => {
  const ct = bundledTemplate('lucent-chest-ct')!;

  it("fills the template field that asks for a nodule's size with its mean diameter, only while the field is empty", () => {
    const sentence = 'A 12 × 9 mm nodule (series 3, image 45).';
    expect(measuredFieldValues(ct, sentence, bidirectional(12.4, 9), {})).toEqual({ 'largest-nodule': '10.7' });
    expect(measuredFieldValues(ct, sentence, bidirectional(12.2, 9.1), { 'largest-nodule': '6' })).toEqual({});
    // No size in mm, no other finding's field.
    expect(measuredFieldValues(ct, sentence, bidirectional(40, 30, false), {})).toEqual({});
    expect(measuredFieldValues(ct, 'A 38 mm right pleural effusion.', bidirectional(38, 20), {})).toEqual({});
  });

  it('gives the Fleischner row of the measured mean diameter, not the size the sentence rounds to', () => {
    // Said "8 × 6 mm", measured 8.4 × 9.6: a mean of 9 mm is the >8 mm row, which the sentence alone (7 mm) misses.
    const text = 'An 8 × 6 mm nodule in the right upper lobe.';
    expect(suggestFollowUp(text, { modality: 'CT', risk: 'low' })?.text).toBe('CT at 6–12 months, then consider CT at 18–24 months.');
    expect(suggestFollowUp(text, { modality: 'CT', risk: 'low', measuredMm: 9 })?.text).toBe(
      'Consider CT at 3 months, PET/CT or tissue sampling.',
    );
  });
});
