// The model's grounded draft as a report edit: each finding with its boxes as regions on the
// image it was drafted from, and its warnings (the draft's own, such as an image outside the model's
// domain, and the sentence's flags). Plain TypeScript; ids come from the caller so tests stay deterministic.
import type { GroundedReport } from '../model/grounding';
import type { ReportEdit } from '../report/report';

export function draftEdit(draft: GroundedReport, imageId: string, newId: () => string, warnings: string[] = []): ReportEdit {
  return {
    type: 'applyDraft',
    findings: draft.findings
      .filter((f) => f.text.trim())
      .map((f) => ({
        id: newId(),
        text: f.text,
        regions: f.boxes.map((box) => ({ imageId, box: [...box] as [number, number, number, number] })),
        regionIds: f.boxes.map(() => newId()),
        // The calibrated probability when the model has one: that is what the reader should weigh.
        confidence: f.probability ?? f.confidence,
        ...(f.probability !== undefined ? { calibrated: true } : {}),
        ...(warnings.length || f.flags?.length ? { warnings: [...warnings, ...(f.flags ?? [])] } : {}),
        // Four decimals keep the saved report small and the map unchanged to the eye.
        ...(f.attention.length
          ? { evidence: { imageId, grid: draft.attentionFrame.grid, squarePx: draft.attentionFrame.squarePx, weights: f.attention.map((w) => Math.round(w * 1e4) / 1e4) } }
          : {}),
      })),
    impression: draft.impression,
    ...(warnings.length ? { warnings } : {}),
  };
}
