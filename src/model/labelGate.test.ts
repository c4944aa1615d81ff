import { describe, expect, it } from 'vitest';
import type { GroundedFinding, GroundedReport } from './grounding';
import { gateDraft, gateFindings, sentenceFor, type LabelCalibration, type Locate } from './labelGate';

const finding = (text: string): GroundedFinding => ({
  text,
  boxes: [[10, 10, 20, 20]],
  modelBoxes: [[0.1, 0.1, 0.2, 0.2]],
  confidence: 0.8,
  attention: [],
});
// Calibrated probability = head probability (identity map); thresholds differ per type.
const identity = { method: 'isotonic' as const, confidence: [0, 1], probability: [0, 1] };
const calibration: LabelCalibration = {
  precision: 'int8',
  fittedOn: 'test films',
  types: {
    pneumothorax: { map: identity, threshold: 0.5, sensitivity: 0.8, specificity: 0.8, prevalence: 0.1 },
    pleural_effusion: { map: identity, threshold: 0.3, sensitivity: 0.8, specificity: 0.8, prevalence: 0.2 },
    airspace_opacity: { map: identity, threshold: 0.4, sensitivity: 0.7, specificity: 0.7, prevalence: 0.4 },
    abnormal: { map: identity, threshold: 0.5, sensitivity: 0.9, specificity: 0.7, prevalence: 0.6 },
  },
  // No rule-out for the nodule and the other lung types: "The lungs are clear." never stands.
  ruleOut: { pneumothorax: 0.2, pleural_effusion: 0.2, airspace_opacity: 0.3 },
};

describe('gateFindings', () => {
  it('leaves out what the head calls absent, keeps what it has no say on, and names what the draft lacks', () => {
    const draft = [
      finding('Small right apical pneumothorax.'),
      finding('Pacemaker in the left chest wall.'),
      finding('No pleural effusion.'),
    ];
    const gated = gateFindings(draft, { pneumothorax: 0.2, pleural_effusion: 0.6, airspace_opacity: 0.1, abnormal: 0.9 }, calibration);
    // The effusion is not ruled out (0.6 is not below 0.2): its negative goes with the absent pneumothorax.
    expect(gated.leftOut.map((f) => f.text)).toEqual(['Small right apical pneumothorax.', 'No pleural effusion.']);
    // A device has no calibrated label here.
    expect(gated.kept.map((f) => f.text)).toEqual(['Pacemaker in the left chest wall.']);
    // The effusion is present by the head and not drafted; "abnormal" is never a finding to add.
    expect(gated.missing).toEqual(['pleural_effusion']);
  });

  it('keeps a pertinent negative only where the head rules out every label it denies', () => {
    const negatives = ['No pneumothorax.', 'No pleural effusion or pneumothorax.', 'The lungs are clear.', 'No focal consolidation.'];
    const kept = (p: Record<string, number>) => gateFindings(negatives.map(finding), p, calibration).kept.map((f) => f.text);
    // Everything ruled out that has a rule-out; the lungs' nodule has none, consolidation neither.
    expect(kept({ pneumothorax: 0.1, pleural_effusion: 0.1, airspace_opacity: 0.1, nodule: 0 })).toEqual([
      'No pneumothorax.',
      'No pleural effusion or pneumothorax.',
    ]);
    // The effusion not ruled out: a negative that denies it among others goes too.
    expect(kept({ pneumothorax: 0.1, pleural_effusion: 0.25, airspace_opacity: 0.1 })).toEqual(['No pneumothorax.']);
    // A label the head gave no probability for is not ruled out.
    expect(kept({ pleural_effusion: 0.1 })).toEqual([]);
  });

  it('takes a drafted consolidation as the airspace opacity the head finds', () => {
    const gated = gateFindings([finding('Right lower lobe consolidation.')], { airspace_opacity: 0.9 }, calibration);
    expect(gated.missing).toEqual([]);
    expect(gated.kept).toHaveLength(1);
  });

  it('calibrates through each type’s map', () => {
    const shifted: LabelCalibration = {
      ...calibration,
      types: {
        pneumothorax: {
          ...calibration.types.pneumothorax!,
          map: { method: 'isotonic', confidence: [0, 0.2, 1], probability: [0, 0.6, 1] },
        },
      },
    };
    const gated = gateFindings([finding('Left pneumothorax.')], { pneumothorax: 0.2 }, shifted);
    expect(gated.calibrated.pneumothorax).toBeCloseTo(0.6);
    expect(gated.kept).toHaveLength(1);
  });
});

