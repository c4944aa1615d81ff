// Owns the Cornerstone3D rendering engine, the stack viewport and its tools.
// React only mounts it and calls commands; the viewer reports its state through
// `onChange` (like tldraw's editor, the live state stays outside React).
import { HeatmapLayer } from './heatmap';
import { Enums, RenderingEngine, eventTarget, utilities as csUtils, type Types } from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  PanTool,
  RectangleROITool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { ValueRange } from '../imaging/radiographWindow';
import { openingWindowOf } from './openingWindow';
import { voiRangeOf, windowOf } from './presets';
import { cornersOf, panToShow, rectAround } from './regionInView';
import { RegionLayer, type RegionEvents } from './regions';
import { measurementService } from './measurementFeed';
import { ARROW_CONFIGURATION, MEASURING_TOOLS, RECTANGLE_MEASURE } from './measuringTools';
import type { PrimaryTool, ViewState } from './viewState';
import type { ImageViewer } from './imageViewer';
import * as cine from './cine';

const TOOL_NAMES: Record<Exclude<PrimaryTool, 'Crosshairs'>, string> = {
  WindowLevel: WindowLevelTool.toolName,
  Pan: PanTool.toolName,
  Zoom: ZoomTool.toolName,
  Region: RectangleROITool.toolName,
  ...(Object.fromEntries(Object.entries(MEASURING_TOOLS).map(([tool, t]) => [tool, t.toolName])) as Record<string, string>),
} as Record<Exclude<PrimaryTool, 'Crosshairs'>, string>;

let instanceCounter = 0;

export class ViewerController implements ImageViewer {
  private readonly engine: RenderingEngine;
  private readonly viewportId: string;
  private readonly toolGroup: ToolTypes.IToolGroup;
  private primary: Exclude<PrimaryTool, 'Crosshairs'> = 'WindowLevel';
  private disposers: Array<() => void> = [];
  /** Run first when the viewer is destroyed, while its viewport still exists (links to another viewer). */
  private readonly beforeDestroy = new Set<() => void>();
  readonly playCine = (framesPerSecond: number) => cine.playCine(this.element, framesPerSecond);
  readonly stopCine = () => cine.stopCine(this.element);
  readonly isCinePlaying = () => cine.isCinePlaying(this.element);

  /** Cornerstone must be initialised first (initCornerstone). */
  constructor(
    private readonly element: HTMLDivElement,
    private readonly onChange: (view: ViewState) => void,
  ) {
    const id = ++instanceCounter;
    this.viewportId = `lucent-stack-${id}`;
    this.engine = new RenderingEngine(`lucent-engine-${id}`);
    this.engine.enableElement({
      viewportId: this.viewportId,
      type: Enums.ViewportType.STACK,
      element,
      defaultOptions: { background: [0, 0, 0] },
    });
    const group = ToolGroupManager.createToolGroup(`lucent-tools-${id}`);
    if (!group) throw new Error('could not create the tool group');
    this.toolGroup = group;
    // Report regions (RegionLayer) are drawn without the rectangle tool's own statistics and labels.
    for (const [tool, name] of Object.entries(TOOL_NAMES)) {
      if (name === RECTANGLE_MEASURE) group.addToolInstance(name, RectangleROITool.toolName);
      else if (tool === 'arrow') group.addTool(name, ARROW_CONFIGURATION);
      else group.addTool(name, tool === 'Region' ? { calculateStats: false, getTextLines: () => [] } : undefined);
    }
    group.addTool(StackScrollTool.toolName);
    group.addViewport(this.viewportId, this.engine.id);
    this.bindTools();
    this.listen();
  }

  get viewport(): Types.IStackViewport {
    return this.engine.getViewport(this.viewportId) as Types.IStackViewport;
  }

  /** Which viewport this is, as Cornerstone's synchronizers name one (each viewer has its own engine). */
  get viewportRef(): Types.IViewportId {
    return { renderingEngineId: this.engine.id, viewportId: this.viewportId };
  }

  /** Calls `dispose` before this viewer is destroyed; returns a function that cancels that. */
  onDestroy(dispose: () => void): () => void {
    this.beforeDestroy.add(dispose);
    return () => this.beforeDestroy.delete(dispose);
  }

  /** Whether the image is one of the stack on this viewer. */
  showsImage(imageId: string): boolean {
    return this.viewport.getImageIds().includes(imageId);
  }

