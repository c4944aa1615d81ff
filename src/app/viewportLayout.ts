// The viewport grid on screen: the hanging protocol applied to what is open — the series the reader
// opened, and a prior beside it when one is open and has images to show. The reader's imported rules
// come before Lucent's own; the layout the reader last chose for the rule that matched replaces the
// rule's own; and the reader's changes since this study opened (GridOnScreen) replace both.
import { firstImageSeries, type Study } from '../dicom/studies';
import { findSeries } from '../store/appStore';
import type { GridOnScreen } from '../store/layoutStore';
import {
  BUNDLED_PROTOCOLS,
  hangStudy,
  parseHangingProtocols,
  type HangingContext,
  type HangingRule,
} from '../viewer/services/hangingProtocol';
import { applyRemembered, asRememberedLayout } from '../viewer/services/rememberedLayout';
import type { ViewportGrid } from '../viewer/services/viewportGrid';

export interface OpenStudies {
  studies: Study[];
  activeSeriesUID: string | undefined;
  priorStudyUID: string | undefined;
}

export interface LayoutChoices {
  importedRules?: unknown;
  remembered?: Record<string, unknown>;
  onScreen?: GridOnScreen;
}

export interface LayoutOnScreen {
  grid: ViewportGrid;
  /** The rule that laid the study out (undefined only when no rule matched). */
  rule: HangingRule | undefined;
  context: HangingContext;
  /** What the grid was laid out for: the study, the series opened and the prior beside it. */
  key: string;
}

/** What a study is laid out for, or undefined while no series is open. */
export function hangingContextOf(open: OpenStudies): { context: HangingContext; key: string } | undefined {
  const active = findSeries(open.studies, open.activeSeriesUID);
  if (!active || !open.activeSeriesUID) return undefined;
  const prior = open.studies.find((s) => s.uid === open.priorStudyUID && s.uid !== active.study.uid);
  const shownPrior = prior && firstImageSeries(prior) ? prior : undefined;
  const context = { current: active.study, activeSeriesUID: open.activeSeriesUID, prior: shownPrior };
  return { context, key: [active.study.uid, open.activeSeriesUID, shownPrior?.uid ?? ''].join('|') };
}

/** The imported rules as kept in the browser, checked again (an entry from an older Lucent may not pass: then none). */
function importedRulesOf(kept: unknown): HangingRule[] {
  try {
    return Array.isArray(kept) && kept.length ? parseHangingProtocols({ rules: kept }, 'imported rules') : [];
  } catch {
    return [];
  }
}

/** The rules in use: the reader's imported ones, then Lucent's own. */
export const rulesInUse = (importedRules: unknown): HangingRule[] => [...importedRulesOf(importedRules), ...BUNDLED_PROTOCOLS];

/** The grid for what is open, and the rule that laid it out; undefined while no series is open. */
export function viewportLayout(open: OpenStudies, choices: LayoutChoices = {}): LayoutOnScreen | undefined {
  const hanging = hangingContextOf(open);
  if (!hanging) return undefined;
  const { rule, grid } = hangStudy(rulesInUse(choices.importedRules), hanging.context);
  if (choices.onScreen?.key === hanging.key) return { ...hanging, rule, grid: choices.onScreen.grid };
  const mine = rule && asRememberedLayout(choices.remembered?.[rule.id]);
  return { ...hanging, rule, grid: mine ? applyRemembered(mine, hanging.context) : grid };
}
