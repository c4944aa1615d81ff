// A sample case's ground truth (models/README.md, "Case folder format") as reference findings: a
// generated case ("lucent-cxr-case/1") or a real film with its dataset's labels and boxes
// ("lucent-cxr-case/2", for example NIH ChestX-ray14's).
import type { Box } from '../findings/box';
import { findingTypeSaying } from '../findings/labels';
import type { ReferenceFinding } from './compare';

interface CaseJson {
  format: string;
  findings: Array<{
    type: string;
    laterality: string;
    size_mm?: number | null;
    boxes: number[][];
    measurements?: { cardiothoracic_ratio?: number };
  }>;
  report?: { sentences?: Array<{ text: string; finding: number | null }> } | null;
}

const FORMATS = ['lucent-cxr-case/1', 'lucent-cxr-case/2'];

export function referenceFindingsOf(json: unknown): ReferenceFinding[] {
  const c = json as CaseJson;
  if (!FORMATS.includes(c?.format) || !Array.isArray(c.findings)) throw new Error(`not a ground truth file (${FORMATS.join(' or ')})`);
  return c.findings.flatMap((f, i) => {
    // A real film's type that no drafted sentence is typed as is compared as the type that says it
    // (a consolidation says an airspace opacity), under its own name.
    const type = findingTypeSaying(f.type);
    if (!type) return [];
    const words = f.type.replace(/_/g, ' ');
    return [
      {
        type,
        ...(type !== f.type ? { name: words } : {}),
        laterality: f.laterality,
        boxes: f.boxes.map((b) => [b[0], b[1], b[2], b[3]] as Box),
        text: c.report?.sentences?.find((s) => s.finding === i)?.text ?? words,
        sizeMm: f.size_mm ?? undefined,
        cardiothoracicRatio: f.measurements?.cardiothoracic_ratio,
      },
    ];
  });
}
