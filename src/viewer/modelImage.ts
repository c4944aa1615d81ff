// The decoded pixels of a displayed image, as the model runtime needs them. Cornerstone has
// already decoded the image (in its own workers, whatever the transfer syntax); this copies the
// pixels and the display parameters the manifest's preprocessing names.
import { imageLoader, metaData } from '@cornerstonejs/core';
import type { GreyscaleImage } from '../imaging/greyscaleImage';

const first = (v: unknown): number | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
};

export async function modelImageOf(imageId: string): Promise<GreyscaleImage> {
  const image = await imageLoader.loadAndCacheImage(imageId);
  if ((image.numberOfComponents ?? 1) !== 1) throw new Error('The model reads greyscale radiographs; this image is in colour.');
  const voi = metaData.get('voiLutModule', imageId) as { windowCenter?: number | number[]; windowWidth?: number | number[] } | undefined;
  const pixelModule = metaData.get('imagePixelModule', imageId) as { photometricInterpretation?: string } | undefined;
  const center = first(voi?.windowCenter);
  const width = first(voi?.windowWidth);
  // When the loader pre-applied the modality rescale, the pixels are already in output units.
  const scaled = !!image.preScale?.scaled;
  return {
    key: imageId,
    // A copy, transferred to the worker; Cornerstone's cache keeps the original.
    stored: image.getPixelData().slice(),
    rows: image.rows,
    cols: image.columns,
    display: {
      slope: scaled ? 1 : (image.slope ?? 1),
      intercept: scaled ? 0 : (image.intercept ?? 0),
      window: center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined,
      monochrome1: (pixelModule?.photometricInterpretation ?? image.photometricInterpretation) === 'MONOCHROME1',
    },
  };
}
