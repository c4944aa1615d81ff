// The pieces that the planes of one volume share: the volume itself (Cornerstone's streaming volume,
// its frames decoded in the image loader's workers and streamed as they arrive), one rendering engine
// for every plane on screen, and one tool group per volume whose crosshairs tie its planes together.
// A plane (VolumeViewerController) joins its volume's group and leaves it; the last to leave frees
// the volume and the tools.
import { cache, Enums, eventTarget, RenderingEngine, volumeLoader, type Types } from '@cornerstonejs/core';
import {
  CrosshairsTool,
  Enums as ToolEnums,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import type { Types as ToolTypes } from '@cornerstonejs/tools';
import type { Series } from '../dicom/studies';
import { fitsBudget, volumeFitOf } from '../dicom/volumeFit';
import { cacheBudgetMB, MIB } from './prefetch';

export type PlaneOrientation = 'axial' | 'coronal' | 'sagittal';

export const ORIENTATION_AXIS: Record<PlaneOrientation, Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  coronal: Enums.OrientationAxis.CORONAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
};

/** Each plane's reference line in the others, in the colours OHIF and most PACS use. */
export const PLANE_COLORS: Record<PlaneOrientation, string> = {
  axial: 'rgb(220, 60, 60)',
  coronal: 'rgb(60, 200, 60)',
  sagittal: 'rgb(230, 200, 40)',
};

/** The left button's tools on a plane: navigation and the crosshairs (measuring happens on stacks). */
export type PlaneTool = 'WindowLevel' | 'Pan' | 'Zoom' | 'Crosshairs';

const TOOL_NAMES: Record<PlaneTool, string> = {
  WindowLevel: WindowLevelTool.toolName,
  Pan: PanTool.toolName,
  Zoom: ZoomTool.toolName,
  Crosshairs: CrosshairsTool.toolName,
};

/** Where a stack's current slice lies: a point of it and its normal (see stackPlaneLink.ts). */
export interface SlicePlane {
  point: Types.Point3;
  normal: Types.Point3;
}

export interface VolumeProgress {
  loaded: number;
  total: number;
  failed: number;
}

const megabytes = (bytes: number) => `${Number((bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0))} MB`;

/** Why a series is not read as a volume (volumeFit.ts), or would not fit the image memory budget; undefined when it is. */
export function whyNoVolume(series: Pick<Series, 'modality' | 'instances' | 'imageIds'>): string | undefined {
  const fit = volumeFitOf(series);
  if (!fit.fits) return fit.reason;
  const budget = cacheBudgetMB();
  if (!fitsBudget(fit.bytes, budget))
    return `as a volume it needs ${megabytes(fit.bytes)}, more than the image memory budget of ${budget} MB`;
  return undefined;
}

let engine: RenderingEngine | undefined;

/** One engine draws every plane (Cornerstone shares its WebGL context among the viewports of an engine). */
export function planeEngine(): RenderingEngine {
  engine ??= new RenderingEngine('lucent-planes');
  return engine;
}

export const volumeIdOf = (seriesUID: string) => `cornerstoneStreamingImageVolume:lucent-${seriesUID}`;

/** The planes of one volume: its streaming load and its tool group. */
export class VolumeGroup {
  readonly volumeId: string;
  readonly toolGroup: ToolTypes.IToolGroup;
  private readonly planes = new Map<string, PlaneOrientation>();
  private readonly progressListeners = new Set<(progress: VolumeProgress) => void>();
  private loading: Promise<Types.IImageVolume> | undefined;
  /** Stops a load still streaming when the last plane goes (no frames fetched for a volume nobody shows). */
  private stopLoading: (() => void) | undefined;
  progress: VolumeProgress;
  private primary: PlaneTool = 'WindowLevel';
  private readonly clickListeners = new Set<(world: Types.Point3) => void>();
  private readonly stackSliceListeners = new Set<(slice: SlicePlane | undefined) => void>();
  private planeDisposers = new Map<string, () => void>();
  /** The slice of a stack linked with these planes (stackPlaneLink.ts), which each plane draws. */
  stackSlice: SlicePlane | undefined;

  constructor(
    readonly seriesUID: string,
    private readonly imageIds: string[],
  ) {
    this.volumeId = volumeIdOf(seriesUID);
    this.progress = { loaded: 0, total: imageIds.length, failed: 0 };
    const group = ToolGroupManager.createToolGroup(`lucent-mpr-${seriesUID}`);
    if (!group) throw new Error('could not create the tool group of the volume');
    this.toolGroup = group;
    for (const name of Object.values(TOOL_NAMES)) {
      if (name === CrosshairsTool.toolName)
        group.addTool(name, {
          getReferenceLineColor: (viewportId: string) => PLANE_COLORS[this.planes.get(viewportId) ?? 'axial'],
          getReferenceLineControllable: () => true,
          getReferenceLineDraggableRotatable: () => true,
          getReferenceLineSlabThicknessControlsOn: () => true,
        });
      else group.addTool(name);
    }
    group.addTool(StackScrollTool.toolName);
  }

