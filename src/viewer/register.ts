// Hands a validated local file to Cornerstone3D: the image loader reads pixels from the
// File, and the metadata registry gets the Part 10 bytes it parses lazily.
import { metaData } from '@cornerstonejs/core';
import { wadors, wadouri } from '@cornerstonejs/dicom-image-loader';
import { utilities } from '@cornerstonejs/metadata';
import type { DicomJson } from '../dicom/dicomJson';
import type { InstanceHeader } from '../dicom/instanceHeader';

/** Image planes Lucent supplies itself, for files whose own geometry would break rendering. */
const planeOverrides = new Map<string, object>();
let overrideProviderAdded = false;

/**
 * Files with Pixel Spacing 0\0 (seen in public sample sets) give Cornerstone a NaN camera and a
 * black viewport. For files without a usable spacing, describe the plane with 1 mm pixels and
 * flag it as default values, which is what Cornerstone does when the attribute is absent.
 */
function overridePlaneWhereSpacingIsUnusable(imageId: string, header: InstanceHeader): void {
  if (header.pixelSpacing) return;
  if (!overrideProviderAdded) {
    metaData.addProvider((type: string, id: string) => (type === 'imagePlaneModule' ? planeOverrides.get(id) : undefined), 10000);
    overrideProviderAdded = true;
  }
  const orientation = header.imageOrientationPatient ?? [1, 0, 0, 0, 1, 0];
  planeOverrides.set(imageId, {
    frameOfReferenceUID: header.frameOfReferenceUID,
    rows: header.rows,
    columns: header.columns,
    imageOrientationPatient: orientation,
    rowCosines: orientation.slice(0, 3),
    columnCosines: orientation.slice(3, 6),
    imagePositionPatient: header.imagePositionPatient ?? [0, 0, 0],
    pixelSpacing: [1, 1],
    rowPixelSpacing: 1,
    columnPixelSpacing: 1,
    usingDefaultValues: true,
  });
}

export async function registerLocalInstance(file: File, buffer: ArrayBuffer, header: InstanceHeader): Promise<string[]> {
  const imageId = wadouri.fileManager.add(file);
  await utilities.addDicomPart10Instance(imageId, buffer);
  const imageIds =
    header.numberOfFrames <= 1 ? [imageId] : Array.from({ length: header.numberOfFrames }, (_, k) => `${imageId}?frame=${k + 1}`);
  for (const id of imageIds) overridePlaneWhereSpacingIsUnusable(id, header);
  return imageIds;
}

/**
 * An instance the PACS described (WADO-RS metadata): its frames become `wadors:` image ids that
 * Cornerstone loads one by one when shown or prefetched; nothing is downloaded here.
 */
export function registerPacsInstance(json: DicomJson, header: InstanceHeader, frameUrl: (frame: number) => string): string[] {
  const imageIds = Array.from({ length: header.numberOfFrames }, (_, k) => `wadors:${frameUrl(k + 1)}`);
  for (const id of imageIds) {
    wadors.metaDataManager.add(id, json as unknown as Parameters<typeof wadors.metaDataManager.add>[1]);
    overridePlaneWhereSpacingIsUnusable(id, header);
  }
  return imageIds;
}
