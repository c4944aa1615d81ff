// The viewport grid on screen: the hanging protocol applied to what is open — the series the reader
// opened, and a prior beside it when one is open and has images to show.
import { firstImageSeries, type Study } from '../dicom/studies';
import { findSeries } from '../store/appStore';
import { BUNDLED_PROTOCOLS, hangStudy, type HangingRule } from '../viewer/services/hangingProtocol';
import type { ViewportGrid } from '../viewer/services/viewportGrid';

export interface OpenStudies {
  studies: Study[];
  activeSeriesUID: string | undefined;
  priorStudyUID: string | undefined;
}

/** The grid for what is open, and the rule that laid it out; undefined while no series is open. */
export function viewportLayout(
  open: OpenStudies,
  rules: HangingRule[] = BUNDLED_PROTOCOLS,
): { grid: ViewportGrid; rule: HangingRule | undefined } | undefined {
  const active = findSeries(open.studies, open.activeSeriesUID);
  if (!active || !open.activeSeriesUID) return undefined;
  const prior = open.studies.find((s) => s.uid === open.priorStudyUID && s.uid !== active.study.uid);
  const shownPrior = prior && firstImageSeries(prior) ? prior : undefined;
  return hangStudy(rules, { current: active.study, activeSeriesUID: open.activeSeriesUID, prior: shownPrior });
}