describe('gateDraft', () => {
  const report: GroundedReport = {
    findings: [finding('Small right apical pneumothorax.')],
    attentionFrame: { grid: [10, 10], squarePx: 100 },
    impression: 'right pneumothorax.',
    complete: true,
  };

  it('locates and says what the head finds, drops the impression when the findings change', async () => {
    const asked: string[] = [];
    const locate: Locate = async (phrase) => {
      asked.push(phrase);
      return {
        boxes: phrase === 'pleural effusion' ? [[10, 80, 40, 95]] : [],
        modelBoxes: [[0.1, 0.8, 0.4, 0.95]],
        confidence: 0.5,
        attention: [1],
      };
    };
    const { report: gated, labelGate } = await gateDraft(
      report,
      { pneumothorax: 0.1, pleural_effusion: 0.7, airspace_opacity: 0.8 },
      calibration,
      { rows: 100, cols: 100 },
      locate,
    );
    expect(asked).toEqual(['pleural effusion', 'airspace opacity']);
    // The opacity could not be placed: not said. The effusion lies on the image's left: the patient's right.
    expect(gated.findings.map((f) => f.text)).toEqual(['Pleural effusion in the right lower zone.']);
    expect(gated.findings[0].probability).toBeCloseTo(0.7);
    expect(gated.impression).toBe('');
    expect(labelGate).toMatchObject({
      leftOut: ['Small right apical pneumothorax.'],
      added: ['Pleural effusion in the right lower zone.'],
    });
  });

  it('leaves out a pertinent negative that denies what the draft now says', async () => {
    const withNegatives: GroundedReport = {
      ...report,
      findings: [finding('The lungs are clear.'), finding('No pleural effusion.'), finding('There is no pneumothorax.')],
    };
    const locate: Locate = async (phrase) => ({
      boxes: phrase === 'airspace opacity' ? [[10, 40, 40, 60]] : [],
      modelBoxes: [],
      confidence: 0.5,
      attention: [1],
    });
    const { report: gated, labelGate } = await gateDraft(
      withNegatives,
      { pneumothorax: 0.1, pleural_effusion: 0.1, airspace_opacity: 0.8 },
      calibration,
      { rows: 100, cols: 100 },
      locate,
    );
    expect(gated.findings.map((f) => f.text)).toEqual([
      'No pleural effusion.',
      'There is no pneumothorax.',
      'Airspace opacity in the right middle zone.',
    ]);
    expect(labelGate?.leftOut).toEqual(['The lungs are clear.']);
  });

  it('drops an impression that states a negative the head does not back', async () => {
    const normal: GroundedReport = { ...report, findings: [], impression: 'No acute cardiopulmonary abnormality.' };
    const locate: Locate = async () => ({ boxes: [], modelBoxes: [], confidence: 0, attention: [] });
    const probabilities = { pneumothorax: 0.1, pleural_effusion: 0.1, airspace_opacity: 0.1 };
    const { report: gated } = await gateDraft(normal, probabilities, calibration, { rows: 100, cols: 100 }, locate);
    expect(gated.impression).toBe('');
    const backed = { ...normal, impression: 'Right pneumothorax. No pleural effusion.' };
    const kept = await gateDraft(backed, { ...probabilities, pneumothorax: 0.9 }, calibration, { rows: 100, cols: 100 }, locate);
    expect(kept.report.impression).toBe('Right pneumothorax. No pleural effusion.');
  });

  it('keeps the draft as it is when the head agrees', async () => {
    const locate: Locate = async () => {
      throw new Error('nothing to locate');
    };
    const { report: gated } = await gateDraft(
      report,
      { pneumothorax: 0.9, pleural_effusion: 0.1, airspace_opacity: 0.1 },
      calibration,
      { rows: 100, cols: 100 },
      locate,
    );
    expect(gated).toEqual(report);
  });
});

describe('sentenceFor', () => {
  it('reads the side and zone from where the boxes lie', () => {
    expect(sentenceFor('airspace_opacity', [[60, 10, 90, 30]], 100, 100)).toBe('Airspace opacity in the left upper zone.');
    expect(
      sentenceFor(
        'airspace_opacity',
        [
          [10, 40, 30, 60],
          [60, 40, 90, 60],
        ],
        100,
        100,
      ),
    ).toBe('Airspace opacity, bilateral.');
    expect(sentenceFor('pulmonary_edema', [[10, 40, 30, 60]], 100, 100)).toBe('Pulmonary oedema, bilateral.');
    expect(sentenceFor('cardiomegaly', [[30, 50, 70, 80]], 100, 100)).toBe('Cardiomegaly.');
  });
});
