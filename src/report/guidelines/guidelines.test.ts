import { describe, expect, it } from 'vitest';
import { fleischnerRecommendation, noduleSizeMm, type Nodule } from './fleischner';
import { endotrachealTubeAdvice } from './tubePosition';

const nodule = (n: Partial<Nodule>): Nodule => ({ sizeMm: 5, kind: 'solid', multiple: false, risk: 'low', modality: 'CT', ...n });
const say = (n: Partial<Nodule>) => fleischnerRecommendation(nodule(n)).text;

describe('Fleischner 2017, every row of table 1', () => {
  it('solid, single', () => {
    expect(say({ sizeMm: 5, risk: 'low' })).toBe('No routine follow-up is needed.');
    expect(say({ sizeMm: 5, risk: 'high' })).toBe('Optional CT at 12 months.');
    expect(say({ sizeMm: 6, risk: 'low' })).toBe('CT at 6–12 months, then consider CT at 18–24 months.');
    expect(say({ sizeMm: 8, risk: 'high' })).toBe('CT at 6–12 months, then CT at 18–24 months.');
    expect(say({ sizeMm: 9, risk: 'low' })).toBe('Consider CT at 3 months, PET/CT or tissue sampling.');
    expect(say({ sizeMm: 9, risk: 'high' })).toBe('Consider CT at 3 months, PET/CT or tissue sampling.');
  });

  it('solid, multiple', () => {
    expect(say({ sizeMm: 5, multiple: true, risk: 'low' })).toBe('No routine follow-up is needed.');
    expect(say({ sizeMm: 5, multiple: true, risk: 'high' })).toBe('Optional CT at 12 months.');
    expect(say({ sizeMm: 6, multiple: true, risk: 'low' })).toBe('CT at 3–6 months, then consider CT at 18–24 months.');
    expect(say({ sizeMm: 12, multiple: true, risk: 'high' })).toBe('CT at 3–6 months, then CT at 18–24 months.');
  });

  it('subsolid, single: ground glass and part solid', () => {
    expect(say({ kind: 'ground-glass', sizeMm: 5 })).toBe('No routine follow-up is needed.');
    expect(say({ kind: 'ground-glass', sizeMm: 6 })).toBe('CT at 6–12 months to confirm persistence, then CT every 2 years until 5 years.');
    expect(say({ kind: 'part-solid', sizeMm: 5 })).toBe('No routine follow-up is needed.');
    expect(say({ kind: 'part-solid', sizeMm: 10, solidComponentMm: 4 })).toBe(
      'CT at 3–6 months to confirm persistence; if unchanged and the solid component stays under 6 mm, CT every year for 5 years.',
    );
    expect(say({ kind: 'part-solid', sizeMm: 14, solidComponentMm: 7 })).toMatch(/highly suspicious/);
  });

  it('subsolid, multiple', () => {
    expect(say({ kind: 'ground-glass', multiple: true, sizeMm: 5 })).toBe('CT at 3–6 months; if stable, consider CT at 2 and 4 years.');
    expect(say({ kind: 'part-solid', multiple: true, sizeMm: 7, risk: 'high' })).toBe(
      'CT at 3–6 months; further management by the most suspicious nodule.',
    );
  });

  it('gives the first interval and the source', () => {
    expect(fleischnerRecommendation(nodule({ sizeMm: 7 }))).toMatchObject({
      followUpMonths: [6, 12],
      source: expect.stringMatching(/Fleischner Society 2017/),
    });
    expect(fleischnerRecommendation(nodule({ sizeMm: 4 })).followUpMonths).toBeUndefined();
  });

  it('measures as the guideline does, and says when it does not apply', () => {
    expect(noduleSizeMm(9, 6)).toBe(8);
    expect(noduleSizeMm(8.6, 7)).toBe(8);
    expect(say({ exclusion: 'screening' })).toMatch(/does not apply: this is lung-cancer screening/);
    expect(say({ exclusion: 'immunosuppressed' })).toMatch(/immunosuppressed/);
  });

  it('sends a nodule seen on a radiograph to CT', () => {
    expect(fleischnerRecommendation(nodule({ modality: 'DX', sizeMm: 21 }))).toMatchObject({
      text: 'Chest CT is recommended to characterise the nodule seen on the radiograph.',
      source: expect.stringMatching(/common practice/),
    });
  });
});

describe('endotracheal tube tip position', () => {
  it('is satisfactory 3 to 7 cm above the carina', () => {
    for (const mm of [30, 50, 70])
      expect(endotrachealTubeAdvice(mm)).toMatchObject({ position: 'satisfactory', text: '', critical: false });
  });

  it('says how far to withdraw a low tube and to advance a high one, as critical results', () => {
    expect(endotrachealTubeAdvice(20)).toMatchObject({
      position: 'low',
      text: 'The tube tip is low: withdraw it by about 3 cm.',
      critical: true,
    });
    expect(endotrachealTubeAdvice(85)).toMatchObject({
      position: 'high',
      text: 'The tube tip is high: advance it by about 3.5 cm.',
      critical: true,
    });
    expect(endotrachealTubeAdvice(-5)).toMatchObject({ position: 'at or below the carina', critical: true });
    expect(endotrachealTubeAdvice(0).text).toMatch(/main bronchus/);
  });
});
