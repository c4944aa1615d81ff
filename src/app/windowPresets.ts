// The window presets of the active viewport's series, by its modality and body part (presetsFor), for the
// toolbar's pick list and keys 1–9: a CT's on a CT, none on an MR or a radiograph.
import type { Series } from '../dicom/studies';
import { findSeries, useAppStore } from '../store/appStore';
import { activeViewer } from '../viewer/activeViewer';
import { CT_PRESETS, HEAD_CT_PRESETS, presetsFor, type WindowPreset } from '../viewer/presets';

/** The body part is its first instance's Body Part Examined (a series is of one part). */
export function seriesPresets(series: Series | undefined): WindowPreset[] {
  return presetsFor(series?.modality, series?.instances[0]?.header.bodyPartExamined);
}

/** Sets the active viewport's window to its series' preset on `key`; nothing when the series has none there. */
export function applyWindowPreset(key: string): void {
  const { studies, activeSeriesUID } = useAppStore.getState();
  const preset = seriesPresets(findSeries(studies, activeSeriesUID)?.series).find((p) => p.key === key);
  if (preset) activeViewer()?.setWindow(preset.width, preset.center);
}

const described = (p: WindowPreset) => `${p.name} (W ${p.width} / L ${p.center})`;

/** What each preset key does, for the help: a body CT's preset and a head CT's. */
export function presetKeyLabels(): Array<{ key: string; label: string }> {
  const keys = [...new Set([...CT_PRESETS, ...HEAD_CT_PRESETS].map((p) => p.key))].sort();
  return keys.map((key) => {
    const [body, head] = [CT_PRESETS, HEAD_CT_PRESETS].map((list) => list.find((p) => p.key === key));
    const parts = [body && `Window preset: ${described(body)}`, head && `on a head CT: ${described(head)}`].filter(Boolean);
    const note = key === '1' ? ' (CT only: an MR or a radiograph has no presets)' : '';
    return { key, label: parts.join('; ') + note };
  });
}
