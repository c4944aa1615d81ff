// Hanging protocols, as OHIF's HangingProtocolService applies them: rules written as data
// (hangingProtocols.json, or a file of the same shape) that lay a study out when it opens. The first
// rule whose match holds for the series the reader opened gives the layout and, per viewport, which
// series of the current study or of the prior to show. Plain TypeScript over the loaded studies.
import { firstImageSeries, type Series, type Study } from '../../dicom/studies';
import bundled from './hangingProtocols.json';
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

/**
 * Which series a viewport shows: the one the reader opened, the study's first with images, the next with
 * images that no viewport before it shows (an MR's sequences in turn), or the first that matches and no
 * viewport before it shows (so an opened T2 is not shown twice; `again: true` lets it show one again).
 */
export type SeriesChoice =
  'active' | 'firstImage' | 'nextImage' | { description?: string; viewPosition?: string[]; modality?: string[]; again?: boolean };

export interface RuleMatch {
  modality?: string[];
  bodyPart?: string[];
  viewPosition?: string[];
  /** A regular expression (case-insensitive) on the series description. */
  seriesDescription?: string;
  /** True: only with a prior open beside; false: only without one. */
  withPrior?: boolean;
  /** True: only when every viewport finds its series (a PA with no lateral falls through to the next rule). */
  everySeriesFound?: boolean;
}

export interface RuleViewport {
  study: 'current' | 'prior';
  /** Tried in turn; the first that finds a series is shown. */
  series: SeriesChoice[];
  /** Shown as this plane of the series reconstructed as a volume. */
  orientation?: Orientation;
  /** The window it opens with (e.g. lung: width 1500, center -600). */
  window?: DisplayWindow;
}

export interface HangingRule {
  id: string;
  name: string;
  match: RuleMatch;
  layout: LayoutId;
  /** In reading order; each takes the first of its series choices that finds a series. */
  viewports: RuleViewport[];
}

export interface HangingContext {
  current: Study;
  /** The series the reader opened, of the current study. */
  activeSeriesUID: string;
  prior?: Study;
}

const headerOf = (series: Series) => series.instances[0]?.header;
const isIn = (value: string | undefined, list: string[] | undefined) =>
  !list || list.some((v) => v.toUpperCase() === (value ?? '').toUpperCase());
const describedAs = (series: Series, pattern: string | undefined) => !pattern || new RegExp(pattern, 'i').test(series.description);

function seriesMatches(series: Series, want: { modality?: string[]; viewPosition?: string[]; bodyPart?: string[] }): boolean {
  const header = headerOf(series);
  return (
    isIn(series.modality, want.modality) && isIn(header?.viewPosition, want.viewPosition) && isIn(header?.bodyPartExamined, want.bodyPart)
  );
}

/** Whether the rule lays out this context: its match holds for the series the reader opened. */
export function ruleMatches(rule: HangingRule, context: HangingContext): boolean {
  const active = context.current.series.find((s) => s.uid === context.activeSeriesUID);
  if (!active) return false;
  const { withPrior, seriesDescription, everySeriesFound: _, ...facts } = rule.match;
  if (withPrior !== undefined && withPrior !== !!context.prior) return false;
  return seriesMatches(active, facts) && describedAs(active, seriesDescription);
}

function choose(study: Study, choices: SeriesChoice[], activeSeriesUID: string | undefined, shown: string[]): Series | undefined {
  for (const choice of choices) {
    const found =
      choice === 'active'
        ? study.series.find((s) => s.uid === activeSeriesUID)
        : choice === 'firstImage'
          ? firstImageSeries(study)
          : choice === 'nextImage'
            ? study.series.find((s) => s.imageIds.length > 0 && !shown.includes(s.uid))
            : study.series.find(
                (s) =>
                  s.imageIds.length > 0 &&
                  (choice.again || !shown.includes(s.uid)) &&
                  seriesMatches(s, choice) &&
                  describedAs(s, choice.description),
              );
    if (found) return found;
  }
  return undefined;
}

/** The display sets of these viewports in this context, in order; a viewport whose choices find no series stays empty. */
export function chooseDisplaySets(viewports: Array<RuleViewport | undefined>, context: HangingContext): Array<DisplaySet | undefined> {
  const shown: string[] = [];
  return viewports.map((v): DisplaySet | undefined => {
    const study = v?.study === 'prior' ? context.prior : context.current;
    const series = v && study && choose(study, v.series, v.study === 'current' ? context.activeSeriesUID : undefined, shown);
    if (!v || !study || !series) return undefined;
    shown.push(series.uid);
    return { studyUID: study.uid, seriesUID: series.uid, role: v.study, orientation: v.orientation, window: v.window };
  });
}