  /** Starts the volume's load once; the frames stream in the background, each plane renders as they arrive. */
  load(): Promise<Types.IImageVolume> {
    this.loading ??= (async () => {
      const volume = await volumeLoader.createAndCacheVolume(this.volumeId, { imageIds: this.imageIds });
      const onFrame = (event: Event) => {
        const detail = (event as CustomEvent<{ volumeId: string; framesProcessed: number }>).detail;
        if (detail.volumeId !== this.volumeId) return;
        this.report({ ...this.progress, loaded: detail.framesProcessed - this.progress.failed });
      };
      eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onFrame);
      this.stopLoading = () => {
        eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onFrame);
        (volume as unknown as { cancelLoading?: () => void }).cancelLoading?.();
      };
      (volume as unknown as { load: (done: (e: { success: boolean; framesProcessed: number }) => void) => void }).load((e) => {
        if (!e.success) this.report({ ...this.progress, failed: this.progress.failed + 1 });
        if (e.framesProcessed >= this.progress.total) eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onFrame);
      });
      return volume;
    })();
    return this.loading;
  }

  onProgress(listener: (progress: VolumeProgress) => void): () => void {
    this.progressListeners.add(listener);
    listener(this.progress);
    return () => this.progressListeners.delete(listener);
  }

  private report(progress: VolumeProgress): void {
    this.progress = progress;
    this.progressListeners.forEach((listener) => listener(progress));
  }

  join(viewportId: string, orientation: PlaneOrientation): void {
    this.planes.set(viewportId, orientation);
    // A click with the crosshairs sends every plane to the point clicked. With two planes the tool keeps its
    // centre's third coordinate, so the point itself is passed on (to a stack linked beside, stackPlaneLink.ts).
    const viewport = planeEngine().getViewport(viewportId);
    const element = viewport.element;
    let down: [number, number] | undefined;
    const pressed = (e: MouseEvent) => (down = [e.clientX, e.clientY]);
    const released = (e: MouseEvent) => {
      const click = down && Math.hypot(e.clientX - down[0], e.clientY - down[1]) < 4;
      if (!click || this.primary !== 'Crosshairs') return;
      const box = element.getBoundingClientRect();
      const world = viewport.canvasToWorld([e.clientX - box.left, e.clientY - box.top]);
      this.clickListeners.forEach((listener) => listener(world));
    };
    element.addEventListener('mousedown', pressed);
    element.addEventListener('mouseup', released);
    this.planeDisposers.set(viewportId, () => {
      element.removeEventListener('mousedown', pressed);
      element.removeEventListener('mouseup', released);
    });
    this.toolGroup.addViewport(viewportId, planeEngine().id);
    this.bindTools();
  }

  /** Returns whether it was the last plane (the group is then destroyed). */
  leave(viewportId: string): boolean {
    this.planes.delete(viewportId);
    this.planeDisposers.get(viewportId)?.();
    this.planeDisposers.delete(viewportId);
    this.toolGroup.removeViewports(planeEngine().id, viewportId);
    if (this.planes.size > 0) {
      this.bindTools();
      return false;
    }
    ToolGroupManager.destroyToolGroup(this.toolGroup.id);
    if (this.progress.loaded + this.progress.failed < this.progress.total) this.stopLoading?.();
    cache.removeVolumeLoadObject(this.volumeId);
    return true;
  }

  setPrimaryTool(tool: PlaneTool): void {
    this.primary = tool;
    this.bindTools();
  }

  /**
   * Binds the buttons as on stacks (right zooms, middle pans, wheel scrolls). The crosshairs stay on
   * (passive: their lines show and can be dragged) wherever two planes can cross; setting their mode
   * again makes the tool find the planes' centre anew, which it must each time a plane joins.
   */
  bindTools(): void {
    const { MouseBindings } = ToolEnums;
    const g = this.toolGroup;
    for (const name of Object.values(TOOL_NAMES)) g.setToolPassive(name);
    if (this.planes.size < 2) g.setToolDisabled(CrosshairsTool.toolName);
    g.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    g.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    g.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    const primary = this.primary === 'Crosshairs' && this.planes.size < 2 ? 'WindowLevel' : this.primary;
    g.setToolActive(TOOL_NAMES[primary], { bindings: [{ mouseButton: MouseBindings.Primary }] });
  }

  /** Calls back with the point of the patient that a crosshairs click on a plane went to. */
  onCrosshairsClick(listener: (world: Types.Point3) => void): () => void {
    this.clickListeners.add(listener);
    return () => this.clickListeners.delete(listener);
  }

  onStackSlice(listener: (slice: SlicePlane | undefined) => void): () => void {
    this.stackSliceListeners.add(listener);
    listener(this.stackSlice);
    return () => this.stackSliceListeners.delete(listener);
  }

  showStackSlice(slice: SlicePlane | undefined): void {
    this.stackSlice = slice;
    this.stackSliceListeners.forEach((listener) => listener(slice));
  }

  /** Moves the crosshairs' centre (and so every plane) to a point of the patient. */
  centreOn(world: Types.Point3): void {
    const crosshairs = this.toolGroup.getToolInstance(CrosshairsTool.toolName) as CrosshairsTool | undefined;
    if (this.planes.size >= 2 && crosshairs) crosshairs.setToolCenter(world);
  }
}

const groups = new Map<string, VolumeGroup>();

/** The group of a series' volume, made on first use. */
export function volumeGroup(seriesUID: string, imageIds: string[]): VolumeGroup {
  let group = groups.get(seriesUID);
  if (!group) {
    group = new VolumeGroup(seriesUID, imageIds);
    groups.set(seriesUID, group);
  }
  return group;
}

/** A plane leaves its group; the last one frees the volume and its tools. */
export function leaveVolumeGroup(group: VolumeGroup, viewportId: string): void {
  if (group.leave(viewportId)) groups.delete(group.seriesUID);
}
