// The viewport grid, as OHIF's ViewportGridService keeps it: a layout of rows and columns, what each
// viewport shows (a series of a study, as the current study or as a prior beside it), and which one
// is active (the toolbar and the keys act on it). Plain data and pure functions: the hanging protocol
// (hangingProtocol.ts) makes a grid when a study opens, and the screens draw whatever grid they get.

export const LAYOUTS = {
  '1x1': { rows: 1, columns: 1 },
  '1x2': { rows: 1, columns: 2 },
  '2x1': { rows: 2, columns: 1 },
  '2x2': { rows: 2, columns: 2 },
  '1x3': { rows: 1, columns: 3 },
} as const;

export type LayoutId = keyof typeof LAYOUTS;

export const isLayoutId = (value: unknown): value is LayoutId => typeof value === 'string' && value in LAYOUTS;

/** The plane a viewport shows of a series reconstructed as a volume (MPR); none: the series as acquired. */
export type Orientation = 'axial' | 'coronal' | 'sagittal';

export const ORIENTATIONS: readonly Orientation[] = ['axial', 'coronal', 'sagittal'];

/** A window in modality units (HU for CT). */
export interface DisplayWindow {
  width: number;
  center: number;
}

/** The series a viewport shows, and whether its study is the one reported or a prior compared with. */
export interface DisplaySet {
  studyUID: string;
  seriesUID: string;
  role: 'current' | 'prior';
  orientation?: Orientation;
  /** The window it opens with (a protocol's lung window); none: the image's own. */
  window?: DisplayWindow;
  /**
   * The first viewport holds the current study's stack, so a plane there is the stack as acquired; with
   * this set it shows the plane reconstructed from the volume too (MPR of the series: slabs on every plane).
   */
  volumePlane?: boolean;
}

export interface Viewport {
  /** Stable within a grid: 'viewport-1', 'viewport-2', … in reading order (rows, then columns). */
  id: string;
  displaySet: DisplaySet | undefined;
}

export interface ViewportGrid {
  layout: LayoutId;
  viewports: Viewport[];
  activeViewportId: string;
}

const viewportId = (index: number) => `viewport-${index + 1}`;

export const cellCount = (layout: LayoutId) => LAYOUTS[layout].rows * LAYOUTS[layout].columns;

/** A grid of the layout showing the display sets in reading order; cells beyond them stay empty. */
export function gridOf(layout: LayoutId, displaySets: Array<DisplaySet | undefined>): ViewportGrid {
  const viewports = Array.from({ length: cellCount(layout) }, (_, i) => ({ id: viewportId(i), displaySet: displaySets[i] }));
  return { layout, viewports, activeViewportId: viewports[0].id };
}

/** The same display sets in another layout: those that no longer fit are dropped, new cells are empty. */
export function withLayout(grid: ViewportGrid, layout: LayoutId): ViewportGrid {
  const next = gridOf(
    layout,
    grid.viewports.map((v) => v.displaySet),
  );
  const active = next.viewports.some((v) => v.id === grid.activeViewportId) ? grid.activeViewportId : next.activeViewportId;
  return { ...next, activeViewportId: active };
}

/** The grid with one viewport showing another display set (or nothing). */
export function assign(grid: ViewportGrid, id: string, displaySet: DisplaySet | undefined): ViewportGrid {
  if (!grid.viewports.some((v) => v.id === id)) return grid;
  return { ...grid, viewports: grid.viewports.map((v) => (v.id === id ? { ...v, displaySet } : v)) };
}

/** The grid with another viewport active; an unknown id changes nothing. */
export function activate(grid: ViewportGrid, id: string): ViewportGrid {
  return grid.viewports.some((v) => v.id === id) ? { ...grid, activeViewportId: id } : grid;
}

/** The viewports that show something, each with its display set. */
export function filledViewports(grid: ViewportGrid): Array<Viewport & { displaySet: DisplaySet }> {
  return grid.viewports.filter((v): v is Viewport & { displaySet: DisplaySet } => v.displaySet !== undefined);
}
