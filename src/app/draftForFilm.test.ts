import { describe, expect, it } from 'vitest';
import type { GroundedFinding, GroundedReport } from '../model/grounding';
import { applyEdit } from '../report/edit';
import { emptyReport } from '../report/content';
import { SIZE_AT_DETECTOR } from '../report/statedSize';
import { draftEdit } from './applyDraft';
import { draftForFilm, filmOf, GENERATOR } from './draftForFilm';

const finding = (text: string, probability?: number): GroundedFinding => ({
  text,
  boxes: [[1, 2, 3, 4]],
  modelBoxes: [],
  confidence: 0.7,
  attention: [],
  ...(probability !== undefined ? { probability } : {}),
});
const report = (...findings: GroundedFinding[]): GroundedReport => ({
  findings,
  impression: 'There is a 5.8 cm mass in the left mid zone.',
  complete: true,
  attentionFrame: { grid: [2, 2], squarePx: 100 },
});
const labelHead = {
  fittedOn: 'NIH ChestX-ray14 validation split (310 films, by patient)',
  types: { mass: { probability: 0.38, prevalence: 0.14 }, pleural_effusion: { probability: 0.03, prevalence: 0.2 } },
};
const MASS = 'There is a 5.8 cm mass in the left mid zone.';

describe('filmOf: what the header says of the film', () => {
  it("knows the generator's films by their Manufacturer, and every other film as real", () => {
    expect(filmOf({ manufacturer: GENERATOR, pixelSpacingSource: 'pixel spacing' })).toEqual({
      generated: true,
      spacing: 'pixel spacing',
    });
    expect(filmOf({ manufacturer: 'NIH ChestX-ray14', pixelSpacingSource: undefined })).toEqual({ generated: false, spacing: 'none' });
    expect(filmOf({ manufacturer: '', pixelSpacingSource: 'imager pixel spacing' })).toEqual({
      generated: false,
      spacing: 'imager pixel spacing',
    });
    expect(filmOf(undefined)).toEqual({ generated: false, spacing: 'none' });
  });
});

describe('draftForFilm: sizes', () => {
  it('takes the size out of every sentence, and the impression, on a film that states no spacing', () => {
    const drafted = draftForFilm(report(finding(MASS, 0.93)), { generated: false, spacing: 'none' }, labelHead);
    expect(drafted.findings[0].text).toBe('There is a mass in the left mid zone.');
    expect(drafted.impression).toBe('There is a mass in the left mid zone.');
  });

  it('keeps it with the detector caveat on a film that states only Imager Pixel Spacing', () => {
    const drafted = draftForFilm(report(finding(MASS)), { generated: false, spacing: 'imager pixel spacing' }, labelHead);
    expect(drafted.findings[0].text).toBe(MASS);
    expect(drafted.findings[0].flags).toEqual([SIZE_AT_DETECTOR]);
    // Into the report, the caveat is the finding's warning.
    const [f] = applyEdit(
      emptyReport('s'),
      draftEdit(drafted, 'img', () => 'id'),
    ).content.findings;
    expect(f.warnings).toEqual([SIZE_AT_DETECTOR]);
  });

  it('keeps it as it is where the film states Pixel Spacing', () => {
    const drafted = draftForFilm(report(finding(MASS, 0.93)), { generated: true, spacing: 'pixel spacing' });
    expect(drafted).toEqual(report(finding(MASS, 0.93)));
  });
});

describe('draftForFilm: probabilities', () => {
  const real = { generated: false, spacing: 'pixel spacing' } as const;

  it("gives a real film's finding the label head's probability of its type, never the generated films' sentence calibration", () => {
    const [mass, negative] = draftForFilm(report(finding(MASS, 0.93), finding('No pleural effusion.', 0.97)), real, labelHead).findings;
    expect(mass.probability).toBeUndefined();
    expect(mass.headProbability).toEqual({ type: 'mass', probability: 0.38, prevalence: 0.14, fittedOn: labelHead.fittedOn });
    // A pertinent negative shows the head's probability of what it denies.
    expect(negative.headProbability).toMatchObject({ type: 'pleural effusion', probability: 0.03 });
    const [f] = applyEdit(
      emptyReport('s'),
      draftEdit(report(mass), 'img', () => 'id'),
    ).content.findings;
    expect(f.calibrated).toBeUndefined();
    expect(f.headProbability?.probability).toBe(0.38);
  });

  it('gives a type the head has no calibration for no probability, and says why', () => {
    const [line, clear] = draftForFilm(
      report(finding('Right central line.', 0.9), finding('The lungs are clear.', 0.9)),
      real,
      labelHead,
    ).findings;
    for (const f of [line, clear]) {
      expect(f.probability).toBeUndefined();
      expect(f.headProbability).toBeUndefined();
      expect(f.noProbability).toMatch(/generated films/);
    }
    expect(draftForFilm(report(finding(MASS, 0.9)), real).findings[0].noProbability).toMatch(/label head/);
  });

  it("leaves a generated film's findings as they were", () => {
    const drafted = draftForFilm(report(finding(MASS, 0.93)), { generated: true, spacing: 'pixel spacing' }, labelHead);
    expect(drafted.findings[0]).toEqual(finding(MASS, 0.93));
  });
});
