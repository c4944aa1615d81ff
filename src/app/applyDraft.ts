// The model's grounded draft as a report edit: each finding with its boxes as regions on the
// image it was drafted from, and its warnings (the draft's own, such as an image outside the model's
// domain, and the sentence's flags). With a prior open, each finding also says what changed since
// the prior study, with the prior film's region beside its own, and what is gone gets a sentence.
// Plain TypeScript; ids come from the caller so tests stay deterministic.
import type { GroundedReport } from '../model/grounding';
import type { FindingChange, ObservedFinding } from '../report/comparison/compare';
import { changeSentence, type PriorStudy } from '../report/comparison/text';
import { draftImpression } from '../report/impression';
import type { DraftFinding, ReportEdit } from '../report/types';

/** The compared prior: its findings (boxes on `imageId`, the prior film) and the changes to the draft's. */
export interface DraftComparison {
  prior: PriorStudy;
  imageId: string;
  findings: ObservedFinding[];
  /** From compareFindings(prior findings, observedFindings(draft), …). */
  changes: FindingChange[];
}

type Box4 = [number, number, number, number];

/** The draft's findings that have a sentence: what goes into the report, and what a comparison indexes. */
export function draftedFindings(draft: GroundedReport): GroundedReport['findings'] {
  return draft.findings.filter((f) => f.text.trim());
}

/** The draft's findings as a comparison reads them: sentence and boxes, in draftedFindings' order. */
export function observedFindings(draft: GroundedReport): ObservedFinding[] {
  return draftedFindings(draft).map((f) => ({ text: f.text, boxes: f.boxes }));
}

function comparedOn(change: FindingChange): DraftFinding['comparison'] {
  const sized = change.sizeMm.some((v) => v !== undefined);
  return {
    kind: change.kind,
    ...(sized ? { sizeMm: change.sizeMm } : {}),
    ...(change.movedMm !== undefined ? { movedMm: change.movedMm } : {}),
  };
}

export function draftEdit(
  draft: GroundedReport,
  imageId: string,
  newId: () => string,
  warnings: string[] = [],
  comparison?: DraftComparison,
): ReportEdit {
  const changeOf = (k: number) => comparison?.changes.find((c) => c.current === k);
  const priorRegions = (change: FindingChange | undefined) =>
    change?.prior !== undefined && comparison
      ? comparison.findings[change.prior].boxes.map((box) => ({ imageId: comparison.imageId, box: [...box] as Box4 }))
      : [];
  const drafted = draftedFindings(draft).map((f, k) => {
    const change = changeOf(k);
    const regions = [...f.boxes.map((box) => ({ imageId, box: [...box] as Box4 })), ...priorRegions(change)];
    return {
      id: newId(),
      text: change ? changeSentence(change, f.text) : f.text,
      regions,
      regionIds: regions.map(() => newId()),
      // The calibrated probability when the model has one: that is what the reader should weigh (on a
      // real film, the label head's, draftForFilm.ts; the confidence is then the sentence's own, uncalibrated).
      confidence: f.probability ?? f.confidence,
      ...(f.probability !== undefined ? { calibrated: true } : {}),
      ...(f.headProbability ? { headProbability: f.headProbability } : {}),
      ...(f.noProbability ? { noProbability: f.noProbability } : {}),
      ...(warnings.length || f.flags?.length ? { warnings: [...warnings, ...(f.flags ?? [])] } : {}),
      // Four decimals keep the saved report small and the map unchanged to the eye.
      ...(f.attention.length
        ? {
            evidence: {
              imageId,
              grid: draft.attentionFrame.grid,
              squarePx: draft.attentionFrame.squarePx,
              weights: f.attention.map((w) => Math.round(w * 1e4) / 1e4),
            },
          }
        : {}),
      ...(change ? { comparison: comparedOn(change) } : {}),
    };
  });
  // What the prior showed and the draft does not name: gone (a sentence grounded on the prior film), or
  // still there by the prior's report and the subtraction (its sentence, on both films).
  const gone = (comparison?.changes ?? [])
    .filter((c) => c.current === undefined)
    .map((change) => {
      const still = (change.carriedBoxes ?? []).map((box) => ({ imageId, box: [...box] as Box4 }));
      const regions = [...still, ...priorRegions(change)];
      const priorText = change.prior !== undefined ? comparison?.findings[change.prior]?.text : undefined;
      return {
        id: newId(),
        text: changeSentence(change, change.currentText ?? priorText),
        regions,
        regionIds: regions.map(() => newId()),
        // Written by the comparison rules, not the model: no model confidence to show.
        comparison: comparedOn(change),
      };
    });
  const findings = [...drafted, ...gone];
  return {
    type: 'applyDraft',
    findings,
    // The model's own impression; where it has none (the label head changed its findings), one from the draft's sentences.
    impression: draft.impression.trim() ? draft.impression : draftImpression(findings.map((f) => f.text)),
    ...(warnings.length ? { warnings } : {}),
    ...(comparison ? { comparison: comparison.prior } : {}),
  };
}
