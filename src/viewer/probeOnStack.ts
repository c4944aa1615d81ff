// A workaround for Cornerstone3D 5.14's probe on a stack: it reads the image at z = the image's
// index in its stack, from a voxel manager that holds that one image, so on any image but a stack's
// first it finds no value (and draws none). Lucent reads the value at the probe's column and row of
// that image the way the tool would (the modality LUT applied: HU on CT) and gives it back to the
// tool's statistics, so the image and the measurements panel show it. Remove once Cornerstone reads
// the stack's image at z = 0.
import { cache, metaData } from '@cornerstonejs/core';
import { utilities as toolUtils } from '@cornerstonejs/tools';

type ProbeStats = Record<string, unknown> & {
  index?: number[];
  value?: unknown;
  Modality?: string;
  modalityUnit?: string;
};

/** The probe's statistics with its value filled in where the tool found none; unchanged otherwise. */
export function probeStatsOnStack(imageId: string, stats: ProbeStats): ProbeStats {
  if (typeof stats.value === 'number' || !stats.index) return stats;
  const image = cache.getImage(imageId) as
    | {
        columns: number;
        rows: number;
        preScale?: { scaled?: boolean };
        voxelManager?: { getAtIJK(i: number, j: number, k: number): unknown };
      }
    | undefined;
  const [i, j] = stats.index;
  if (!image?.voxelManager || i < 0 || j < 0 || i >= image.columns || j >= image.rows) return stats;
  const stored = Number(image.voxelManager.getAtIJK(i, j, 0));
  const lut = metaData.get('modalityLutModule', imageId) as { rescaleSlope?: number; rescaleIntercept?: number } | undefined;
  const scaled = image.preScale?.scaled ?? false;
  const value = scaled ? stored : stored * (lut?.rescaleSlope ?? 1) + (lut?.rescaleIntercept ?? 0);
  const modalityUnit = toolUtils.getPixelValueUnitsImageId(imageId, { isPreScaled: true, isSuvScaled: false });
  return Object.assign(stats, { value, modalityUnit });
}
