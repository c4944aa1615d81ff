// A sample case's ground truth (models/README.md, "Case folder format") as reference findings: a
// generated case ("lucent-cxr-case/1") or a real film with its dataset's labels and boxes
// ("lucent-cxr-case/2", for example NIH ChestX-ray14's).
import type { Box } from '../findings/box';
import { FINDING_TYPES, type FindingType } from '../findings/labels';
import type { ReferenceFinding } from './compare';

interface CaseJson {
  format: string;
  findings: Array<{ type: string; laterality: string; size_mm?: number | null; boxes: number[][]; measurements?: { cardiothoracic_ratio?: number } }>;
  report?: { sentences?: Array<{ text: string; finding: number | null }> } | null;
}

const FORMATS = ['lucent-cxr-case/1', 'lucent-cxr-case/2'];

/**
 * Real films' types that no drafted sentence is typed as, compared as the type that says them
 * (src/findings/labels.ts typesSaying: a drafted consolidation says an airspace opacity), with their own words.
 */
const COMPARED_AS: Record<string, { type: FindingType; words: string }> = {
  airspace_opacity: { type: 'consolidation', words: 'airspace opacity' },
};

function typeOf(type: string): { type: FindingType; words: string } | undefined {
  if ((FINDING_TYPES as readonly string[]).includes(type)) return { type: type as FindingType, words: type.replace(/_/g, ' ') };
  return COMPARED_AS[type];
}

export function referenceFindingsOf(json: unknown): ReferenceFinding[] {
  const c = json as CaseJson;
  if (!FORMATS.includes(c?.format) || !Array.isArray(c.findings)) throw new Error(`not a ground truth file (${FORMATS.join(' or ')})`);
  return c.findings.flatMap((f, i) => {
    const known = typeOf(f.type);
    if (!known) return [];
    return [
      {
        type: known.type,
        ...(known.words !== known.type.replace(/_/g, ' ') ? { name: known.words } : {}),
        laterality: f.laterality,
        boxes: f.boxes.map((b) => [b[0], b[1], b[2], b[3]] as Box),
        text: c.report?.sentences?.find((s) => s.finding === i)?.text ?? known.words,
        sizeMm: f.size_mm ?? undefined,
        cardiothoracicRatio: f.measurements?.cardiothoracic_ratio,
      },
    ];
  });
}
