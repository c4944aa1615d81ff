// One plane (axial, coronal or sagittal) of a series' volume, in an orthographic volume viewport of
// the shared plane engine (mpr.ts). It answers the same commands as a stack viewer (ImageViewer), adds
// slabs, and reports its state through `onChange`, as ViewerController does.
import { Enums, utilities as csUtils, type Types } from '@cornerstonejs/core';
import * as cine from './cine';
import type { ImageViewer } from './imageViewer';
import {
  leaveVolumeGroup,
  ORIENTATION_AXIS,
  planeEngine,
  volumeGroup,
  type PlaneOrientation,
  type SlicePlane,
  type VolumeGroup,
} from './mpr';
import { voiRangeOf, windowOf } from './presets';
import { THIN, type Slab } from './slab';
import type { PrimaryTool, ViewState } from './viewState';

export interface PlaneState extends ViewState {
  orientation: PlaneOrientation;
  slab: Slab;
}

const BLEND_MODES: Record<Slab['mode'], Enums.BlendModes> = {
  thin: Enums.BlendModes.COMPOSITE,
  mip: Enums.BlendModes.MAXIMUM_INTENSITY_BLEND,
  minip: Enums.BlendModes.MINIMUM_INTENSITY_BLEND,
  average: Enums.BlendModes.AVERAGE_INTENSITY_BLEND,
};

let planeCounter = 0;

export class VolumeViewerController implements ImageViewer {
  readonly viewportId = `lucent-plane-${++planeCounter}`;
  readonly group: VolumeGroup;
  private disposers: Array<() => void> = [];
  private openingWindow: { width: number; center: number } | undefined;

  /** Cornerstone must be initialised first; `imageIds` are the series' (the volume sorts them itself). */
  constructor(
    private readonly element: HTMLDivElement,
    readonly orientation: PlaneOrientation,
    seriesUID: string,
    imageIds: string[],
    private readonly onChange: (state: PlaneState) => void,
  ) {
    planeEngine().enableElement({
      viewportId: this.viewportId,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      element,
      defaultOptions: { orientation: ORIENTATION_AXIS[orientation], background: [0, 0, 0] },
    });
    this.group = volumeGroup(seriesUID, imageIds);
    this.group.join(this.viewportId, orientation);
    this.listen();
  }

  get viewport(): Types.IVolumeViewport {
    return planeEngine().getViewport(this.viewportId) as Types.IVolumeViewport;
  }

  /** Shows the volume (streaming in) on this plane, at a window if one is given (e.g. the hanging rule's lung window). */
  async show(window?: { width: number; center: number }): Promise<void> {
    await this.group.load();
    await this.viewport.setVolumes([{ volumeId: this.group.volumeId }]);
    this.openingWindow = window;
    if (window) this.viewport.setProperties({ voiRange: voiRangeOf(window) });
    // The crosshairs find the planes' centre anew now that this one has its volume.
    this.group.bindTools();
    this.viewport.render();
    this.report();
  }

  private listen(): void {
    const report = () => this.report();
    const events = [Enums.Events.VOLUME_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED, Enums.Events.IMAGE_RENDERED];
    for (const name of events) this.element.addEventListener(name, report);
    const blockMenu = (e: Event) => e.preventDefault();
    this.element.addEventListener('contextmenu', blockMenu);
    const resize = new ResizeObserver(() => planeEngine().resize(true, true));
    resize.observe(this.element);
    this.disposers.push(
      () => events.forEach((name) => this.element.removeEventListener(name, report)),
      () => this.element.removeEventListener('contextmenu', blockMenu),
      () => resize.disconnect(),
    );
  }

  private report(): void {
    const vp = this.viewport;
    if (!vp.hasVolumeId(this.group.volumeId)) return;
    const props = vp.getProperties();
    const presentation = vp.getViewPresentation({ rotation: true, flipHorizontal: true, flipVertical: true, zoom: true });
    this.onChange({
      orientation: this.orientation,
      slab: this.currentSlab(),
      // A plane of the acquisition shows one acquired image; a reformatted one none.
      imageId: vp.getCurrentImageId(),
      sliceIndex: vp.getSliceIndex(),
      sliceCount: vp.getNumberOfSlices(),
      window: props?.voiRange ? windowOf(props.voiRange) : undefined,
      zoom: presentation.zoom ?? 1,
      invert: !!props?.invert,
      rotation: presentation.rotation ?? 0,
      flipHorizontal: !!presentation.flipHorizontal,
      flipVertical: !!presentation.flipVertical,
      error: undefined,
    });
  }

  /** The slab as the viewport draws it (the crosshairs' slab handles change it too). */
  private currentSlab(): Slab {
    const vp = this.viewport;
    const mode = (Object.keys(BLEND_MODES) as Array<Slab['mode']>).find((m) => BLEND_MODES[m] === vp.getBlendMode()) ?? 'thin';
    return mode === 'thin' ? THIN : { mode, thicknessMm: vp.getSlabThickness() };
  }

