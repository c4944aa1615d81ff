import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { groupIntoStudies, type Study } from '../../dicom/studies';
import { testInstance } from '../../dicom/__fixtures__/testInstances';
import { BUNDLED_PROTOCOLS, hangStudy, parseHangingProtocols, ruleMatches, type HangingRule } from './hangingProtocol';

function study(uid: string, series: Array<Partial<InstanceHeader> & { seriesInstanceUID: string }>): Study {
  const instances = series.map((s, i) => testInstance({ studyInstanceUID: uid, sopInstanceUID: `${uid}.${i}`, ...s }));
  return groupIntoStudies(instances)[0];
}

const chest = study('2', [
  { seriesInstanceUID: 'pa', modality: 'DX', viewPosition: 'PA', seriesNumber: 1 },
  { seriesInstanceUID: 'lat', modality: 'DX', viewPosition: 'LL', seriesNumber: 2, seriesDescription: 'Lateral' },
]);
const priorChest = study('1', [{ seriesInstanceUID: 'old-pa', modality: 'DX', viewPosition: 'PA' }]);
const shown = (grid: ReturnType<typeof hangStudy>['grid']) =>
  grid.viewports.map((v) => v.displaySet && `${v.displaySet.role}:${v.displaySet.seriesUID}`);

describe('hanging protocols', () => {
  it("lay out the plain cases from the bundled rules: the opened series alone, or beside the prior's first images", () => {
    const alone = hangStudy(BUNDLED_PROTOCOLS, { current: priorChest, activeSeriesUID: 'old-pa' });
    expect([alone.rule?.id, alone.grid.layout, shown(alone.grid)]).toEqual(['single', '1x1', ['current:old-pa']]);
    const beside = hangStudy(BUNDLED_PROTOCOLS, { current: chest, activeSeriesUID: 'pa', prior: priorChest });
    expect([beside.rule?.id, beside.grid.layout, shown(beside.grid)]).toEqual([
      'current-beside-prior',
      '1x2',
      ['current:pa', 'prior:old-pa'],
    ]);
  });

  it('match on modality, body part, view and series description, and fill each viewport with its first choice that exists', () => {
    const paLateral: HangingRule = {
      id: 'chest-pa-lateral',
      name: 'Chest PA and lateral',
      match: { modality: ['dx', 'CR'], bodyPart: ['CHEST'], viewPosition: ['PA', 'AP'] },
      layout: '1x2',
      viewports: [
        { study: 'current', series: ['active'] },
        { study: 'current', series: [{ viewPosition: ['LL', 'RL'] }, { description: 'lat' }] },
      ],
    };
    const context = { current: chest, activeSeriesUID: 'pa' };
    expect(ruleMatches(paLateral, context)).toBe(true);
    expect(shown(hangStudy([paLateral], context).grid)).toEqual(['current:pa', 'current:lat']);
    // The lateral opened: the rule's view does not match, and the fallback shows the opened series alone.
    const lateral = hangStudy([paLateral], { current: chest, activeSeriesUID: 'lat' });
    expect([lateral.rule, shown(lateral.grid)]).toEqual([undefined, ['current:lat']]);
    expect(ruleMatches({ ...paLateral, match: { seriesDescription: '^lat' } }, { current: chest, activeSeriesUID: 'lat' })).toBe(true);
    expect(ruleMatches({ ...paLateral, match: { bodyPart: ['HEAD'] } }, context)).toBe(false);
    // A choice that finds nothing leaves its viewport empty.
    const noLateral = hangStudy([paLateral], { current: priorChest, activeSeriesUID: 'old-pa' });
    expect(shown(noLateral.grid)).toEqual(['current:old-pa', undefined]);
  });

  it('read rules from JSON, naming the file and the rule at fault', () => {
    expect(BUNDLED_PROTOCOLS.map((r) => r.id)).toEqual([
      'chest-ct-beside-prior',
      'current-beside-prior',
      'chest-radiograph-pa-lateral',
      'chest-ct-planes',
      'mr-sequences',
      'single',
    ]);
    const rule = { id: 'x', name: 'X', match: {}, layout: '1x1', viewports: [{ study: 'current', series: ['active'] }] };
    expect(parseHangingProtocols({ rules: [rule] }, 'mine.json')).toHaveLength(1);
    expect(() => parseHangingProtocols({}, 'mine.json')).toThrow('mine.json: not a hanging protocol file');
    expect(() => parseHangingProtocols({ rules: [{ ...rule, layout: '3x3' }] }, 'mine.json')).toThrow(
      'mine.json: rule 1 (x): its layout "3x3" is none of 1x1, 1x2, 2x1, 2x2, 1x3',
    );
    expect(() => parseHangingProtocols({ rules: [{ ...rule, match: { seriesDescription: '(' } }] }, 'f')).toThrow(
      'not a regular expression',
    );
    expect(() => parseHangingProtocols({ rules: [{ ...rule, viewports: [{ study: 'other', series: ['active'] }] }] }, 'f')).toThrow(
      '"current" or "prior"',
    );
    expect(() => parseHangingProtocols({ rules: [{ ...rule, viewports: [{ study: 'prior', series: ['newest'] }] }] }, 'f')).toThrow(
      'a series choice must be',
    );
  });

  it("read a viewport's plane and window, and refuse others, naming the file and the rule", () => {
    const planes = { id: 'ct', name: 'CT', match: { everySeriesFound: true }, layout: '1x3', viewports: [] as unknown[] };
    const viewport = (extra: object) => ({ study: 'current', series: ['active', 'nextImage'], ...extra });
    const good = { ...planes, viewports: [viewport({ orientation: 'axial', window: { width: 1500, center: -600 } })] };
    expect(parseHangingProtocols({ rules: [good] }, 'mine.json')[0].viewports[0]).toEqual(good.viewports[0]);
    expect(() => parseHangingProtocols({ rules: [{ ...planes, viewports: [viewport({ orientation: 'oblique' })] }] }, 'mine.json')).toThrow(
      'mine.json: rule 1 (ct): the orientation "oblique" is none of axial, coronal, sagittal',
    );
    expect(() =>
      parseHangingProtocols({ rules: [{ ...planes, viewports: [viewport({ window: { width: 0, center: 40 } })] }] }, 'f'),
    ).toThrow('needs a width above 0 and a center');
    expect(() => parseHangingProtocols({ rules: [{ ...planes, match: { everySeriesFound: 'yes' } }] }, 'f')).toThrow(
      'everySeriesFound must be true or false',
    );
  });
});

