import { describe, expect, it } from 'vitest';
import { criticalRuleFor, DEFAULT_CRITICAL_RULES, describeCommunication, type Communication } from './critical';
import { suggestFollowUp } from './guidelines/followUp';
import { applyEdit } from './edit';
import { emptyReport } from './content';
import type { Report, ReportEdit } from './types';
import { checksBeforeSigning, type CheckContext } from './signChecks';
import { oneSectionTemplate } from './__fixtures__/testReports';

const edits = (report: Report, ...list: ReportEdit[]) => list.reduce(applyEdit, report);
const add = (
  id: string,
  text: string,
  regions: Array<{ id: string; imageId: string; box: [number, number, number, number] }> = [],
): ReportEdit => ({ type: 'addFinding', finding: { id, text, regions } });
const ct = () => emptyReport('1.2.3', '', 'CT');
const dx = () => emptyReport('1.2.3', '', 'DX');

describe('guideline follow-up from a sentence', () => {
  it('reads size, kind and number of nodules for Fleischner on CT', () => {
    const say = (text: string, risk: 'low' | 'high' = 'low') => suggestFollowUp(text, { modality: 'CT', risk })?.text;
    expect(say('7 mm solid nodule in the right upper lobe.')).toBe('CT at 6–12 months, then consider CT at 18–24 months.');
    expect(say('7 mm solid nodule in the right upper lobe.', 'high')).toBe('CT at 6–12 months, then CT at 18–24 months.');
    expect(say('Nodule of 9 x 7 mm in the left lower lobe.')).toBe('CT at 6–12 months, then consider CT at 18–24 months.');
    expect(say('1.2 cm nodule in the lingula.')).toBe('Consider CT at 3 months, PET/CT or tissue sampling.');
    expect(say('Multiple nodules up to 4 mm.')).toBe('No routine follow-up is needed.');
    expect(say('8 mm ground-glass nodule.')).toMatch(/confirm persistence, then CT every 2 years/);
    expect(say('12 mm part-solid nodule, solid component 7 mm.')).toMatch(/highly suspicious/);
    expect(say('A nodule in the right upper lobe.')).toBeUndefined();
  });

  it('sends a radiograph nodule to CT and reads a tube tip from the carina', () => {
    expect(suggestFollowUp('Nodule in the left mid zone.', { modality: 'DX', risk: 'low' })?.text).toMatch(/Chest CT is recommended/);
    expect(suggestFollowUp('Endotracheal tube tip 1.5 cm above the carina.', { modality: 'DX', risk: 'low' })).toMatchObject({
      text: /withdraw it by about 3.5 cm/,
      critical: true,
    });
    expect(suggestFollowUp('Endotracheal tube tip 5 cm above the carina.', { modality: 'DX', risk: 'low' })).toBeUndefined();
    expect(suggestFollowUp('Endotracheal tube in the right main bronchus.', { modality: 'DX', risk: 'low' })?.critical).toBe(true);
    expect(suggestFollowUp('Small left pleural effusion.', { modality: 'DX', risk: 'low' })).toBeUndefined();
  });
});

