// The report's regions drawn on the viewer as Cornerstone3D rectangle annotations, kept in step
// both ways: the report decides which rectangles exist and where (also after undo); the reader
// selects, moves and resizes them with Cornerstone's own tool, and those changes go back to the
// report. An annotation's UID is its region's id, so no other mapping is kept.
import { eventTarget, metaData, utilities as csUtils, type Types } from '@cornerstonejs/core';
import { annotation, Enums as ToolEnums, RectangleROITool, utilities as toolUtils } from '@cornerstonejs/tools';
import type { Box } from '../findings/box';

export interface RegionView {
  id: string;
  findingId: string;
  imageId: string;
  box: Box;
  color: string;
  /** Dashed: a rejected finding's regions, and regions the model proposed that the reader has not kept. */
  dashed: boolean;
  /** Drawn thicker: the finding under the reader's pointer in the report. */
  emphasised: boolean;
}

export interface RegionEvents {
  onSelect: (findingId: string | undefined) => void;
  onChange: (findingId: string, region: { id: string; imageId: string; box: Box }) => void;
  /** A region the reader drew with the region tool; returns the id of the finding it now belongs to. */
  onDrawn: (region: { id: string; imageId: string; box: Box }) => string;
}

type RectAnnotation = ReturnType<typeof annotation.state.getAllAnnotations>[number] & {
  metadata: { findingId?: string; referencedImageId?: string };
  data: { handles: { points: Types.Point3[] } };
};

const TOOL = RectangleROITool.toolName;

function corners(imageId: string, [x0, y0, x1, y1]: Box): Types.Point3[] {
  // Cornerstone's rectangle order: top-left, top-right, bottom-left, bottom-right.
  return [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map((p) => csUtils.imageToWorldCoords(imageId, p as Types.Point2) as Types.Point3);
}

function boxOf(imageId: string, points: Types.Point3[]): Box {
  const image = points.map((p) => csUtils.worldToImageCoords(imageId, p) as Types.Point2);
  const xs = image.map((p) => p[0]);
  const ys = image.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const sameBox = (a: Box, b: Box) => a.every((v, i) => Math.abs(v - b[i]) < 0.5);

export class RegionLayer {
  private readonly disposers: Array<() => void> = [];
  /** Set while this layer changes annotations itself, so their events are not echoed back. */
  private syncing = false;

  constructor(
    private readonly viewportId: string,
    private readonly events: RegionEvents,
  ) {
    const modified = (event: Event) => {
      const a = (event as CustomEvent<{ annotation: RectAnnotation }>).detail.annotation;
      if (this.syncing || a?.metadata.toolName !== TOOL || !a.metadata.findingId || !a.metadata.referencedImageId) return;
      const imageId = a.metadata.referencedImageId;
      this.events.onChange(a.metadata.findingId, { id: a.annotationUID!, imageId, box: boxOf(imageId, a.data.handles.points) });
    };
    const selection = () => {
      if (this.syncing) return;
      const selected = annotation.selection.getAnnotationsSelected().map((uid) => annotation.state.getAnnotation(uid) as RectAnnotation | undefined);
      this.events.onSelect(selected.find((a) => a?.metadata.findingId)?.metadata.findingId);
    };
    const completed = (event: Event) => {
      const a = (event as CustomEvent<{ annotation: RectAnnotation }>).detail.annotation;
      if (this.syncing || a?.metadata.toolName !== TOOL || a.metadata.findingId || !a.metadata.referencedImageId) return;
      const imageId = a.metadata.referencedImageId;
      // Tag it first: the report update that follows syncs the layer, which must recognise it.
      a.metadata.findingId = 'pending';
      a.metadata.findingId = this.events.onDrawn({ id: a.annotationUID!, imageId, box: boxOf(imageId, a.data.handles.points) });
    };
    const { ANNOTATION_MODIFIED, ANNOTATION_SELECTION_CHANGE, ANNOTATION_COMPLETED } = ToolEnums.Events;
    eventTarget.addEventListener(ANNOTATION_MODIFIED, modified);
    eventTarget.addEventListener(ANNOTATION_SELECTION_CHANGE, selection);
    eventTarget.addEventListener(ANNOTATION_COMPLETED, completed);
    this.disposers.push(
      () => eventTarget.removeEventListener(ANNOTATION_MODIFIED, modified),
      () => eventTarget.removeEventListener(ANNOTATION_SELECTION_CHANGE, selection),
      () => eventTarget.removeEventListener(ANNOTATION_COMPLETED, completed),
    );
  }

  private ours(): RectAnnotation[] {
    return (annotation.state.getAllAnnotations() as RectAnnotation[]).filter((a) => a.metadata.toolName === TOOL && a.metadata.findingId);
  }

  /**
   * Makes the annotations match the report's regions. Regions on images not open in this session
   * (a saved report whose study is only partly open) stay in the report but cannot be drawn.
   */
  sync(allRegions: RegionView[]): void {
    const regions = allRegions.filter((r) => metaData.get('imagePlaneModule', r.imageId));
    this.syncing = true;
    try {
      const wanted = new Map(regions.map((r) => [r.id, r]));
      for (const a of this.ours()) if (!wanted.has(a.annotationUID!)) annotation.state.removeAnnotation(a.annotationUID!);
      const existing = new Map(this.ours().map((a) => [a.annotationUID!, a]));
      for (const r of regions) {
        const a = existing.get(r.id);
        if (!a) {
          RectangleROITool.hydrate(this.viewportId, corners(r.imageId, r.box), { annotationUID: r.id, referencedImageId: r.imageId, findingId: r.findingId } as never);
        } else if (!sameBox(boxOf(r.imageId, a.data.handles.points), r.box)) {
          a.data.handles.points = corners(r.imageId, r.box);
          a.invalidated = true;
        }
        annotation.config.style.setAnnotationStyles(r.id, { color: r.color, lineWidth: r.emphasised ? '4' : '2', lineDash: r.dashed ? '4,4' : '' } as never);
      }
      toolUtils.triggerAnnotationRenderForViewportIds([this.viewportId]);
    } finally {
      this.syncing = false;
    }
  }

  /** Selects the finding's regions (none for undefined). */
  select(findingId: string | undefined): void {
    this.syncing = true;
    try {
      const uids = this.ours()
        .filter((a) => a.metadata.findingId === findingId)
        .map((a) => a.annotationUID!);
      const current = annotation.selection.getAnnotationsSelected();
      if (current.length === uids.length && uids.every((u) => current.includes(u))) return;
      annotation.selection.deselectAnnotation();
      uids.forEach((uid, i) => annotation.selection.setAnnotationSelected(uid, true, i > 0));
      toolUtils.triggerAnnotationRenderForViewportIds([this.viewportId]);
    } finally {
      this.syncing = false;
    }
  }

  destroy(): void {
    this.disposers.forEach((d) => d());
    for (const a of this.ours()) annotation.state.removeAnnotation(a.annotationUID!);
  }
}
