// Review questions over the reports kept in this browser: what the attending changed in a
// preliminary, and, for a resident, what they most often miss or over-call across their reviewed
// reports, beside their teaching-mode scores.
import { feedbackCounts, reviewFeedback, trackedChanges, type ReviewFeedback, type TrackedChange } from '../report/changes';
import type { Report } from '../report/types';
import { preliminaryVersion } from '../report/review';
import { useReportStore } from '../store/reportStore';
import { useTeachingStore } from '../store/teachingStore';

/** The final version's content (or the report as it is, while the preliminary is under review). */
const reviewedContent = (report: Report) =>
  report.status === 'preliminary' ? report.content : (report.versions.findLast((v) => v.kind === 'final')?.content ?? report.content);

/** The attending's changes to the preliminary, tracked; undefined when the report had no preliminary. */
export function changesToPreliminary(report: Report): TrackedChange[] | undefined {
  const preliminary = preliminaryVersion(report);
  return preliminary && trackedChanges(preliminary.content, reviewedContent(report));
}

/** The lesson of one reviewed report: undefined until its final is signed. */
export function feedbackOf(report: Report): ReviewFeedback | undefined {
  const preliminary = preliminaryVersion(report);
  if (!preliminary || report.status === 'preliminary') return undefined;
  return reviewFeedback(preliminary.content, reviewedContent(report));
}

/** Counts by finding type over this resident's reviewed reports in this browser, and their teaching scores. */
export function residentRecord(resident: string): {
  reviews: number;
  counts: ReturnType<typeof feedbackCounts>;
  teachingF1: number | undefined;
  comparisons: number;
} {
  const reports = Object.values(useReportStore.getState().histories).map((h) => h.present);
  const reviews = reports
    .filter((r) => preliminaryVersion(r)?.reader === resident)
    .map(feedbackOf)
    .filter((f): f is ReviewFeedback => !!f);
  const scores = Object.values(useTeachingStore.getState().scores).flat();
  return {
    reviews: reviews.length,
    counts: feedbackCounts(reviews),
    teachingF1: scores.length ? scores.reduce((sum, s) => sum + s.f1, 0) / scores.length : undefined,
    comparisons: scores.length,
  };
}
