// The reader's layout choices (#39): a change is kept for the rule that laid the study out and lays out
// the next study it matches; a series opened from the list goes into the active viewport; an imported
// rule file comes before Lucent's own, and a bad one is refused naming the file and the rule.
import { beforeEach, describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../dicom/instanceHeader';
import { testInstance } from '../dicom/__fixtures__/testInstances';
import { useAppStore } from '../store/appStore';
import { useLayoutStore } from '../store/layoutStore';
import {
  activateViewport,
  backToBundledProtocols,
  backToRuleLayout,
  chooseLayout,
  importHangingProtocols,
  layoutNow,
  openSeriesFromList,
  showSeriesIn,
} from './layouts';

/** Opens a study of these series, as a file load does: its first series is the one read. */
function open(study: string, series: Array<Partial<InstanceHeader> & { seriesInstanceUID: string }>): void {
  useAppStore.getState().closeAll();
  const instances = series.map((s, i) =>
    testInstance({ studyInstanceUID: study, sopInstanceUID: `${study}.${i}`, seriesNumber: i + 1, ...s }),
  );
  useAppStore.getState().addInstances(instances, []);
}

const chestCt = (study: string) =>
  open(study, [
    { seriesInstanceUID: `${study}-lung`, seriesDescription: 'Lung 1mm' },
    { seriesInstanceUID: `${study}-soft`, seriesDescription: 'Mediastinum 3mm' },
  ]);
const shown = () => layoutNow()?.grid.viewports.map((v) => v.displaySet?.seriesUID);

describe('the layout as the reader changes it', () => {
  beforeEach(() => useLayoutStore.setState({ importedRules: [], importedFrom: undefined, remembered: {}, onScreen: undefined }));

  it('keeps a changed layout and series for the rule, and lays out the next study it matches the same way', () => {
    chestCt('mon');
    expect([layoutNow()?.rule?.id, layoutNow()?.grid.layout]).toEqual(['chest-ct-planes', '1x3']);
    chooseLayout('2x2');
    showSeriesIn('viewport-4', 'mon-soft');
    expect([layoutNow()?.grid.layout, layoutNow()?.grid.activeViewportId, shown()]).toEqual([
      '2x2',
      'viewport-4',
      ['mon-lung', 'mon-lung', 'mon-lung', 'mon-soft'],
    ]);
    chestCt('tue');
    expect([layoutNow()?.grid.layout, shown()]).toEqual(['2x2', ['tue-lung', 'tue-lung', 'tue-lung', 'tue-soft']]);
    backToRuleLayout();
    expect([layoutNow()?.grid.layout, shown()]).toEqual(['1x3', ['tue-lung', 'tue-lung', 'tue-lung']]);
  });

  it('opens a series from the list into the active viewport, or as the series read while the first is active', () => {
    chestCt('wed');
    activateViewport('viewport-3');
    openSeriesFromList('wed-soft');
    expect([useAppStore.getState().activeSeriesUID, shown()]).toEqual(['wed-lung', ['wed-lung', 'wed-lung', 'wed-soft']]);
    activateViewport('viewport-1');
    openSeriesFromList('wed-soft');
    expect([useAppStore.getState().activeSeriesUID, layoutNow()?.grid.activeViewportId]).toEqual(['wed-soft', 'viewport-1']);
  });

  it('uses imported rules before its own, refuses a bad file naming it and the rule, and goes back to its own', async () => {
    const rule = {
      id: 'ct-two',
      name: 'CT two',
      match: { modality: ['CT'] },
      layout: '1x2',
      viewports: [{ study: 'current', series: ['active'] }],
    };
    const file = (name: string, json: unknown) => new File([JSON.stringify(json)], name);
    expect(await importHangingProtocols(file('mine.json', { rules: [rule] }))).toBe(1);
    chestCt('thu');
    expect([layoutNow()?.rule?.id, layoutNow()?.grid.layout]).toEqual(['ct-two', '1x2']);
    await expect(importHangingProtocols(file('bad.json', { rules: [{ ...rule, layout: '4x4' }] }))).rejects.toThrow(
      'bad.json: rule 1 (ct-two): its layout "4x4" is none',
    );
    await expect(importHangingProtocols(new File(['{'], 'broken.json'))).rejects.toThrow('broken.json: not JSON');
    expect(useLayoutStore.getState().importedFrom).toBe('mine.json');
    backToBundledProtocols();
    expect(layoutNow()?.rule?.id).toBe('chest-ct-planes');
  });
});