describe('follow-up and impression derived after each edit', () => {
  it('proposes a recommendation for an accepted nodule, keeps the decision, and re-proposes when the size changes', () => {
    let r = edits(ct(), add('n', '7 mm solid nodule in the right upper lobe.'));
    expect(r.content.findings[0].recommendation).toMatchObject({
      status: 'proposed',
      source: expect.stringMatching(/Fleischner Society 2017/),
    });
    expect(r.content.impression).toBe('7 mm solid nodule in the right upper lobe.');
    r = applyEdit(r, { type: 'decideRecommendation', findingId: 'n', status: 'accepted' });
    expect(r.content.impression).toBe(
      '7 mm solid nodule in the right upper lobe.\nRecommendation: CT at 6–12 months, then consider CT at 18–24 months.',
    );
    r = applyEdit(r, { type: 'setNoduleRisk', risk: 'high' });
    expect(r.content.findings[0].recommendation).toMatchObject({ status: 'proposed', text: 'CT at 6–12 months, then CT at 18–24 months.' });
    r = applyEdit(r, { type: 'decide', findingId: 'n', decision: 'rejected' });
    expect(r.content.findings[0].recommendation).toBeUndefined();
  });

  it('updates the proposed impression while untouched, and stops once the reader writes it', () => {
    let r = edits(dx(), add('a', 'Small left pneumothorax.'), add('b', 'Mild cardiomegaly.'));
    expect(r.content.impression).toBe('1. Small left pneumothorax.\n2. Mild cardiomegaly.');
    expect(r.content.impressionBy).toBe('proposed');
    r = edits(r, { type: 'setImpression', text: 'Left pneumothorax, told Dr Lee.' }, add('c', 'Right pleural effusion.'));
    expect(r.content.impression).toBe('Left pneumothorax, told Dr Lee.');
    r = edits(r, { type: 'setImpression', text: '' }, { type: 'removeFinding', findingId: 'b' });
    expect(r.content.impression).toBe('1. Small left pneumothorax.\n2. Right pleural effusion.');
  });

  it("keeps the model's impression until the reader accepts a finding", () => {
    let r = applyEdit(dx(), {
      type: 'applyDraft',
      findings: [
        { id: 'a', text: 'Cardiomegaly.', regions: [], regionIds: [], confidence: 0.9 },
        { id: 'b', text: 'No pneumothorax.', regions: [], regionIds: [], confidence: 0.9 },
      ],
      impression: 'Cardiomegaly.',
    });
    expect(r.content).toMatchObject({ impression: 'Cardiomegaly.', impressionBy: 'model' });
    r = applyEdit(r, { type: 'decide', findingId: 'b', decision: 'accepted' });
    expect(r.content.impression).toBe('Cardiomegaly.');
    r = applyEdit(r, { type: 'decide', findingId: 'a', decision: 'rejected' });
    expect(r.content).toMatchObject({ impression: 'No abnormal finding reported.', impressionBy: 'proposed' });
  });
});

describe('critical results', () => {
  const rule = (text: string) => criticalRuleFor(text, DEFAULT_CRITICAL_RULES, 'DX')?.id;
  it('flags the default list and never a negative', () => {
    expect(rule('Small left pneumothorax.')).toBe('pneumothorax');
    expect(rule('No pneumothorax.')).toBeUndefined();
    expect(rule('Endotracheal tube tip 1 cm above the carina.')).toBe('malpositioned-device');
    expect(rule('Endotracheal tube tip 5 cm above the carina.')).toBeUndefined();
    expect(rule('Large right pleural effusion.')).toBe('large-effusion');
    expect(rule('Small right pleural effusion.')).toBeUndefined();
  });
  it('flags a large effusion only when new or grown, with a prior compared; a pneumothorax always', () => {
    const large = 'Large right pleural effusion, unchanged since the prior study.';
    expect(criticalRuleFor(large, DEFAULT_CRITICAL_RULES, 'DX', 'unchanged')).toBeUndefined();
    expect(criticalRuleFor(large, DEFAULT_CRITICAL_RULES, 'DX', 'increased')?.id).toBe('large-effusion');
    expect(criticalRuleFor(large, DEFAULT_CRITICAL_RULES, 'DX', 'new')?.id).toBe('large-effusion');
    expect(
      criticalRuleFor('Small left pneumothorax, unchanged since the prior study.', DEFAULT_CRITICAL_RULES, 'DX', 'unchanged')?.id,
    ).toBe('pneumothorax');
  });
  it('follows the configured list', () => {
    const rules = DEFAULT_CRITICAL_RULES.map((r) => ({ ...r, enabled: r.id !== 'pneumothorax' }));
    expect(criticalRuleFor('Small left pneumothorax.', rules, 'DX')).toBeUndefined();
    const own = [
      ...rules,
      {
        id: 'free-air',
        label: 'Free air',
        enabled: true,
        category: 1 as const,
        match: { kind: 'words' as const, words: 'free air, pneumoperitoneum' },
      },
    ];
    expect(criticalRuleFor('Free air under the right hemidiaphragm.', own, 'DX')?.label).toBe('Free air');
  });
});

