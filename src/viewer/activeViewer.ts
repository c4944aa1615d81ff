// The active viewport's viewer (the current study's unless the reader clicked another viewport of the
// grid), reachable from toolbar buttons and keyboard shortcuts.
import type { ImageViewer } from './imageViewer';

let active: ImageViewer | undefined;

export function setActiveViewer(viewer: ImageViewer | undefined): void {
  active = viewer;
}

export function activeViewer(): ImageViewer | undefined {
  return active;
}
