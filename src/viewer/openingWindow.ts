// The window a radiograph opens with on the viewer (#38): its file's, unless that spans the film's
// whole range with the film crowded into a small part of it (the NEMA CR sample's W 30000 / L 15000);
// then one from the pixels (imaging/radiographWindow.ts). A film without a window keeps Cornerstone's
// min..max: the 8-bit NIH films, already windowed when they were made, look right that way.
import { metaData, type Types } from '@cornerstonejs/core';
import { radiographWindow, type ValueRange } from '../imaging/radiographWindow';

/** Projection radiographs; CT and MR windows are chosen for their tissue and kept. */
const RADIOGRAPHS = new Set(['CR', 'DX', 'MG', 'RG', 'IO', 'PX']);

/** The window to open the viewport's image with instead of the one it has; undefined to keep that one. */
export function openingWindowOf(vp: Types.IStackViewport): ValueRange | undefined {
  const image = vp.getCornerstoneImage();
  const current = vp.getProperties().voiRange;
  if (!image || image.color || !current) return undefined;
  const modality = (metaData.get('generalSeriesModule', image.imageId) as { modality?: string } | undefined)?.modality;
  if (!modality || !RADIOGRAPHS.has(modality)) return undefined;
  const voiLut = metaData.get('voiLutModule', image.imageId) as { windowWidth?: number | number[] } | undefined;
  if ([voiLut?.windowWidth ?? []].flat()[0] === undefined) return undefined;
  // voiRange is in modality units: pixels the loader has not rescaled are rescaled here.
  const scaled = !!image.preScale?.scaled;
  return radiographWindow(image.getPixelData(), current, scaled ? 1 : image.slope, scaled ? 0 : image.intercept);
}
