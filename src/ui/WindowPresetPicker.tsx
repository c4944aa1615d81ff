// The toolbar's window presets: those of the active viewport's series (a CT's by its body part), or a
// disabled list saying that its modality has none.
import { applyWindowPreset, seriesPresets } from '../app/windowPresets';
import { findSeries, useAppStore } from '../store/appStore';

export function WindowPresetPicker() {
  const series = useAppStore((s) => findSeries(s.studies, s.activeSeriesUID)?.series);
  const presets = seriesPresets(series);
  if (!presets.length)
    return (
      <select
        aria-label="Window preset"
        disabled
        title="Presets are in HU: a CT's only"
        className="w-32 rounded bg-neutral-800 px-1 py-1 text-xs"
      >
        <option>No presets for {series?.modality || 'this image'}</option>
      </select>
    );
  return (
    <select
      aria-label="Window preset"
      className="w-32 rounded bg-neutral-800 px-1 py-1 text-xs"
      value=""
      onChange={(e) => applyWindowPreset(e.target.value)}
    >
      <option value="">Window preset…</option>
      {presets.map((p) => (
        <option key={p.key} value={p.key}>
          {p.key} · {p.name} ({p.width}/{p.center})
        </option>
      ))}
    </select>
  );
}
