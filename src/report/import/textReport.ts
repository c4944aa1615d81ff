// The narrative of an SR written by another tool (a RIS's Basic Text or Enhanced SR, or the text
// beside a measurement report's groups): its TEXT items sorted into indication, findings and
// impression by their own concept name or their section's, in document order.
import { conceptOf, type Item } from '../sr/items';
import { items, regionsIn, type ImportedRegion } from './scoord';

type Part = 'indication' | 'findings' | 'impression';

/** Concept names (scheme:value) of sections and items, by the part of the report they hold. */
const PARTS: Record<string, Part> = {
  'DCM:121072': 'impression', // Impressions
  'DCM:121073': 'impression', // Impression
  'DCM:121076': 'impression', // Conclusion
  'DCM:121077': 'impression', // Conclusions
  'LN:19005-8': 'impression', // Impression (narrative)
  'LN:55110-1': 'impression', // Conclusions
  'DCM:121109': 'indication', // Indications for Procedure
  'DCM:121060': 'indication', // History
  'DCM:121062': 'indication', // Request
  'LN:18785-6': 'indication', // Indications for procedure
  'LN:11329-0': 'indication', // History general
  'LN:55752-0': 'indication', // Clinical information
  'DCM:121070': 'findings', // Findings
  'LN:59776-5': 'findings', // Procedure findings
};

/** Context and modifiers (observer names, languages) are not the report's text. */
const NOT_TEXT = new Set(['HAS OBS CONTEXT', 'HAS CONCEPT MOD', 'HAS ACQ CONTEXT']);

function partOf(item: Item): Part | undefined {
  const concept = conceptOf(item);
  return concept ? PARTS[`${String(concept.CodingSchemeDesignator ?? '').trim()}:${String(concept.CodeValue ?? '').trim()}`] : undefined;
}

export interface TextFinding {
  text: string;
  regions: ImportedRegion[];
}

export interface NarrativeText {
  indication: string;
  findings: TextFinding[];
  impression: string;
}

/**
 * The text of the items (and their descendants), minus those `skip` says are read otherwise. Each
 * line of findings text is one finding; a text item's regions (Enhanced SR) go with its first line.
 */
export function narrativeOf(content: Item[], skip: (item: Item) => boolean = () => false): NarrativeText {
  const found: Record<Part, TextFinding[]> = { indication: [], findings: [], impression: [] };
  const walk = (children: Item[], inherited: Part, depth: number) => {
    // Content trees are shallow; a deeper one is malformed (or a loop of references): stop there.
    if (depth > 32) return;
    for (const child of children) {
      if (skip(child) || NOT_TEXT.has(String(child.RelationshipType ?? ''))) continue;
      const part = partOf(child) ?? inherited;
      const grandchildren = items(child.ContentSequence);
      if (child.ValueType === 'TEXT') {
        const lines = String(child.TextValue ?? '')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
        lines.forEach((text, k) => found[part].push({ text, regions: k === 0 ? regionsIn(grandchildren) : [] }));
      }
      walk(grandchildren, part, depth + 1);
    }
  };
  walk(items(content), 'findings', 0);
  return {
    indication: found.indication.map((f) => f.text).join('\n'),
    findings: found.findings,
    impression: found.impression.map((f) => f.text).join('\n'),
  };
}
