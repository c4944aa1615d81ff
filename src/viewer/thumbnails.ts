// Series thumbnails, drawn by Cornerstone onto a canvas.
import { utilities } from '@cornerstonejs/core';

/** Draws one image of a series into the canvas; rejects when it cannot be decoded. */
export async function drawThumbnail(canvas: HTMLCanvasElement, imageId: string): Promise<void> {
  await utilities.loadImageToCanvas({ canvas, imageId, thumbnail: true });
  // The helper sizes the canvas to the image; the box around it scales it to fit.
  canvas.style.width = '';
  canvas.style.height = '';
}
