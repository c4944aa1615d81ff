// Cine: a viewport's slices (a stack's images, a multi-frame file's frames, or a volume's planes) played in
// a loop, through Cornerstone's playClip and stopClip (5.14 has no CineTool). Any viewer controller,
// stack or volume, plays and stops its element through here, and the toolbar follows through `subscribeCine`.
// A clip stops by itself when its viewport gets another series or is destroyed.
import { Enums, StackViewport, eventTarget, getEnabledElement } from '@cornerstonejs/core';
import { utilities } from '@cornerstonejs/tools';

const MAX_CINE_FPS = 60;

const listeners = new Set<() => void>();
/** What stops each playing element's clip and forgets its listeners. */
const playing = new Map<HTMLDivElement, () => void>();

const changed = () => listeners.forEach((listener) => listener());

/** Calls `listener` whenever a clip starts or stops; returns the unsubscribe. */
export function subscribeCine(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isCinePlaying(element: HTMLDivElement): boolean {
  return playing.has(element);
}

/**
 * Plays the element's slices in a loop at `framesPerSecond` (1–60) from the slice on screen; called again, at
 * the new rate. A stack of one image has nothing to play.
 */
export function playCine(element: HTMLDivElement, framesPerSecond: number): void {
  const viewport = getEnabledElement(element)?.viewport;
  if (!viewport) return;
  const fps = Math.max(1, Math.min(MAX_CINE_FPS, Math.round(framesPerSecond) || 1));
  // A stack's new series replaces its array of image ids before its first image loads (setStack); the
  // clip, which counted the old stack, stops there, before it can step through the new one.
  const ids = viewport instanceof StackViewport ? viewport.getImageIds() : undefined;
  if (ids && ids.length < 2) return;
  playing.get(element)?.();
  utilities.cine.playClip(element, { framesPerSecond: fps, loop: true });
  const onNewImage = () => ids !== undefined && (viewport as StackViewport).getImageIds() !== ids && stopCine(element);
  const onNewVolume = () => stopCine(element);
  const onDisabled = (event: Event) => (event as CustomEvent<{ element: HTMLElement }>).detail.element === element && stopCine(element);
  const onStopped = () => stopCine(element);
  const { Events } = Enums;
  const stopped = utilities.cine.Events.CLIP_STOPPED;
  element.addEventListener(Events.PRE_STACK_NEW_IMAGE, onNewImage);
  element.addEventListener(Events.VOLUME_VIEWPORT_NEW_VOLUME, onNewVolume);
  element.addEventListener(stopped, onStopped);
  eventTarget.addEventListener(Events.ELEMENT_DISABLED, onDisabled);
  playing.set(element, () => {
    playing.delete(element);
    element.removeEventListener(Events.PRE_STACK_NEW_IMAGE, onNewImage);
    element.removeEventListener(Events.VOLUME_VIEWPORT_NEW_VOLUME, onNewVolume);
    element.removeEventListener(stopped, onStopped);
    eventTarget.removeEventListener(Events.ELEMENT_DISABLED, onDisabled);
    // Its viewport id finds the clip also while the element is being disabled.
    utilities.cine.stopClip(element, { stopDynamicCine: true, viewportId: viewport.id });
  });
  changed();
}

export function stopCine(element: HTMLDivElement): void {
  const stop = playing.get(element);
  if (!stop) return;
  stop();
  changed();
}
