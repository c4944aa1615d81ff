// A stack beside reformatted planes of the same series (a chest CT hung as the axial stack, where the
// report's regions and measurements live, with coronal and sagittal planes of its volume): scrolling
// the stack moves the planes' crosshair centre to its slice, and each plane draws where that slice
// lies; a crosshairs click on a plane brings the stack to the slice nearest the point clicked. The crosshairs tool
// only joins volume planes, so the link is made here, over the images' positions in the patient.
import { Enums, getRenderingEngine, metaData, type Types } from '@cornerstonejs/core';
import { CrosshairsTool } from '@cornerstonejs/tools';
import type { SlicePlane, VolumeGroup } from './mpr';

/** What the link needs of a stack viewer (ViewerController). */
export interface LinkableStack {
  readonly viewportRef: Types.IViewportId;
  scrollTo(index: number): void;
  onDestroy(dispose: () => void): () => void;
}

const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: number[], b: number[]): Types.Point3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

function planeOf(imageId: string): SlicePlane | undefined {
  const plane = metaData.get('imagePlaneModule', imageId) as
    { imagePositionPatient?: number[]; rowCosines?: number[]; columnCosines?: number[] } | undefined;
  if (!plane?.imagePositionPatient || !plane.rowCosines || !plane.columnCosines) return undefined;
  return { point: plane.imagePositionPatient as Types.Point3, normal: cross(plane.rowCosines, plane.columnCosines) };
}

/** The stack image whose slice lies nearest to a point. */
export function nearestSlice(imageIds: string[], point: number[]): number {
  let best = -1;
  let bestDistance = Infinity;
  imageIds.forEach((id, index) => {
    const plane = planeOf(id);
    if (!plane) return;
    const distance = Math.abs(dot(plane.normal, point) - dot(plane.normal, plane.point));
    if (distance < bestDistance) [best, bestDistance] = [index, distance];
  });
  return best;
}

function stackViewport({ renderingEngineId, viewportId }: Types.IViewportId): Types.IStackViewport | undefined {
  return getRenderingEngine(renderingEngineId)?.getViewport(viewportId) as Types.IStackViewport | undefined;
}

/** Links a stack with a volume's planes both ways; returns the unlink. */
export function linkStackToPlanes(stack: LinkableStack, group: VolumeGroup): () => void {
  const viewport = () => stackViewport(stack.viewportRef);
  const crosshairs = () => group.toolGroup.getToolInstance(CrosshairsTool.toolName) as CrosshairsTool | undefined;

  const stackMoved = () => {
    const vp = viewport();
    const plane = vp && planeOf(vp.getCurrentImageId());
    if (!plane) return;
    group.showStackSlice(plane);
    // The crosshairs' centre keeps its place in the slice and comes onto the stack's slice.
    const centre = crosshairs()?.toolCenter as Types.Point3 | undefined;
    if (centre) {
      const along = dot(plane.normal, plane.point) - dot(plane.normal, centre);
      if (Math.abs(along) > 1e-3) group.centreOn(centre.map((c, i) => c + along * plane.normal[i]) as Types.Point3);
    }
  };

  const planeClicked = (world: Types.Point3) => {
    const vp = viewport();
    if (!vp) return;
    const index = nearestSlice(vp.getImageIds(), world);
    if (index >= 0 && index !== vp.getCurrentImageIdIndex()) stack.scrollTo(index);
  };

  const element = viewport()?.element;
  element?.addEventListener(Enums.Events.STACK_NEW_IMAGE, stackMoved);
  const stopPlanes = group.onCrosshairsClick(planeClicked);
  stackMoved();
  const unlink = () => {
    element?.removeEventListener(Enums.Events.STACK_NEW_IMAGE, stackMoved);
    stopPlanes();
    group.showStackSlice(undefined);
  };
  const cancel = stack.onDestroy(unlink);
  return () => {
    cancel();
    unlink();
  };
}

const shared = new Map<VolumeGroup, { stack: LinkableStack; users: number; unlink: () => void }>();

/** The link of a stack with a volume's planes, made once however many planes ask; the last to let go ends it. */
export function shareStackLink(stack: LinkableStack, group: VolumeGroup): () => void {
  let link = shared.get(group);
  if (link && link.stack !== stack) {
    link.unlink();
    link = undefined;
  }
  link ??= { stack, users: 0, unlink: linkStackToPlanes(stack, group) };
  shared.set(group, link);
  link.users++;
  const mine = link;
  return () => {
    if (--mine.users > 0 || shared.get(group) !== mine) return;
    mine.unlink();
    shared.delete(group);
  };
}
