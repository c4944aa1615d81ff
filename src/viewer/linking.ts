// Two viewers linked side by side (the current study and a prior): window/level, zoom and pan both
// ways, and scrolling slice for slice when the two series have the same geometry. Built on
// Cornerstone3D's synchronizers, which name each viewport with its own rendering engine, so they span
// the two ViewerControllers' engines. In 5.14 the VOI synchronizer works across engines, but the
// built-in zoom/pan and image-slice callbacks look the source viewport up in the target's engine
// (and find nothing), so those two are plain callbacks here over the same synchronizer machinery.
import { Enums, getRenderingEngine, type Types } from '@cornerstonejs/core';
import { SynchronizerManager, synchronizers, type Synchronizer } from '@cornerstonejs/tools';
import { scrollTogether } from '../dicom/geometry';
import type { Series } from '../dicom/studies';

/** What linking needs of a viewer (ViewerController). */
export interface Linkable {
  readonly viewportRef: Types.IViewportId;
  onDestroy(dispose: () => void): () => void;
}

type Link = Pick<Series, 'instances' | 'imageIds'>;

/** Whether linking two series links their scrolling too (see src/dicom/geometry.ts). */
export function scrollLinkable(a: Link | undefined, b: Link | undefined): boolean {
  return !!a && !!b && scrollTogether(a, b);
}

function stackOf({ renderingEngineId, viewportId }: Types.IViewportId): Types.IStackViewport | undefined {
  return getRenderingEngine(renderingEngineId)?.getViewport(viewportId) as Types.IStackViewport | undefined;
}

function syncZoomPan(_: Synchronizer, source: Types.IViewportId, target: Types.IViewportId): void {
  const from = stackOf(source);
  const to = stackOf(target);
  if (!from || !to) return;
  // Zoom is relative to the image fitted in its viewport, so images of different sizes zoom alike.
  to.setZoom(from.getZoom());
  to.setPan(from.getPan());
  to.render();
}

/**
 * Scrolling: the other viewer moves by the same number of slices, keeping the offset between the two
 * that the reader had when linking. The image each move shows comes back as that viewer's own
 * event; it is recognised by its index and not sent back (the synchronizer's own guard covers only
 * changes made while its callback runs, and images load later).
 */
function syncSlices(a: Types.IViewportId, b: Types.IViewportId) {
  const offset = (stackOf(b)?.getCurrentImageIdIndex() ?? 0) - (stackOf(a)?.getCurrentImageIdIndex() ?? 0);
  const requested = new Map<string, number>();
  return (_: Synchronizer, source: Types.IViewportId, target: Types.IViewportId, event: Event): void => {
    const index = (event as CustomEvent<{ imageIdIndex: number }>).detail.imageIdIndex;
    if (requested.get(source.viewportId) === index) {
      requested.delete(source.viewportId);
      return;
    }
    const to = stackOf(target);
    if (!to) return;
    const wanted = index + (source.viewportId === a.viewportId ? offset : -offset);
    const clamped = Math.max(0, Math.min(to.getImageIds().length - 1, wanted));
    if (clamped === to.getCurrentImageIdIndex()) return;
    requested.set(target.viewportId, clamped);
    to.setImageIdIndex(clamped).catch(() => requested.delete(target.viewportId));
  };
}

let linkCount = 0;

/**
 * Links the two viewers until the returned function is called, or either viewer is destroyed.
 * `scroll`: link scrolling too (only for series of the same geometry: see scrollLinkable).
 */
export function linkViewers(a: Linkable, b: Linkable, { scroll }: { scroll: boolean }): () => void {
  const id = ++linkCount;
  const [refA, refB] = [a.viewportRef, b.viewportRef];
  // The invert state is not shared: a MONOCHROME1 film beside a MONOCHROME2 one shows inverted by default.
  const links: Synchronizer[] = [
    synchronizers.createVOISynchronizer(`lucent-voi-${id}`, { syncInvertState: false, syncColormap: false }),
    SynchronizerManager.createSynchronizer(`lucent-zoom-pan-${id}`, Enums.Events.CAMERA_MODIFIED, syncZoomPan),
  ];
  if (scroll)
    links.push(SynchronizerManager.createSynchronizer(`lucent-slices-${id}`, Enums.Events.STACK_NEW_IMAGE, syncSlices(refA, refB)));
  for (const link of links) {
    link.add(refA);
    link.add(refB);
  }
  let linked = true;
  const unlink = () => {
    if (!linked) return;
    linked = false;
    cancels.forEach((cancel) => cancel());
    // Detach from both viewports while they still exist, then forget the synchronizers.
    for (const link of links) {
      link.remove(refA);
      link.remove(refB);
      SynchronizerManager.destroySynchronizer(link.id);
    }
  };
  const cancels = [a.onDestroy(unlink), b.onDestroy(unlink)];
  return unlink;
}