  private bindTools(): void {
    const { MouseBindings } = ToolEnums;
    const g = this.toolGroup;
    // Right button zooms and middle pans whatever the primary tool, as in OHIF.
    for (const name of Object.values(TOOL_NAMES)) g.setToolPassive(name);
    g.setToolActive(TOOL_NAMES.Pan, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    g.setToolActive(TOOL_NAMES.Zoom, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    g.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    // The region tool is passive unless it is the primary tool: existing regions can still be
    // selected, moved and resized whatever the primary tool.
    g.setToolActive(TOOL_NAMES[this.primary], { bindings: [{ mouseButton: MouseBindings.Primary }] });
  }

  /** The report's regions on this viewer (see regions.ts). */
  createRegionLayer(events: RegionEvents): RegionLayer {
    return new RegionLayer(() => this.viewport, events, measurementService);
  }

  /** The heat map of where the model looked for a finding (see heatmap.ts). */
  createHeatmapLayer(): HeatmapLayer {
    return new HeatmapLayer(this.element, () => this.viewport);
  }

  /**
   * Shows a region (a box in image pixels): its image of the stack, keeping the zoom; the film moves
   * only when the box is out of view, and only as far as the film stays in view (regionInView.ts).
   */
  async showRegion(imageId: string, [x0, y0, x1, y1]: [number, number, number, number]): Promise<void> {
    const vp = this.viewport;
    const index = vp.getImageIds().indexOf(imageId);
    if (index < 0) return;
    if (index !== vp.getCurrentImageIdIndex()) await vp.setImageIdIndex(index);
    const image = vp.getCornerstoneImage();
    if (!image) return;
    const onCanvas = (box: number[]) =>
      rectAround(cornersOf(box).map((p) => vp.worldToCanvas(csUtils.imageToWorldCoords(imageId, p) as Types.Point3)));
    const box = onCanvas([x0, y0, x1, y1]);
    const film = onCanvas([0, 0, image.columns, image.rows]);
    const { clientWidth, clientHeight } = this.element;
    const [dx, dy] = panToShow(box, film, clientWidth, clientHeight);
    if (!dx && !dy) return;
    // What is now at the centre less the move comes to the centre: the film moves by (dx, dy).
    const from = vp.canvasToWorld([clientWidth / 2, clientHeight / 2]);
    const to = vp.canvasToWorld([clientWidth / 2 - dx, clientHeight / 2 - dy]);
    const { focalPoint, position } = vp.getCamera();
    if (!focalPoint || !position) return;
    const move = (p: Types.Point3) => p.map((v, i) => v + to[i] - from[i]) as Types.Point3;
    vp.setCamera({ focalPoint: move(focalPoint), position: move(position) });
    vp.render();
  }

  setPrimaryTool(tool: PrimaryTool): void {
    this.primary = tool === 'Crosshairs' ? 'WindowLevel' : tool; // crosshairs join volume planes, not stacks
    this.bindTools();
  }

  private listen(): void {
    const report = () => this.report();
    const events = [Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED, Enums.Events.IMAGE_RENDERED];
    for (const name of events) this.element.addEventListener(name, report);
    const failed = (event: Event) => {
      const detail = (event as CustomEvent<{ imageId: string; error: unknown }>).detail;
      if (!this.viewport.getImageIds().includes(detail.imageId)) return;
      this.lastError = describeLoadError(detail.error);
      this.report();
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_FAILED, failed);
    const blockMenu = (e: Event) => e.preventDefault();
    this.element.addEventListener('contextmenu', blockMenu);
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(this.element);
    this.disposers.push(
      () => events.forEach((name) => this.element.removeEventListener(name, report)),
      () => eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_FAILED, failed),
      () => this.element.removeEventListener('contextmenu', blockMenu),
      () => resize.disconnect(),
    );
  }

  private lastError: string | undefined;
  /** The window the stack opened with in place of its file's (#38), which Reset returns to. */
  private openingWindow: { imageId: string; range: ValueRange } | undefined;

  /**
   * Fits the viewport to its element again, keeping the zoom relative to the fitted image (and the
   * pan, rotation and flips): a viewer halved to make room for a prior still shows the whole image.
   * Cornerstone's own resize keeps the absolute scale, which would crop it.
   */
  private resize(): void {
    const vp = this.viewport;
    const presentation = vp.getImageIds().length ? vp.getViewPresentation({ zoom: true, pan: true }) : undefined;
    this.engine.resize(true, true);
    if (!presentation) return;
    vp.setViewPresentation(presentation);
    vp.render();
  }

  /** A radiograph whose file's window spans its whole range opens with one from its pixels instead (#38). */
  private applyOpeningWindow(): void {
    const range = openingWindowOf(this.viewport);
    this.openingWindow = range && { imageId: this.viewport.getCurrentImageId(), range };
    if (range) this.viewport.setProperties({ voiRange: range });
  }

  private report(): void {
    const vp = this.viewport;
    const imageIds = vp.getImageIds();
    const props = vp.getProperties();
    const presentation = vp.getViewPresentation({ rotation: true, flipHorizontal: true, flipVertical: true, zoom: true });
    const imageId = imageIds.length ? vp.getCurrentImageId() : undefined;
    this.onChange({
      imageId,
      sliceIndex: vp.getCurrentImageIdIndex(),
      sliceCount: imageIds.length,
      window: props.voiRange ? windowOf(props.voiRange) : undefined,
      zoom: presentation.zoom ?? 1,
      // Report inversion relative to the image's own photometry: MONOCHROME1 is displayed inverted by default.
      invert: !!props.invert !== !!(imageIds.length && vp.getCornerstoneImage()?.invert),
      rotation: presentation.rotation ?? 0,
      flipHorizontal: !!presentation.flipHorizontal,
      flipVertical: !!presentation.flipVertical,
      error: this.lastError,
    });
  }

  async showStack(imageIds: string[], index = 0): Promise<void> {
    this.lastError = undefined;
    try {
      await this.viewport.setStack(imageIds, Math.min(index, imageIds.length - 1));
      this.applyOpeningWindow();
    } catch (error) {
      this.lastError = describeLoadError(error);
    }
    this.viewport.render();
    this.report();
  }

  scrollBy(delta: number): void {
    this.scrollTo(this.viewport.getCurrentImageIdIndex() + delta);
  }

  scrollTo(index: number): void {
    const count = this.viewport.getImageIds().length;
    if (count === 0) return;
    const target = Math.max(0, Math.min(count - 1, index));
    if (target !== this.viewport.getCurrentImageIdIndex()) void this.viewport.setImageIdIndex(target);
  }

  setWindow(width: number, center: number): void {
    this.viewport.setProperties({ voiRange: voiRangeOf({ width, center }) });
    this.viewport.render();
  }

  toggleInvert(): void {
    this.viewport.setProperties({ invert: !this.viewport.getProperties().invert });
    this.viewport.render();
  }

  rotateBy(degrees: number): void {
    const rotation = this.viewport.getViewPresentation({ rotation: true }).rotation ?? 0;
    this.viewport.setViewPresentation({ rotation: (((rotation + degrees) % 360) + 360) % 360 });
    this.viewport.render();
  }

  flip(axis: 'horizontal' | 'vertical'): void {
    const p = this.viewport.getViewPresentation({ flipHorizontal: true, flipVertical: true });
    this.viewport.setViewPresentation(axis === 'horizontal' ? { flipHorizontal: !p.flipHorizontal } : { flipVertical: !p.flipVertical });
    this.viewport.render();
  }

  zoomBy(factor: number): void {
    this.viewport.setZoom(this.viewport.getZoom() * factor);
    this.viewport.render();
  }

  reset(): void {
    const vp = this.viewport;
    vp.resetProperties();
    // Back to the window the film opened with, not the file's that it replaced.
    if (this.openingWindow?.imageId === vp.getCurrentImageId()) vp.setProperties({ voiRange: this.openingWindow.range });
    vp.setViewPresentation({ rotation: 0, flipHorizontal: false, flipVertical: false });
    vp.resetCamera();
    vp.render();
    this.report();
  }

  destroy(): void {
    this.beforeDestroy.forEach((dispose) => dispose());
    this.beforeDestroy.clear();
    this.disposers.forEach((dispose) => dispose());
    // Detach the tools before the element goes, or their annotation renderer looks for an SVG layer that no longer exists.
    this.toolGroup.removeViewports(this.engine.id, this.viewportId);
    ToolGroupManager.destroyToolGroup(this.toolGroup.id);
    this.engine.destroy();
  }
}

export function describeLoadError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  const nested = (error as { error?: unknown; message?: unknown })?.error ?? (error as { message?: unknown })?.message;
  return nested ? describeLoadError(nested) : 'the image could not be decoded';
}
