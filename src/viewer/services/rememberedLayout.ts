// The reader's own layout for the studies a hanging rule lays out: when the reader changes the layout, or
// the series in a viewport, of a study laid out by a rule, Lucent keeps that choice for the rule and lays
// the next study it matches out the same way. What is kept is the choice, not the series: per viewport,
// what its series is (the opened one, or its description, modality and view), so it applies to another
// study of the same kind, whose series have other UIDs.
import type { Series, Study } from '../../dicom/studies';
import { chooseDisplaySets, type HangingContext, type RuleViewport, type SeriesChoice } from './hangingProtocol';
import {
  gridOf,
  isLayoutId,
  ORIENTATIONS,
  type DisplaySet,
  type DisplayWindow,
  type LayoutId,
  type Orientation,
  type ViewportGrid,
} from './viewportGrid';

export interface RememberedViewport {
  study: 'current' | 'prior';
  /** It showed the series the reader opened: it shows the opened series again. */
  active?: boolean;
  /** It showed the series of this earlier viewport (another plane of it): it shows whatever that one finds. */
  sameAs?: number;
  description: string;
  modality: string;
  viewPosition?: string;
  orientation?: Orientation;
  window?: DisplayWindow;
}

export interface RememberedLayout {
  layout: LayoutId;
  /** In reading order; null for an empty viewport (the choice is kept as JSON in the browser). */
  viewports: Array<RememberedViewport | null>;
}

function seriesOf(context: HangingContext, displaySet: DisplaySet): Series | undefined {
  const study: Study | undefined = displaySet.role === 'prior' ? context.prior : context.current;
  return study?.uid === displaySet.studyUID ? study.series.find((s) => s.uid === displaySet.seriesUID) : undefined;
}

/** The grid on screen as a choice that another study of the same kind can be laid out by. */
export function rememberGrid(grid: ViewportGrid, context: HangingContext): RememberedLayout {
  const viewports = grid.viewports.map(({ displaySet }, index): RememberedViewport | null => {
    const series = displaySet && seriesOf(context, displaySet);
    if (!displaySet || !series) return null;
    const active = displaySet.role === 'current' && series.uid === context.activeSeriesUID;
    const earlier = grid.viewports.findIndex(
      (v) => v.displaySet?.seriesUID === series.uid && v.displaySet.studyUID === displaySet.studyUID,
    );
    const sameAs = !active && earlier < index ? earlier : undefined;
    const viewPosition = series.instances[0]?.header.viewPosition || undefined;
    const { orientation, window } = displaySet;
    const kind = { description: series.description, modality: series.modality, viewPosition };
    return { study: displaySet.role, active: active || undefined, sameAs, ...kind, orientation, window };
  });
  return { layout: grid.layout, viewports };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The series choices that find a remembered viewport's series again: the opened one, the same description, the same kind. */
function choicesOf(v: RememberedViewport): SeriesChoice[] {
  const kind = { modality: [v.modality], ...(v.viewPosition ? { viewPosition: [v.viewPosition] } : {}) };
  // The same series may be shown again (the reader had it twice); another of its kind only if not shown yet.
  const same = { ...kind, description: `^${escapeRegExp(v.description)}$`, again: true };
  return v.active ? ['active', same, kind] : [same, kind];
}

/** The remembered choice applied to this context; a viewport whose series is not found stays empty. */
export function applyRemembered(remembered: RememberedLayout, context: HangingContext): ViewportGrid {
  const viewports = remembered.viewports.map((v): RuleViewport | undefined =>
    v && v.sameAs === undefined ? { study: v.study, series: choicesOf(v), orientation: v.orientation, window: v.window } : undefined,
  );
  const found = chooseDisplaySets(viewports, context);
  const displaySets = found.map((own, i) => {
    const v = remembered.viewports[i];
    const same = v?.sameAs !== undefined ? found[v.sameAs] : undefined;
    return same ? { ...same, orientation: v?.orientation, window: v?.window } : own;
  });
  return gridOf(remembered.layout, displaySets);
}

/** A remembered choice read back from the browser's storage; undefined when it is not one (an older or damaged entry). */
export function asRememberedLayout(value: unknown): RememberedLayout | undefined {
  const r = value as RememberedLayout | undefined;
  if (!r || !isLayoutId(r.layout) || !Array.isArray(r.viewports)) return undefined;
  const fine = (v: RememberedViewport | null) =>
    v === null ||
    ((v.study === 'current' || v.study === 'prior') &&
      typeof v.description === 'string' &&
      typeof v.modality === 'string' &&
      (v.orientation === undefined || ORIENTATIONS.includes(v.orientation)));
  return r.viewports.every(fine) ? r : undefined;
}
