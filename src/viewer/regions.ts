// The report's regions drawn on the viewer as Cornerstone3D rectangle annotations, kept in step
// both ways: the report decides which rectangles exist and where (also after undo); the reader
// selects, moves and resizes them with Cornerstone's own tool, and those changes go back to the
// report. An annotation's UID is its region's id, so no other mapping is kept. Rectangles the reader
// completes and moves arrive as the measurement service's region measurements (services/). Each
// viewer has its own layer, which draws the regions on the images of its stack only.
import { Enums, eventTarget, metaData, utilities as csUtils, type Types } from '@cornerstonejs/core';
import { annotation, Enums as ToolEnums, RectangleROITool, utilities as toolUtils } from '@cornerstonejs/tools';
import type { Box } from '../findings/box';
import type { RegionMeasurement } from '../report/measurement';
import { drawMeasurement } from './measuringTools';
import { boundingBox, type Measurement, type MeasurementEvent, type MeasurementService } from './services/measurementService';

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
  /** A measurement region: drawn with its measuring tool, not as a rectangle. */
  measurement?: RegionMeasurement;
}

/** What a measurement region is once the reader moved it: its tool's points and values as now measured. */
export type Remeasured = Pick<Measurement, 'tool' | 'points' | 'values' | 'calibrated' | 'caveat' | 'label'>;

/** The viewport each annotation was drawn on (Cornerstone names it when the annotation is added); a few bytes each, for the page. */
const drawnOnViewport = new Map<string, string>();

export interface RegionEvents {
  onSelect: (findingId: string | undefined) => void;
  onChange: (findingId: string, region: { id: string; imageId: string; box: Box; remeasured?: Remeasured }) => void;
  /** A region the reader drew with the region tool; returns the id of the finding it now belongs to. */
  onDrawn: (region: { id: string; imageId: string; box: Box }) => string;
}

type RectAnnotation = ReturnType<typeof annotation.state.getAllAnnotations>[number] & {
  metadata: { findingId?: string; referencedImageId?: string };
  data: { handles: { points: Types.Point3[] } };
};

