// The current study's viewer (also when a prior is open beside it), reachable from toolbar buttons
// and keyboard shortcuts.
import type { ViewerController } from './ViewerController';

let active: ViewerController | undefined;

export function setActiveViewer(viewer: ViewerController | undefined): void {
  active = viewer;
}

export function activeViewer(): ViewerController | undefined {
  return active;
}
