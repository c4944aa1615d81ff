// The comparison with a prior, off the UI thread: aligning two films and reading their subtraction
// is a few hundred milliseconds of arithmetic on large films.
import { alignFilms, priorBoxOnCurrent, regionDifferences, type Alignment, type Film } from '../imaging/align';
import { compareFindings, type FindingChange, type ObservedFinding } from '../report/comparison/compare';

export interface ComparisonRequest {
  prior: Film;
  current: Film;
  priorFindings: ObservedFinding[];
  currentFindings: ObservedFinding[];
  priorIsReport: boolean;
}

export type ComparisonReply = { changes: FindingChange[]; alignment: Alignment } | { error: string };

self.onmessage = (event: MessageEvent<ComparisonRequest>) => {
  try {
    const { prior, current, priorFindings, currentFindings, priorIsReport } = event.data;
    const alignment = alignFilms(prior, current);
    const changes = compareFindings(priorFindings, currentFindings, {
      priorSpacing: prior.spacingMm,
      currentSpacing: current.spacingMm,
      priorToCurrent: (box) => priorBoxOnCurrent(box, alignment, prior.spacingMm, current.spacingMm),
      difference: regionDifferences(prior, current, alignment),
      priorIsReport,
    });
    self.postMessage({ changes, alignment } satisfies ComparisonReply);
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ComparisonReply);
  }
};
