// A generated case's ground truth (models/README.md, "lucent-cxr-case/1") as reference findings.
import type { Box } from '../findings/box';
import { FINDING_TYPES, type FindingType } from '../findings/labels';
import type { ReferenceFinding } from './compare';

interface CaseJson {
  format: string;
  findings: Array<{ type: string; laterality: string; size_mm?: number; boxes: number[][]; measurements?: { cardiothoracic_ratio?: number } }>;
  report?: { sentences?: Array<{ text: string; finding: number | null }> };
}

export function referenceFindingsOf(json: unknown): ReferenceFinding[] {
  const c = json as CaseJson;
  if (c?.format !== 'lucent-cxr-case/1' || !Array.isArray(c.findings)) throw new Error('not a lucent-cxr-case/1 ground truth file');
  return c.findings
    .filter((f) => (FINDING_TYPES as readonly string[]).includes(f.type))
    .map((f, i) => ({
      type: f.type as FindingType,
      laterality: f.laterality,
      boxes: f.boxes.map((b) => [b[0], b[1], b[2], b[3]] as Box),
      text: c.report?.sentences?.find((s) => s.finding === i)?.text ?? f.type.replace(/_/g, ' '),
      sizeMm: f.size_mm,
      cardiothoracicRatio: f.measurements?.cardiothoracic_ratio,
    }));
}
