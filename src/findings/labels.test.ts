import { describe, expect, it } from 'vitest';
import { labelsDenied, typesDenied } from './labels';

describe('typesDenied', () => {
  it('reads what a pertinent negative denies', () => {
    expect(typesDenied('No pleural effusion.')).toEqual(['pleural_effusion']);
    expect(typesDenied('There is no pneumothorax.')).toEqual(['pneumothorax']);
    expect(typesDenied('The heart size is normal.')).toEqual(['cardiomegaly']);
    expect(typesDenied('The lungs are clear.')).toEqual(expect.arrayContaining(['airspace_opacity', 'pulmonary_edema', 'nodule']));
    expect(typesDenied('The lungs are clear.')).not.toContain('pneumothorax');
  });

  it('denies the labels the denied types say: no consolidation is no airspace opacity', () => {
    expect(labelsDenied('No focal consolidation.')).toEqual(['consolidation', 'airspace_opacity']);
    expect(labelsDenied('No pleural effusion.')).toEqual(['pleural_effusion']);
    expect(labelsDenied('Small right pleural effusion.')).toEqual([]);
  });

  it('denies nothing in a positive sentence', () => {
    expect(typesDenied('Small right pleural effusion.')).toEqual([]);
    expect(typesDenied('Airspace opacity in the right middle zone.')).toEqual([]);
  });
});
