// Keyboard shortcuts, OHIF-like. One table drives both the key handler and the help panel.
import { useAppStore, allSeries } from '../store/appStore';
import { activeViewer } from '../viewer/activeViewer';
import { TOOL_LABELS, type MeasurementTool } from '../report/measurement';
import { startDraft } from '../app/modelTasks';
import { applyWindowPreset, presetKeyLabels } from '../app/windowPresets';
import { toggleCine } from '../app/cine';
import { stepActiveViewport } from '../app/layouts';
import { explainSelected, redoReport, stepFinding, toggleTeachingMode, undoReport } from '../app/reportCommands';

export interface Shortcut {
  keys: string[];
  label: string;
  run: () => void;
}

function stepSeries(delta: number): void {
  const { studies, activeSeriesUID, openSeries } = useAppStore.getState();
  const series = allSeries(studies);
  const index = series.findIndex((s) => s.uid === activeSeriesUID);
  const next = series[index + delta];
  if (next) openSeries(next.uid);
}

const viewer = () => activeViewer();

/** The measuring tools' keys (the toolbar's titles say them too). */
export const MEASURING_KEYS: Array<{ tool: MeasurementTool; key: string }> = [
  { tool: 'length', key: 'm' },
  { tool: 'bidirectional', key: 'b' },
  { tool: 'ellipse', key: 'o' },
  { tool: 'circle', key: 'c' },
  { tool: 'rectangle', key: 'x' },
  { tool: 'angle', key: 'a' },
  { tool: 'cobb', key: 'y' },
  { tool: 'probe', key: 'q' },
  { tool: 'arrow', key: 'u' },
];

export const SHORTCUTS: Shortcut[] = [
  { keys: ['ArrowDown', 'ArrowRight'], label: 'Next image', run: () => viewer()?.scrollBy(1) },
  { keys: ['ArrowUp', 'ArrowLeft'], label: 'Previous image', run: () => viewer()?.scrollBy(-1) },
  { keys: ['PageDown'], label: 'Forward 10 images', run: () => viewer()?.scrollBy(10) },
  { keys: ['PageUp'], label: 'Back 10 images', run: () => viewer()?.scrollBy(-10) },
  { keys: ['Home'], label: 'First image', run: () => viewer()?.scrollTo(0) },
  { keys: ['End'], label: 'Last image', run: () => viewer()?.scrollTo(Number.MAX_SAFE_INTEGER) },
  { keys: [']'], label: 'Next series', run: () => stepSeries(1) },
  {
    keys: ['.'],
    label: 'Next viewport of the grid (makes it active: the keys act on it, and a series opened from the list goes into it)',
    run: () => stepActiveViewport(1),
  },
  { keys: ['['], label: 'Previous series', run: () => stepSeries(-1) },
  { keys: ['w'], label: 'Window/level tool', run: () => useAppStore.getState().setPrimaryTool('WindowLevel') },
  { keys: ['p'], label: 'Pan tool', run: () => useAppStore.getState().setPrimaryTool('Pan') },
  { keys: ['z'], label: 'Zoom tool', run: () => useAppStore.getState().setPrimaryTool('Zoom') },
  {
    keys: ['s'],
    label: 'Crosshairs on MPR planes: click or drag to move the other planes; drag a line end to rotate',
    run: () => useAppStore.getState().setPrimaryTool('Crosshairs'),
  },
  ...MEASURING_KEYS.map(({ tool, key }) => ({
    keys: [key],
    label: `${TOOL_LABELS[tool]} measuring tool`,
    run: () => useAppStore.getState().setPrimaryTool(tool),
  })),
  {
    keys: ['g'],
    label: 'Region tool: draw a region, and Lucent proposes its finding',
    run: () => useAppStore.getState().setPrimaryTool('Region'),
  },
  { keys: ['=', '+'], label: 'Zoom in', run: () => viewer()?.zoomBy(1.25) },
  { keys: ['-'], label: 'Zoom out', run: () => viewer()?.zoomBy(0.8) },
  { keys: ['i'], label: 'Invert', run: () => viewer()?.toggleInvert() },
  { keys: ['r'], label: 'Rotate right 90°', run: () => viewer()?.rotateBy(90) },
  { keys: ['l'], label: 'Rotate left 90°', run: () => viewer()?.rotateBy(-90) },
  { keys: ['h'], label: 'Flip horizontally', run: () => viewer()?.flip('horizontal') },
  { keys: ['v'], label: 'Flip vertically', run: () => viewer()?.flip('vertical') },
  { keys: [' '], label: 'Reset view', run: () => viewer()?.reset() },
  // The active series' presets: a body CT's or a head CT's (presetsFor), none on an MR or a radiograph.
  ...presetKeyLabels().map(({ key, label }) => ({ keys: [key], label, run: () => applyWindowPreset(key) })),
  { keys: ['n'], label: 'Cine: play the slices in a loop, or stop (frame rate beside the toolbar’s Cine)', run: toggleCine },
  { keys: ['j'], label: 'Next finding (selects it and shows its region)', run: () => stepFinding(1) },
  { keys: ['k'], label: 'Previous finding', run: () => stepFinding(-1) },
  { keys: ['d'], label: 'Draft a grounded report of the image on screen', run: () => startDraft() },
  { keys: ['e'], label: 'Explain the selected finding: where the model looked, measurements, teaching note', run: () => explainSelected() },
  { keys: ['t'], label: 'Teaching mode: write first, then compare with the ground truth or the AI draft', run: toggleTeachingMode },
  // Esc closes the help as it closes every dialog (Dialog.tsx: the browser's own <dialog>).
  { keys: ['?'], label: 'Show this help (Esc closes it)', run: () => useAppStore.getState().setHelpOpen(true) },
];

const byKey = new Map(SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s] as const)));

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) && (el as HTMLInputElement).type !== 'range'
  );
}

/** Ctrl/Cmd+Z undoes a report edit, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes (text fields keep their own undo). */
function handleUndo(event: KeyboardEvent): void {
  const key = event.key.toLowerCase();
  if (key !== 'z' && key !== 'y') return;
  event.preventDefault();
  if (key === 'y' || event.shiftKey) redoReport();
  else undoReport();
}

/** Keys in an open dialog are the dialog's: no shortcut reaches past it (Esc must reach the dialog to close it). */
const inDialog = (target: EventTarget | null) => target instanceof Element && !!target.closest('dialog');

export function handleShortcut(event: KeyboardEvent): void {
  if (inDialog(event.target)) return;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !isTyping(event.target)) return handleUndo(event);
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  const shortcut = byKey.get(event.key.length === 1 ? event.key.toLowerCase() : event.key) ?? byKey.get(event.key);
  if (!shortcut) return;
  event.preventDefault();
  shortcut.run();
}

export function keyLabel(key: string): string {
  const names: Record<string, string> = { ' ': 'Space', ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };
  return names[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}
