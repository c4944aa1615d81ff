// What the reader does to the viewport grid: choose a layout, put a series in a viewport (dragged from
// the series list, or opened from it while another viewport is active), make a viewport active, go back
// to the rule's own layout, and import a hanging protocol file. A change of layout or series is kept as
// the reader's choice for the rule that laid the study out, and lays out the next study it matches.
import { findSeries, useAppStore } from '../store/appStore';
import { useLayoutStore } from '../store/layoutStore';
import { parseHangingProtocols } from '../viewer/services/hangingProtocol';
import { rememberGrid } from '../viewer/services/rememberedLayout';
import { whyNoVolume } from '../viewer/mpr';
import { activate, assign, gridOf, ORIENTATIONS, withLayout, type LayoutId, type ViewportGrid } from '../viewer/services/viewportGrid';
import { viewportLayout, type LayoutOnScreen } from './viewportLayout';

/** The grid on screen now, as the viewer pane draws it. */
export function layoutNow(): LayoutOnScreen | undefined {
  const { studies, activeSeriesUID, priorStudyUID } = useAppStore.getState();
  const { importedRules, remembered, onScreen } = useLayoutStore.getState();
  return viewportLayout({ studies, activeSeriesUID, priorStudyUID }, { importedRules, remembered, onScreen });
}

/** Shows the grid, and keeps it as the reader's choice for the rule that laid the study out. */
function change(now: LayoutOnScreen, grid: ViewportGrid): void {
  const { setOnScreen, setRemembered } = useLayoutStore.getState();
  setOnScreen({ key: now.key, grid });
  if (now.rule) setRemembered(now.rule.id, rememberGrid(grid, now.context));
}

/** Another layout, keeping the viewports' series that fit. */
export function chooseLayout(layout: LayoutId): void {
  const now = layoutNow();
  if (now && now.grid.layout !== layout) change(now, withLayout(now.grid, layout));
}

/**
 * Shows a series in a viewport: of the current study, or of another study open (then as a study beside,
 * compared with). It shows the series as acquired: a plane the viewport showed belonged to its former series.
 */
export function showSeriesIn(viewportId: string, seriesUID: string): void {
  const now = layoutNow();
  const found = findSeries(useAppStore.getState().studies, seriesUID);
  if (!now || !found) return;
  const role = found.study.uid === now.context.current.uid ? 'current' : 'prior';
  change(now, activate(assign(now.grid, viewportId, { studyUID: found.study.uid, seriesUID, role }), viewportId));
}

/** Makes a viewport the one the toolbar and the keys act on (no change to remember). */
export function activateViewport(viewportId: string): void {
  const now = layoutNow();
  if (now && now.grid.activeViewportId !== viewportId)
    useLayoutStore.getState().setOnScreen({ key: now.key, grid: activate(now.grid, viewportId) });
}

/** The next (or previous) viewport of the grid made active, round the grid. */
export function stepActiveViewport(delta: number): void {
  const grid = layoutNow()?.grid;
  if (!grid) return;
  const index = grid.viewports.findIndex((v) => v.id === grid.activeViewportId);
  const count = grid.viewports.length;
  activateViewport(grid.viewports[(((index + delta) % count) + count) % count].id);
}

/**
 * A series opened from the series list: into the active viewport when another than the first is active
 * (the keyboard's way to fill a grid); else it becomes the series read, laid out by the rules, as before.
 */
export function openSeriesFromList(seriesUID: string): void {
  const grid = layoutNow()?.grid;
  if (grid && grid.activeViewportId !== grid.viewports[0].id) showSeriesIn(grid.activeViewportId, seriesUID);
  else useAppStore.getState().openSeries(seriesUID);
}

/** The series in the active viewport, of the current study. */
function activeViewportSeries(now: LayoutOnScreen) {
  const displaySet = now.grid.viewports.find((v) => v.id === now.grid.activeViewportId)?.displaySet ?? now.grid.viewports[0].displaySet;
  return displaySet && findSeries(useAppStore.getState().studies, displaySet.seriesUID);
}

/** Why MPR is not offered for the active viewport's series (mpr.ts), or undefined when it is. */
export function whyNoMpr(now: LayoutOnScreen | undefined = layoutNow()): string | undefined {
  const shown = now && activeViewportSeries(now);
  return shown ? whyNoVolume(shown.series) : 'no series is open';
}

/**
 * MPR of the active viewport's series: its axial, coronal and sagittal planes reconstructed from its
 * volume, side by side. A way of reading, not a layout to keep for the rule: Back to the rule's layout ends it.
 */
export function showMpr(): void {
  const now = layoutNow();
  const shown = now && activeViewportSeries(now);
  if (!now || !shown || whyNoMpr(now)) return;
  const role = shown.study.uid === now.context.current.uid ? 'current' : 'prior';
  const planes = ORIENTATIONS.map(
    (orientation) => ({ studyUID: shown.study.uid, seriesUID: shown.series.uid, role, orientation }) as const,
  );
  const grid = gridOf('1x3', [{ ...planes[0], volumePlane: true }, ...planes.slice(1)]);
  useLayoutStore.getState().setOnScreen({ key: now.key, grid });
}

/** Whether MPR (showMpr) is on screen. */
export const showsMpr = (now: LayoutOnScreen | undefined) => !!now?.grid.viewports[0].displaySet?.volumePlane;

/** Back to the rule's own layout: forgets the reader's choice for the rule and the changes on screen. */
export function backToRuleLayout(): void {
  const now = layoutNow();
  const { setOnScreen, setRemembered } = useLayoutStore.getState();
  if (now?.rule) setRemembered(now.rule.id, undefined);
  setOnScreen(undefined);
}

/** Imports a hanging protocol file: its rules come before Lucent's own. Throws a message naming the file (and the rule at fault). */
export async function importHangingProtocols(file: File): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const rules = parseHangingProtocols(json, file.name);
  useLayoutStore.getState().setImportedRules(rules, file.name);
  useLayoutStore.getState().setOnScreen(undefined);
  return rules.length;
}

/** Lucent's own rules only, again. */
export function backToBundledProtocols(): void {
  useLayoutStore.getState().setImportedRules([], undefined);
  useLayoutStore.getState().setOnScreen(undefined);
}
