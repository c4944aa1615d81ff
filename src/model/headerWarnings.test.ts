import { describe, expect, it } from 'vitest';
import { ageInYears, headerWarnings } from './inputCheck';

const dates = { patientBirthDate: '', studyDate: '' };

describe("a child's film is drafted with a warning (the model saw adults only)", () => {
  it('reads the age from Patient’s Age, else from the birth and study dates', () => {
    expect(ageInYears({ ...dates, patientAge: '045Y' })).toBe(45);
    expect(ageInYears({ ...dates, patientAge: '006M' })).toBe(0.5);
    expect(ageInYears({ patientAge: '', patientBirthDate: '20100601', studyDate: '20201201' })).toBeCloseTo(10.5, 1);
    expect(ageInYears({ ...dates, patientAge: '' })).toBeUndefined();
    expect(ageInYears({ ...dates, patientAge: 'unknown' })).toBeUndefined();
  });

  it('warns under 16 and says nothing for an adult or an unstated age', () => {
    expect(headerWarnings({ ...dates, patientAge: '008Y' })).toEqual([
      "The patient is 8 years old: the model was trained on adults' films only (none under 16); its draft may not hold for a child.",
    ]);
    expect(headerWarnings({ ...dates, patientAge: '003M' })[0]).toMatch(/^The patient is 3 months old/);
    expect(headerWarnings({ ...dates, patientAge: '016Y' })).toEqual([]);
    expect(headerWarnings({ ...dates, patientAge: '' })).toEqual([]);
  });
});
