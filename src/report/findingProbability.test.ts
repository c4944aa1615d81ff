import { describe, expect, it } from 'vitest';
import { probabilityShown } from './findingProbability';

const FITTED_ON = 'NIH ChestX-ray14 validation split (310 films, by patient); tubes, lines and pacemakers on 300 composites';

describe('probabilityShown: what a finding row says of its probability', () => {
  it("shows a real film's finding the label head's probability with the prevalence it assumes", () => {
    const shown = probabilityShown({
      confidence: 0.71,
      headProbability: { type: 'cardiomegaly', probability: 0.384, prevalence: 0.142, fittedOn: FITTED_ON },
    });
    expect(shown?.text).toBe('Label head: cardiomegaly 38% (at the 14% prevalence of the NIH ChestX-ray14 validation split)');
    expect(shown?.title).toContain(FITTED_ON);
    expect(shown?.title).toMatch(/generated films/);
  });

  it('shows no percentage where the head has none, and says why in the title', () => {
    const shown = probabilityShown({ confidence: 0.93, noProbability: 'The label head is not calibrated for this finding.' });
    expect(shown?.text).not.toMatch(/\d/);
    expect(shown?.title).toBe('The label head is not calibrated for this finding.');
  });

  it("keeps a generated film's sentence calibration as it was", () => {
    expect(probabilityShown({ confidence: 0.931, calibrated: true })).toEqual({ text: '93% likely correct' });
    expect(probabilityShown({ confidence: 0.5 })).toEqual({ text: 'confidence 50% (uncalibrated)' });
    expect(probabilityShown({ confidence: undefined })).toBeUndefined();
  });
});