  /**
   * Where a slice plane (a linked stack's) crosses this plane, as a line on the element (CSS pixels),
   * or undefined when the two are parallel. World points map onto the canvas affinely: solve n·W = n·p there.
   */
  lineOf(slice: SlicePlane): { x1: number; y1: number; x2: number; y2: number } | undefined {
    const vp = this.viewport;
    const { clientWidth: w, clientHeight: h } = this.element;
    if (!w || !h) return undefined;
    const n = slice.normal;
    const along = (p: Types.Point3) => n[0] * p[0] + n[1] * p[1] + n[2] * p[2];
    const origin = along(vp.canvasToWorld([0, 0]));
    const a = (along(vp.canvasToWorld([w, 0])) - origin) / w;
    const b = (along(vp.canvasToWorld([0, h])) - origin) / h;
    const c = along(slice.point) - origin;
    if (Math.abs(a) < 1e-9 && Math.abs(b) < 1e-9) return undefined;
    if (Math.abs(b) >= Math.abs(a)) return { x1: 0, y1: c / b, x2: w, y2: (c - a * w) / b };
    return { x1: c / a, y1: 0, x2: (c - b * h) / a, y2: h };
  }

  setSlab(slab: Slab): void {
    const vp = this.viewport;
    vp.setBlendMode(BLEND_MODES[slab.mode]);
    if (slab.mode === 'thin') vp.resetSlabThickness();
    else vp.setSlabThickness(slab.thicknessMm);
    vp.render();
    this.report();
  }

  showsImage(imageId: string): boolean {
    return this.viewport.hasImageURI?.(imageId) ?? false;
  }

  /** Brings the plane (and, through the crosshairs, the others) through the centre of a region of one of the volume's images. */
  async showRegion(imageId: string, [x0, y0, x1, y1]: [number, number, number, number]): Promise<void> {
    const centre = csUtils.imageToWorldCoords(imageId, [(x0 + x1) / 2, (y0 + y1) / 2]) as Types.Point3 | undefined;
    if (!centre) return;
    this.group.centreOn(centre);
    this.throughPoint(centre);
  }

  /** Moves this plane along its normal so that it passes through the point, keeping the zoom and pan. */
  private throughPoint(point: Types.Point3): void {
    const { focalPoint, position, viewPlaneNormal } = this.viewport.getCamera();
    if (!focalPoint || !position || !viewPlaneNormal) return;
    const along = viewPlaneNormal.reduce((sum, n, i) => sum + n * (point[i] - focalPoint[i]), 0);
    const move = (p: Types.Point3) => p.map((v, i) => v + along * viewPlaneNormal[i]) as Types.Point3;
    this.viewport.setCamera({ focalPoint: move(focalPoint), position: move(position) });
    this.viewport.render();
  }

  readonly playCine = (fps: number) => cine.playCine(this.element, fps);
  readonly stopCine = () => cine.stopCine(this.element);
  readonly isCinePlaying = () => cine.isCinePlaying(this.element);

  setPrimaryTool(tool: PrimaryTool): void {
    // Measuring and region tools act on stacks (their values and the report's regions are per image).
    this.group.setPrimaryTool(tool === 'Pan' || tool === 'Zoom' || tool === 'Crosshairs' ? tool : 'WindowLevel');
  }

  scrollBy(delta: number): void {
    csUtils.scroll(this.viewport as unknown as Types.IViewport, { delta, volumeId: this.group.volumeId });
  }

  scrollTo(index: number): void {
    const count = this.viewport.getNumberOfSlices();
    if (!count) return;
    void csUtils.jumpToSlice(this.element, { imageIndex: Math.max(0, Math.min(count - 1, index)) });
  }

  setWindow(width: number, center: number): void {
    this.viewport.setProperties({ voiRange: voiRangeOf({ width, center }) });
    this.viewport.render();
  }

  toggleInvert(): void {
    this.viewport.setProperties({ invert: !this.viewport.getProperties()?.invert });
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

  /** Back to the plane as it opened: its orientation through the volume's centre, thin, at the opening window. */
  reset(): void {
    const vp = this.viewport;
    vp.setOrientation(ORIENTATION_AXIS[this.orientation]);
    vp.resetProperties();
    if (this.openingWindow) vp.setProperties({ voiRange: voiRangeOf(this.openingWindow) });
    this.setSlab(THIN);
    vp.resetCamera();
    this.group.bindTools();
    vp.render();
    this.report();
  }

  destroy(): void {
    this.disposers.forEach((dispose) => dispose());
    leaveVolumeGroup(this.group, this.viewportId);
    planeEngine().disableElement(this.viewportId);
  }
}
