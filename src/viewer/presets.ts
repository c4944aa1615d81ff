import { utilities } from '@cornerstonejs/core';

// Window/level presets (width/centre in modality units, HU for CT), as radiologists use them, on keys 1–9.
export interface WindowPreset {
  key: string;
  name: string;
  width: number;
  center: number;
}

// Sources: soft tissue, lung, liver, bone and brain are OHIF's CT presets (same values, and keys 1–5 in
// its order, which Lucent's keys 1–6 have followed since they came); mediastinum 350/50 and abdomen 400/50
// are commonly used values, and subdural 200/75 and stroke 40/40 lie within the ranges Radiopaedia's
// "Windowing (CT)" gives. Keys 1–6 keep their place on a body CT, so a reader's habits carry over.
const SOFT_TISSUE = { name: 'Soft tissue', width: 400, center: 40 };
const LUNG = { name: 'Lung', width: 1500, center: -600 };
const LIVER = { name: 'Liver', width: 150, center: 90 };
const BONE = { name: 'Bone', width: 2500, center: 480 };
const BRAIN = { name: 'Brain', width: 80, center: 40 };
const MEDIASTINUM = { name: 'Mediastinum', width: 350, center: 50 };
const ABDOMEN = { name: 'Abdomen', width: 400, center: 50 };
const SUBDURAL = { name: 'Subdural', width: 200, center: 75 };
const STROKE = { name: 'Stroke', width: 40, center: 40 };

const keyed = (presets: Array<Omit<WindowPreset, 'key'>>): WindowPreset[] => presets.map((p, i) => ({ key: String(i + 1), ...p }));

/** A CT of the chest, abdomen, or of no stated part: keys 1–6 as before, abdomen added. */
export const CT_PRESETS: WindowPreset[] = keyed([SOFT_TISSUE, LUNG, LIVER, BONE, BRAIN, MEDIASTINUM, ABDOMEN]);

/** A CT of the head: the brain's windows first, then bone (fractures) and the scalp's soft tissue. */
export const HEAD_CT_PRESETS: WindowPreset[] = keyed([BRAIN, SUBDURAL, STROKE, BONE, SOFT_TISSUE]);

/** Body Part Examined (0018,0015) defined terms (PS3.16 Annex L) for which the head's windows come first. */
const HEAD_PARTS = new Set(['HEAD', 'BRAIN', 'SKULL']);

/**
 * The presets for a series of this modality and body part. Only CT pixels are in absolute units (HU),
 * so only a CT has presets: an MR's values, or a radiograph's, depend on the scanner and the sequence or
 * exposure, and a window of HU would mean nothing on them (an empty list, and keys 1–9 do nothing).
 */
export function presetsFor(modality: string | undefined, bodyPart: string | undefined): WindowPreset[] {
  if (modality?.trim().toUpperCase() !== 'CT') return [];
  return HEAD_PARTS.has(bodyPart?.trim().toUpperCase() ?? '') ? HEAD_CT_PRESETS : CT_PRESETS;
}

// Cornerstone's conversions follow the DICOM linear VOI function (PS3.3 C.11.2.1.2),
// where a window of width W spans W - 1 stored values.
export function voiRangeOf(preset: { width: number; center: number }): { lower: number; upper: number } {
  return utilities.windowLevel.toLowHighRange(preset.width, preset.center);
}

export function windowOf(range: { lower: number; upper: number }): { width: number; center: number } {
  const { windowWidth, windowCenter } = utilities.windowLevel.toWindowLevel(range.lower, range.upper);
  return { width: windowWidth, center: windowCenter };
}
