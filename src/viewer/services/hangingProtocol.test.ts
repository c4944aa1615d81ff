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
  it("lay out today's two cases from the bundled rules: the opened series alone, or beside the prior's first images", () => {
    const alone = hangStudy(BUNDLED_PROTOCOLS, { current: chest, activeSeriesUID: 'lat' });
    expect([alone.rule?.id, alone.grid.layout, shown(alone.grid)]).toEqual(['single', '1x1', ['current:lat']]);
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
    expect(BUNDLED_PROTOCOLS.map((r) => r.id)).toEqual(['current-beside-prior', 'single']);
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
});
