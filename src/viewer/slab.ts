// A slab: how many millimetres of the volume one plane shows at once, and how they are projected —
// the maximum (MIP: vessels, nodules), the minimum (MinIP: airways, emphysema) or the mean (a thick
// average, smoothing noise). A thin plane shows one slice's worth, as acquired.
export type SlabMode = 'thin' | 'mip' | 'minip' | 'average';

export interface Slab {
  mode: SlabMode;
  /** Thickness in mm; ignored when thin. */
  thicknessMm: number;
}

export const THIN: Slab = { mode: 'thin', thicknessMm: 0 };

export const SLAB_MODES: Array<{ mode: SlabMode; label: string }> = [
  { mode: 'thin', label: 'Thin' },
  { mode: 'mip', label: 'MIP' },
  { mode: 'minip', label: 'MinIP' },
  { mode: 'average', label: 'Average' },
];

/** Thicknesses offered (mm): common reading slabs for lung nodules (5–10), vessels and airways (10–20), overviews (30+). */
export const SLAB_THICKNESSES = [3, 5, 10, 15, 20, 30, 50];

/** The slab as the overlay states it: "MIP 10 mm", or nothing for a thin plane. */
export function slabLabel(slab: Slab): string {
  if (slab.mode === 'thin') return '';
  const name = SLAB_MODES.find((m) => m.mode === slab.mode)!.label;
  return `${name} ${Number(slab.thicknessMm.toFixed(1))} mm`;
}