describe('checks before signing', () => {
  const context: CheckContext = { sideOfRegion: (r) => (r.box[0] < 500 ? 'right' : 'left'), criticalRules: DEFAULT_CRITICAL_RULES };
  const told: Communication = {
    recipient: 'Dr Lee (ED)',
    method: 'telephone',
    at: '2026-12-02T10:15:00.000Z',
    rule: 'Pneumothorax',
    category: 1,
  };
  const ids = (r: Report) => checksBeforeSigning(r.content, context).map((c) => `${c.severity}:${c.id}`);

  it('blocks an uncommunicated critical result until it is recorded', () => {
    let r = edits(dx(), add('p', 'Small left pneumothorax.', [{ id: 'r', imageId: 'i', box: [600, 100, 700, 200] }]));
    expect(ids(r)).toEqual(['blocking:critical-p']);
    r = applyEdit(r, { type: 'recordCommunication', findingId: 'p', communication: told });
    expect(ids(r)).toEqual([]);
    expect(describeCommunication(told)).toBe(
      'Pneumothorax (ACR category 1) communicated to Dr Lee (ED) by telephone at 2026-12-02 10:15 UTC.',
    );
  });

  it('catches a left/right mismatch, a contradiction, undecided AI findings and an empty impression', () => {
    let r = applyEdit(dx(), {
      type: 'applyDraft',
      findings: [{ id: 'ai', text: 'Cardiomegaly.', regions: [], regionIds: [], confidence: 0.8 }],
      impression: '',
    });
    expect(ids(r)).toEqual(['warning:pending-ai', 'warning:impression']);
    r = edits(
      r,
      add('e', 'Small left pleural effusion.', [{ id: 'r', imageId: 'i', box: [100, 100, 200, 200] }]),
      add('n', 'No pleural effusion.'),
    );
    expect(ids(r)).toEqual(['blocking:contradiction-e', 'warning:side-e', 'warning:pending-ai']);
    const side = checksBeforeSigning(r.content, context).find((c) => c.id === 'side-e');
    expect(side).toMatchObject({
      message: "“Small left pleural effusion.” says left, but its region is on the patient's right.",
      target: { kind: 'finding', findingId: 'e' },
    });
  });

  it('does not read what a comparison says is gone as denying another finding of that type', () => {
    const nodule = {
      id: 'k',
      text: 'Small left pleural effusion, unchanged since the prior study.',
      regions: [],
      regionIds: [],
      confidence: 0.9,
      comparison: { kind: 'unchanged' as const },
    };
    const gone = {
      id: 'g',
      text: 'No right pleural effusion now; resolved since the prior study.',
      regions: [],
      regionIds: [],
      confidence: 1,
      comparison: { kind: 'resolved' as const },
    };
    let r = applyEdit(dx(), { type: 'applyDraft', findings: [nodule, gone], impression: 'Effusion.' });
    r = edits(r, { type: 'decide', findingId: 'k', decision: 'accepted' }, { type: 'decide', findingId: 'g', decision: 'accepted' });
    expect(ids(r)).toEqual([]);
  });

  it('needs the required template fields, and reads negatives in fields too', () => {
    const template = oneSectionTemplate('Pleura', [
      { id: 'pleura', label: 'Pleura', kind: 'text', required: true },
      { id: 'view', label: 'Projection', kind: 'choice', options: ['PA'], required: true },
    ]);
    let r = edits(dx(), { type: 'applyTemplate', template }, add('p', 'Right pneumothorax.'), {
      type: 'recordCommunication',
      findingId: 'p',
      communication: told,
    });
    expect(ids(r)).toEqual(['blocking:field-pleura', 'blocking:field-view']);
    r = applyEdit(r, { type: 'setFields', values: { pleura: 'No pleural effusion or pneumothorax.', view: 'PA' } });
    expect(ids(r)).toEqual(['blocking:contradiction-p']);
  });
});
