import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../dicom/instanceHeader';
import { groupIntoStudies, type Study } from '../../dicom/studies';
import { testInstance } from '../../dicom/__fixtures__/testInstances';
import { BUNDLED_PROTOCOLS, hangStudy } from './hangingProtocol';
import { applyRemembered, asRememberedLayout, rememberGrid } from './rememberedLayout';
import { assign, withLayout } from './viewportGrid';

function study(uid: string, series: Array<Partial<InstanceHeader> & { seriesInstanceUID: string }>): Study {
  const instances = series.map((s, i) => testInstance({ studyInstanceUID: uid, sopInstanceUID: `${uid}.${i}`, ...s }));
  return groupIntoStudies(instances)[0];
}

/** A chest CT of a day: a scout, the axial lung series and a soft-tissue series, each with its own UIDs. */
const chestCt = (day: string) =>
  study(day, [
    { seriesInstanceUID: `${day}-scout`, seriesNumber: 1, seriesDescription: 'Topogram' },
    { seriesInstanceUID: `${day}-lung`, seriesNumber: 2, seriesDescription: 'Lung 1mm' },
    { seriesInstanceUID: `${day}-soft`, seriesNumber: 3, seriesDescription: 'Mediastinum 3mm' },
  ]);
const shown = (grid: ReturnType<typeof applyRemembered>) =>
  grid.viewports.map((v) => v.displaySet && `${v.displaySet.seriesUID}${v.displaySet.orientation ? `/${v.displaySet.orientation}` : ''}`);

describe('the layout remembered for a rule', () => {
  it("lays another study of the same kind out as the reader left the last one: the layout, each viewport's series and plane", () => {
    const monday = { current: chestCt('mon'), activeSeriesUID: 'mon-lung' };
    const hung = hangStudy(BUNDLED_PROTOCOLS, monday);
    expect(hung.rule?.id).toBe('chest-ct-planes');
    // The reader goes 2x2 and puts the soft-tissue series in the fourth viewport.
    const changed = assign(withLayout(hung.grid, '2x2'), 'viewport-4', { studyUID: 'mon', seriesUID: 'mon-soft', role: 'current' });
    const remembered = rememberGrid(changed, monday);

    const tuesday = { current: chestCt('tue'), activeSeriesUID: 'tue-lung' };
    const grid = applyRemembered(remembered, tuesday);
    expect(grid.layout).toBe('2x2');
    expect(shown(grid)).toEqual(['tue-lung/axial', 'tue-lung/coronal', 'tue-lung/sagittal', 'tue-soft']);
    expect(grid.viewports[0].displaySet?.window).toEqual({ width: 1500, center: -600 });
    // Kept as JSON in the browser, it reads back the same.
    expect(asRememberedLayout(JSON.parse(JSON.stringify(remembered)))).toEqual(JSON.parse(JSON.stringify(remembered)));
  });

  it('shows the opened series where the opened one was, and another plane of a series where that series was', () => {
    const monday = { current: chestCt('mon'), activeSeriesUID: 'mon-lung' };
    const soft = { studyUID: 'mon', seriesUID: 'mon-soft', role: 'current' as const };
    const grid = assign(assign(hangStudy(BUNDLED_PROTOCOLS, monday).grid, 'viewport-2', soft), 'viewport-3', {
      ...soft,
      orientation: 'sagittal',
    });
    const remembered = rememberGrid(grid, monday);
    // Tuesday the reader opens the soft-tissue series: it goes first, and the lung series' place keeps its own kind.
    const tuesday = { current: chestCt('tue'), activeSeriesUID: 'tue-soft' };
    expect(shown(applyRemembered(remembered, tuesday))).toEqual(['tue-soft/axial', 'tue-soft', 'tue-soft/sagittal']);
    const wednesday = { current: chestCt('wed'), activeSeriesUID: 'wed-scout' };
    expect(shown(applyRemembered(remembered, wednesday))).toEqual(['wed-scout/axial', 'wed-soft', 'wed-soft/sagittal']);
  });

  it('leaves a viewport empty when the other study has no series of its kind, and reads no damaged entry', () => {
    const monday = { current: chestCt('mon'), activeSeriesUID: 'mon-lung' };
    const grid = assign(hangStudy(BUNDLED_PROTOCOLS, monday).grid, 'viewport-2', {
      studyUID: 'mon',
      seriesUID: 'mon-soft',
      role: 'current',
    });
    const remembered = rememberGrid(grid, monday);
    const lungOnly = study('thu', [{ seriesInstanceUID: 'thu-lung', seriesDescription: 'Lung 1mm' }]);
    expect(shown(applyRemembered(remembered, { current: lungOnly, activeSeriesUID: 'thu-lung' }))).toEqual([
      'thu-lung/axial',
      undefined,
      'thu-lung/sagittal',
    ]);
    expect(asRememberedLayout({ layout: '3x3', viewports: [] })).toBeUndefined();
    expect(asRememberedLayout({ layout: '1x1', viewports: [{ study: 'other' }] })).toBeUndefined();
  });
});
