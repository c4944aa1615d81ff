import { utilities } from '@cornerstonejs/core';

// Window/level presets (width/centre in modality units, HU for CT), as radiologists use them.
// Keys 1–6 follow OHIF's order for the first five.
export interface WindowPreset {
  key: string;
  name: string;
  width: number;
  center: number;
}

export const CT_PRESETS: WindowPreset[] = [
  { key: '1', name: 'Soft tissue', width: 400, center: 40 },
  { key: '2', name: 'Lung', width: 1500, center: -600 },
  { key: '3', name: 'Liver', width: 150, center: 90 },
  { key: '4', name: 'Bone', width: 2500, center: 480 },
  { key: '5', name: 'Brain', width: 80, center: 40 },
  { key: '6', name: 'Mediastinum', width: 350, center: 50 },
];

// Cornerstone's conversions follow the DICOM linear VOI function (PS3.3 C.11.2.1.2),
// where a window of width W spans W - 1 stored values.
export function voiRangeOf(preset: { width: number; center: number }): { lower: number; upper: number } {
  return utilities.windowLevel.toLowHighRange(preset.width, preset.center);
}

export function windowOf(range: { lower: number; upper: number }): { width: number; center: number } {
  const { windowWidth, windowCenter } = utilities.windowLevel.toWindowLevel(range.lower, range.upper);
  return { width: windowWidth, center: windowCenter };
}
