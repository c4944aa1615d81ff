// The comparison's numbers: measurement tolerances, and the thresholds on the temporal subtraction
// and on device positions (src/report/comparison/compare.ts). Measured on 120 generated pairs with their
// true boxes: unchanged findings' subtraction mostly within ±0.09, grown or new ones mostly above
// +0.1, shrunk or resolved ones mostly below −0.12. The thresholds were then chosen with
// `npm run eval -- --pairs DIR --tune` on 600 tuning pairs (seeds 20,000,000-20,000,199 and
// 21,000,000-21,000,399, model 0.7.0); models/README.md reports them on held-out pairs.
import type { FindingType } from '../../findings/labels';

/** Smallest change in size (mm) that counts, per type; and the smallest relative change (of the prior size). */
export const SIZE_TOLERANCE_MM: Partial<Record<FindingType, number>> = {
  nodule: 2,
  mass: 5,
  pleural_effusion: 10,
  pneumothorax: 6,
  consolidation: 12,
  atelectasis: 12,
};
export const RELATIVE_TOLERANCE = 0.25;

/** The comparison's thresholds; `npm run eval -- --pairs DIR --tune` searches them on a tuning set of pairs. */
export interface ComparisonThresholds {
  /** An opacity's region changed (grown or shrunk) beyond this on the subtraction (RegionDifference.focused). */
  subtraction: number;
  /** A new or resolved opacity leaves at least this much change where it is; less, and the claim is dropped. */
  appearance: number;
  /** An endotracheal tube whose tip moved changes the trachea by more than this locally (RegionDifference.peak). */
  tubeMovedPeak: number;
  /** A tube removed leaves its whole box darker by more than this (a moved one changes it by less than 0.03). */
  tubeRemovedMean: number;
  /** A line or pacemaker whose tip (or, without a stated tip, its box) moved less than this (mm) has not moved. */
  deviceToleranceMm: number;
  /** Where the subtraction shows no change, a change in size beyond this many times the measurement tolerance still counts. */
  decisiveSize: number;
}

export const DEFAULT_THRESHOLDS: ComparisonThresholds = {
  subtraction: 0.12,
  appearance: 0.1,
  tubeMovedPeak: 0.07,
  tubeRemovedMean: 0.03,
  deviceToleranceMm: 15,
  decisiveSize: 2,
};