/** The viewports a rule fills in this context; a viewport whose choices find no series stays empty. */
export function applyRule(rule: HangingRule, context: HangingContext): ViewportGrid {
  return gridOf(rule.layout, chooseDisplaySets(rule.viewports, context));
}

/** The layout a study opens with: the first rule that matches; the opened series alone when none does. */
export function hangStudy(rules: HangingRule[], context: HangingContext): { rule: HangingRule | undefined; grid: ViewportGrid } {
  for (const rule of rules.filter((r) => ruleMatches(r, context))) {
    const grid = applyRule(rule, context);
    if (!rule.match.everySeriesFound || grid.viewports.every((v) => v.displaySet)) return { rule, grid };
  }
  return { rule: undefined, grid: gridOf('1x1', [{ studyUID: context.current.uid, seriesUID: context.activeSeriesUID, role: 'current' }]) };
}

// ---- Rules as data: read and checked, naming the file and the rule at fault ----

const isStringList = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

function isPattern(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v !== 'string') return false;
  try {
    new RegExp(v, 'i');
    return true;
  } catch {
    return false;
  }
}

function problemOfChoice(c: unknown): string | undefined {
  if (c === 'active' || c === 'firstImage' || c === 'nextImage') return undefined;
  if (typeof c !== 'object' || c === null)
    return `a series choice must be "active", "firstImage", "nextImage" or an object (got ${JSON.stringify(c)})`;
  const o = c as Record<string, unknown>;
  if (!isPattern(o.description)) return `the description pattern ${JSON.stringify(o.description)} is not a regular expression`;
  if (!isStringList(o.viewPosition) || !isStringList(o.modality)) return 'viewPosition and modality must be lists of text';
  if (o.again !== undefined && typeof o.again !== 'boolean') return 'again must be true or false';
  return undefined;
}

function problemOfRule(r: Record<string, unknown>): string | undefined {
  if (typeof r.id !== 'string' || !r.id || typeof r.name !== 'string') return 'it needs an id and a name';
  if (!isLayoutId(r.layout)) return `its layout ${JSON.stringify(r.layout)} is none of 1x1, 1x2, 2x1, 2x2, 1x3`;
  const m = (r.match ?? {}) as Record<string, unknown>;
  if (!isStringList(m.modality) || !isStringList(m.bodyPart) || !isStringList(m.viewPosition)) return 'its match lists must hold text';
  if (!isPattern(m.seriesDescription)) return `its seriesDescription ${JSON.stringify(m.seriesDescription)} is not a regular expression`;
  if (m.withPrior !== undefined && typeof m.withPrior !== 'boolean') return 'withPrior must be true or false';
  if (m.everySeriesFound !== undefined && typeof m.everySeriesFound !== 'boolean') return 'everySeriesFound must be true or false';
  if (!Array.isArray(r.viewports) || r.viewports.length === 0) return 'it names no viewport';
  return (r.viewports as Array<Record<string, unknown>>).map(problemOfViewport).find(Boolean);
}

function problemOfViewport(v: Record<string, unknown>): string | undefined {
  if (v?.study !== 'current' && v?.study !== 'prior') return 'each viewport names its study: "current" or "prior"';
  if (!Array.isArray(v.series) || v.series.length === 0) return 'each viewport lists its series choices';
  if (v.orientation !== undefined && !ORIENTATIONS.includes(v.orientation as Orientation))
    return `the orientation ${JSON.stringify(v.orientation)} is none of ${ORIENTATIONS.join(', ')}`;
  const w = v.window as Record<string, unknown> | undefined;
  const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (w !== undefined && !(isNumber(w?.width) && (w.width as number) > 0 && isNumber(w.center)))
    return `the window ${JSON.stringify(w)} needs a width above 0 and a center, in numbers`;
  return v.series.map(problemOfChoice).find(Boolean);
}

/** Hanging protocol rules read from JSON; throws an Error naming the source and the rule at fault. */
export function parseHangingProtocols(json: unknown, source: string): HangingRule[] {
  const rules = (json as { rules?: unknown })?.rules;
  if (!Array.isArray(rules)) throw new Error(`${source}: not a hanging protocol file (no list of rules)`);
  rules.forEach((r: Record<string, unknown>, i) => {
    const problem = typeof r === 'object' && r !== null ? problemOfRule(r) : 'it is not an object';
    if (problem) throw new Error(`${source}: rule ${i + 1}${typeof r?.id === 'string' ? ` (${r.id})` : ''}: ${problem}`);
  });
  return rules as HangingRule[];
}

/** Lucent's own rules (hangingProtocols.json). */
export const BUNDLED_PROTOCOLS: HangingRule[] = parseHangingProtocols(bundled, 'hangingProtocols.json');