function corners(imageId: string, [x0, y0, x1, y1]: Box): Types.Point3[] {
  // Cornerstone's rectangle order: top-left, top-right, bottom-left, bottom-right.
  return [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map((p) => csUtils.imageToWorldCoords(imageId, p as Types.Point2) as Types.Point3);
}

const boxOf = (imageId: string, points: Types.Point3[]): Box =>
  boundingBox(points.map((p) => csUtils.worldToImageCoords(imageId, p) as Types.Point2));

const sameBox = (a: Box, b: Box) => a.every((v, i) => Math.abs(v - b[i]) < 0.5);

/**
 * Non-zero while a layer changes annotations itself, so their events are not echoed back. Shared by
 * every layer: annotations and their selection are global in Cornerstone, across viewers.
 */
let syncing = 0;
function quietly(change: () => void): void {
  syncing++;
  try {
    change();
  } finally {
    syncing--;
  }
}

/**
 * One viewer's share of the report's regions: those on images of its own stack. Two viewers bound to
 * the same report (the current study beside a prior) each draw, move and select their own regions.
 */
export class RegionLayer {
  private readonly disposers: Array<() => void> = [];
  /** The annotations this layer drew or adopted (a region the reader drew on its viewer). */
  private readonly owned = new Set<string>();
  /** The last regions and selection it was given, drawn again when the viewer opens another stack. */
  private regions: RegionView[] = [];
  private selected: string | undefined;

  constructor(
    private readonly viewport: () => Types.IStackViewport,
    private readonly events: RegionEvents,
    /** The page's measurement service: the region tool's rectangles completed and moved come from there. */
    measurements: MeasurementService,
  ) {
    const measured = ({ type, measurement: m }: MeasurementEvent) => {
      if (syncing) return;
      if (m.kind === 'measurement') {
        // A finding's measurement moved or resized (or its statistics arrived): its values go to the report.
        if (type === 'modified' && this.owned.has(m.uid) && m.findingId) this.events.onChange(m.findingId, remeasuredRegion(m));
        return;
      }
      const region = { id: m.uid, imageId: m.imageId, box: m.box };
      if (type === 'modified' && this.owned.has(m.uid) && m.findingId) this.events.onChange(m.findingId, region);
      if (type !== 'completed' || m.findingId || !this.drawnHere(m)) return;
      const drawn = annotation.state.getAnnotation(m.uid) as RectAnnotation | undefined;
      if (!drawn) return;
      // Tag it first: the report update that follows syncs the layer, which must recognise it.
      drawn.metadata.findingId = 'pending';
      this.owned.add(m.uid);
      drawn.metadata.findingId = this.events.onDrawn(region);
      // The report selected the new finding while its annotation was still 'pending': select it now it is the finding's.
      this.select(this.selected);
    };
    const selection = () => {
      if (syncing) return;
      const selected = annotation.selection
        .getAnnotationsSelected()
        .map((uid) => annotation.state.getAnnotation(uid) as RectAnnotation | undefined)
        .filter((a) => a?.metadata.findingId);
      const mine = selected.find((a) => this.owned.has(a!.annotationUID!));
      // A region selected on another viewer is that viewer's to report.
      if (!mine && selected.length) return;
      this.events.onSelect(mine?.metadata.findingId);
    };
    const restack = () => {
      this.sync(this.regions);
      this.select(this.selected);
    };
    const added = (event: Event) => {
      const { annotation: added, viewportId } = (event as CustomEvent<{ annotation?: { annotationUID?: string }; viewportId?: string }>)
        .detail;
      if (added?.annotationUID && viewportId) drawnOnViewport.set(added.annotationUID, viewportId);
    };
    const { ANNOTATION_SELECTION_CHANGE, ANNOTATION_ADDED } = ToolEnums.Events;
    eventTarget.addEventListener(ANNOTATION_ADDED, added);
    const element = viewport().element;
    eventTarget.addEventListener(ANNOTATION_SELECTION_CHANGE, selection);
    element.addEventListener(Enums.Events.VIEWPORT_NEW_IMAGE_SET, restack);
    this.disposers.push(
      measurements.subscribe(measured),
      () => eventTarget.removeEventListener(ANNOTATION_SELECTION_CHANGE, selection),
      () => eventTarget.removeEventListener(ANNOTATION_ADDED, added),
      () => element.removeEventListener(Enums.Events.VIEWPORT_NEW_IMAGE_SET, restack),
    );
  }

  /**
   * Whether a region just drawn is this viewer's to report: the viewer it was drawn on, not another of
   * the grid showing the same image (else each would propose a finding for it).
   */
  private drawnHere(m: Measurement): boolean {
    const drawnOn = drawnOnViewport.get(m.uid);
    return drawnOn ? drawnOn === this.viewport().id : this.inStack(m.imageId);
  }

  private inStack(imageId: string): boolean {
    return this.viewport().getImageIds().includes(imageId);
  }

  private render(): void {
    toolUtils.triggerAnnotationRenderForViewportIds([this.viewport().id]);
  }

  /**
   * Makes the annotations match the report's regions on this viewer's images. The others stay in the
   * report: on another viewer or series, or on images not open in this session (a saved report whose
   * study is only partly open).
   */
  sync(allRegions: RegionView[]): void {
    this.regions = allRegions;
    const stack = new Set(this.viewport().getImageIds());
    const regions = allRegions.filter((r) => stack.has(r.imageId) && metaData.get('imagePlaneModule', r.imageId));
    quietly(() => {
      const wanted = new Map(regions.map((r) => [r.id, r]));
      for (const uid of this.owned) if (!wanted.has(uid)) this.remove(uid);
      for (const r of regions) {
        const a = annotation.state.getAnnotation(r.id) as RectAnnotation | undefined;
        if (r.measurement) this.syncMeasurement(r, r.measurement, a);
        else if (!a) {
          // Hydrated through this viewer, whose image gives the annotation its frame of reference.
          RectangleROITool.hydrate(this.viewport().id, corners(r.imageId, r.box), {
            annotationUID: r.id,
            referencedImageId: r.imageId,
            findingId: r.findingId,
          } as never);
        } else if (!sameBox(boxOf(r.imageId, a.data.handles.points), r.box)) {
          a.data.handles.points = corners(r.imageId, r.box);
          a.invalidated = true;
        }
        this.owned.add(r.id);
        annotation.config.style.setAnnotationStyles(r.id, {
          color: r.color,
          lineWidth: r.emphasised ? '4' : '2',
          lineDash: r.dashed ? '4,4' : '',
        } as never);
      }
      this.render();
    });
  }

  /**
   * A measurement region: the reader's own annotation adopted (a measurement made a finding), or
   * drawn again with its tool (a report reopened, another viewer); put back where the report says
   * after an undo.
   */
  private syncMeasurement(r: RegionView, m: RegionMeasurement, a: RectAnnotation | undefined): void {
    const element = this.viewport().element;
    if (!a) return drawMeasurement(element, r.id, r.imageId, m, { findingId: r.findingId });
    a.metadata.findingId = r.findingId;
    const now = a.data.handles.points.map((p) => csUtils.worldToImageCoords(r.imageId, p) as Types.Point2);
    const moved = now.length !== m.points.length || now.some((p, i) => Math.hypot(p[0] - m.points[i][0], p[1] - m.points[i][1]) > 0.5);
    if (!moved) return;
    a.data.handles.points = m.points.map((p) => csUtils.imageToWorldCoords(r.imageId, p as Types.Point2) as Types.Point3);
    a.invalidated = true;
  }

  /** Selects the finding's regions on this viewer (none for undefined), and no other annotation but other viewers' regions. */
  select(findingId: string | undefined): void {
    this.selected = findingId;
    quietly(() => {
      let changed = false;
      // Cornerstone cannot deselect an annotation that is gone (it may linger in the selection).
      const set = (uid: string, selected: boolean) => {
        if (!annotation.state.getAnnotation(uid) || selected === annotation.selection.isAnnotationSelected(uid)) return;
        annotation.selection.setAnnotationSelected(uid, selected, true);
        changed = true;
      };
      const findingOf = (uid: string) => (annotation.state.getAnnotation(uid) as RectAnnotation | undefined)?.metadata.findingId;
      for (const uid of annotation.selection.getAnnotationsSelected()) if (!findingOf(uid)) set(uid, false);
      for (const uid of this.owned) set(uid, findingId !== undefined && findingOf(uid) === findingId);
      if (changed) this.render();
    });
  }

  /** Removes an annotation of this layer, deselected first: Cornerstone cannot deselect one that is gone. */
  private remove(uid: string): void {
    if (annotation.state.getAnnotation(uid) && annotation.selection.isAnnotationSelected(uid)) annotation.selection.deselectAnnotation(uid);
    annotation.state.removeAnnotation(uid);
    this.owned.delete(uid);
  }

  destroy(): void {
    this.disposers.forEach((d) => d());
    quietly(() => this.owned.forEach((uid) => this.remove(uid)));
  }
}

function remeasuredRegion(m: Measurement): { id: string; imageId: string; box: Box; remeasured: Remeasured } {
  const { tool, points, values, calibrated, caveat, label } = m;
  return { id: m.uid, imageId: m.imageId, box: m.box, remeasured: { tool, points, values, calibrated, caveat, label } };
}