const hang = (current: Study, activeSeriesUID: string, prior?: Study) => {
  const { rule, grid } = hangStudy(BUNDLED_PROTOCOLS, { current, activeSeriesUID, prior });
  const planes = grid.viewports.map((v) => v.displaySet?.orientation ?? '-');
  return { rule: rule?.id, layout: grid.layout, shown: shown(grid), planes, windows: grid.viewports.map((v) => v.displaySet?.window) };
};

describe('the bundled rules for reading as in a PACS', () => {
  it('hang a chest radiograph PA beside its lateral when the PA is opened, and the PA alone when there is no lateral', () => {
    expect(hang(chest, 'pa')).toMatchObject({ rule: 'chest-radiograph-pa-lateral', layout: '1x2', shown: ['current:pa', 'current:lat'] });
    // The lateral opened is read alone: the first viewport shows the series opened, which the draft and the report read.
    expect(hang(chest, 'lat')).toMatchObject({ rule: 'single', shown: ['current:lat'] });
    const twoFrontals = study('4', [
      { seriesInstanceUID: 'pa1', modality: 'DX', bodyPartExamined: 'CHEST', viewPosition: 'PA', seriesNumber: 1 },
      { seriesInstanceUID: 'pa2', modality: 'DX', bodyPartExamined: 'CHEST', viewPosition: 'PA', seriesNumber: 2 },
      { seriesInstanceUID: 'side', modality: 'DX', bodyPartExamined: 'CHEST', viewPosition: 'LL', seriesNumber: 3 },
    ]);
    expect(hang(twoFrontals, 'pa2')).toMatchObject({ rule: 'chest-radiograph-pa-lateral', shown: ['current:pa2', 'current:side'] });
    // A lateral known only by its description.
    const described = study('3', [
      { seriesInstanceUID: 'ap', modality: 'CR', viewPosition: 'AP' },
      { seriesInstanceUID: 'side', modality: 'CR', seriesDescription: 'Chest LAT' },
    ]);
    expect(hang(described, 'ap')).toMatchObject({ rule: 'chest-radiograph-pa-lateral', shown: ['current:ap', 'current:side'] });
    expect(hang(priorChest, 'old-pa')).toMatchObject({ rule: 'single', layout: '1x1' });
  });

  const ct = study('4', [
    { seriesInstanceUID: 'scout', modality: 'CT', seriesNumber: 1, seriesDescription: 'Topogram' },
    { seriesInstanceUID: 'axial', modality: 'CT', seriesNumber: 2, seriesDescription: 'Chest 1mm' },
  ]);
  const lung = { width: 1500, center: -600 };

  it('hang a chest CT as the opened series in three planes, the axial in the lung window', () => {
    expect(hang(ct, 'axial')).toEqual({
      rule: 'chest-ct-planes',
      layout: '1x3',
      shown: ['current:axial', 'current:axial', 'current:axial'],
      planes: ['axial', 'coronal', 'sagittal'],
      windows: [lung, undefined, undefined],
    });
    const abdomen = study('5', [{ seriesInstanceUID: 'abd', modality: 'CT', bodyPartExamined: 'ABDOMEN' }]);
    expect(hang(abdomen, 'abd')).toMatchObject({ rule: 'single', planes: ['-'] });
  });

  it("hang a chest CT beside its prior's CT, both axial, before the plain current-beside-prior rule", () => {
    const priorCt = study('0', [
      { seriesInstanceUID: 'old-report', modality: 'SR' },
      { seriesInstanceUID: 'old-axial', modality: 'CT' },
    ]);
    expect(hang(ct, 'axial', priorCt)).toEqual({
      rule: 'chest-ct-beside-prior',
      layout: '1x2',
      shown: ['current:axial', 'prior:old-axial'],
      planes: ['axial', 'axial'],
      windows: [lung, lung],
    });
  });

  it('hang an MR as its main sequences in a 2x2 grid, each once, and a one-sequence MR alone', () => {
    const mr = study('6', [
      { seriesInstanceUID: 't1', modality: 'MR', seriesNumber: 1, seriesDescription: 'T1 SE axial' },
      { seriesInstanceUID: 'flair', modality: 'MR', seriesNumber: 2, seriesDescription: 'T2 FLAIR' },
      { seriesInstanceUID: 'dwi', modality: 'MR', seriesNumber: 3, seriesDescription: 'DWI b1000' },
      { seriesInstanceUID: 't2', modality: 'MR', seriesNumber: 4, seriesDescription: 'T2 TSE' },
      { seriesInstanceUID: 'loc', modality: 'MR', seriesNumber: 5, seriesDescription: 'Localiser' },
    ]);
    expect(hang(mr, 't1')).toMatchObject({
      rule: 'mr-sequences',
      layout: '2x2',
      shown: ['current:t1', 'current:t2', 'current:flair', 'current:dwi'],
    });
    // The opened T2 is not shown twice: its viewport takes the next sequence not shown.
    expect(hang(mr, 't2').shown).toEqual(['current:t2', 'current:t1', 'current:flair', 'current:dwi']);
    const oneSequence = study('7', [{ seriesInstanceUID: 'only', modality: 'MR', seriesDescription: 'T1' }]);
    expect(hang(oneSequence, 'only')).toMatchObject({ rule: 'single', layout: '1x1' });
  });
});
