// What the toolbar, the keys and the use-cases may ask of any viewport on screen, whether it shows a
// stack (ViewerController) or a plane of a volume (VolumeViewerController): one set of commands, so a
// key acts the same on whichever viewport is active.
import type { PrimaryTool } from './viewState';

export interface ImageViewer {
  /** Whether the image (of a stack) is shown by this viewport, or is a slice of the volume it shows. */
  showsImage(imageId: string): boolean;
  /** Shows a region (a box in the image's pixels) of one of its images. */
  showRegion(imageId: string, box: [number, number, number, number]): Promise<void>;
  setPrimaryTool(tool: PrimaryTool): void;
  scrollBy(delta: number): void;
  scrollTo(index: number): void;
  setWindow(width: number, center: number): void;
  toggleInvert(): void;
  rotateBy(degrees: number): void;
  flip(axis: 'horizontal' | 'vertical'): void;
  zoomBy(factor: number): void;
  reset(): void;
  /** Plays its slices (or frames) in a loop, as cine.ts does for its element; again, at the new rate. */
  playCine(framesPerSecond: number): void;
  /** Stops the cine; it stops by itself too when the viewport gets another series or is destroyed. */
  stopCine(): void;
  isCinePlaying(): boolean;
}
