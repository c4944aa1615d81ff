// Cine on the active viewport, from the toolbar and the N key, at the frame rate the reader chose.
import { useCineStore } from '../store/cineStore';
import { activeViewer } from '../viewer/activeViewer';

/** Plays the active viewport's slices in a loop, or stops them when they play. */
export function toggleCine(): void {
  const viewer = activeViewer();
  if (!viewer) return;
  if (viewer.isCinePlaying()) viewer.stopCine();
  else viewer.playCine(useCineStore.getState().framesPerSecond);
}

/** Keeps the rate for the next cine, and plays the one running at it at once. */
export function setCineRate(framesPerSecond: number): void {
  useCineStore.getState().setFramesPerSecond(framesPerSecond);
  const viewer = activeViewer();
  if (viewer?.isCinePlaying()) viewer.playCine(useCineStore.getState().framesPerSecond);
}
