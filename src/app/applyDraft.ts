// The model's grounded draft as a report edit: each finding with its boxes as regions on the
// image it was drafted from. Plain TypeScript; ids come from the caller so tests stay deterministic.
import type { GroundedReport } from '../model/grounding';
import type { ReportEdit } from '../report/report';

export function draftEdit(draft: GroundedReport, imageId: string, newId: () => string): ReportEdit {
  return {
    type: 'applyDraft',
    findings: draft.findings
      .filter((f) => f.text.trim())
      .map((f) => ({
        id: newId(),
        text: f.text,
        regions: f.boxes.map((box) => ({ imageId, box: [...box] as [number, number, number, number] })),
        regionIds: f.boxes.map(() => newId()),
        confidence: f.confidence,
        // Four decimals keep the saved report small and the map unchanged to the eye.
        ...(f.attention.length
          ? { evidence: { imageId, grid: draft.attentionFrame.grid, squarePx: draft.attentionFrame.squarePx, weights: f.attention.map((w) => Math.round(w * 1e4) / 1e4) } }
          : {}),
      })),
    impression: draft.impression,
  };
}
