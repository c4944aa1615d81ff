// Hands a validated local file to Cornerstone3D: the image loader reads pixels from the
// File, and the metadata registry gets the Part 10 bytes it parses lazily.
import { wadouri } from '@cornerstonejs/dicom-image-loader';
import { utilities } from '@cornerstonejs/metadata';
import type { InstanceHeader } from './header';

export async function registerLocalInstance(file: File, buffer: ArrayBuffer, header: InstanceHeader): Promise<string[]> {
  const imageId = wadouri.fileManager.add(file);
  await utilities.addDicomPart10Instance(imageId, buffer);
  if (header.numberOfFrames <= 1) return [imageId];
  return Array.from({ length: header.numberOfFrames }, (_, k) => `${imageId}?frame=${k + 1}`);
}
