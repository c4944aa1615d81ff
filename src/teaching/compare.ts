// Teaching mode's comparison: the resident's findings against a reference (a sample's ground truth,
// or the model's draft), matched the way the model card scores the model (src/findings/matching.ts: same type,
// preferring the same side, then the best box overlap). Plain TypeScript.
import { iou, type Box } from '../findings/box';
import { isNegativeSentence, labelSentence, type FindingType } from '../findings/labels';
import { matchCase, type Labelled, type TruthFinding } from '../findings/matching';

export interface ReferenceFinding {
  type: FindingType;
  /** What the reference calls it, when not its type's name (a real film's "airspace opacity", compared as a consolidation). */
  name?: string;
  laterality: string;
  /** Image pixels. */
  boxes: Box[];
  /** How the reference says it (the reference report's sentence, or the model's). */
  text: string;
  sizeMm?: number;
  cardiothoracicRatio?: number;
}

export interface ResidentFinding {
  id: string;
  text: string;
  /** Image pixels. */
  boxes: Box[];
}

export interface Comparison {
  against: 'ground truth' | 'AI draft';
  matched: Array<{ reference: ReferenceFinding; resident: ResidentFinding; sameSide: boolean; overlap: number | undefined }>;
  missed: ReferenceFinding[];
  /** The resident's findings that match nothing; `type` is undefined when the sentence names no known finding. */
  extra: Array<{ resident: ResidentFinding; type: FindingType | undefined }>;
  recall: number;
  precision: number;
  f1: number;
}

/** Overlap of the union of two box sets, as the best pairwise IoU (undefined when either side has none). */
function overlapOf(a: Box[], b: Box[]): number | undefined {
  if (!a.length || !b.length) return undefined;
  return Math.max(...a.flatMap((x) => b.map((y) => iou(x, y))));
}

export function compareFindings(resident: ResidentFinding[], reference: ReferenceFinding[], against: Comparison['against']): Comparison {
  const labelled = resident.map((r) => ({ r, label: r.text.trim() ? labelSentence(r.text) : undefined }));
  const recognised = labelled.filter((x): x is { r: ResidentFinding; label: NonNullable<typeof x.label> } => !!x.label);
  const truth: TruthFinding[] = reference.map((f) => ({
    type: f.type,
    laterality: f.laterality,
    sizeMm: f.sizeMm,
    boxes: f.boxes,
    sentence: f.text,
    cardiothoracicRatio: f.cardiothoracicRatio,
  }));
  const predicted: Labelled[] = recognised.map((x) => ({ label: x.label, boxes: x.r.boxes }));
  const { pairs } = matchCase(truth, predicted);
  const matched: Comparison['matched'] = [];
  const missed: ReferenceFinding[] = [];
  const used = new Set<number>();
  pairs.forEach((p, i) => {
    if (p < 0) return void missed.push(reference[i]);
    used.add(p);
    const r = recognised[p];
    matched.push({
      reference: reference[i],
      resident: r.r,
      sameSide: r.label.laterality === reference[i].laterality,
      overlap: overlapOf(r.r.boxes, reference[i].boxes),
    });
  });
  const extra = [
    ...recognised.filter((_, i) => !used.has(i)).map((x) => ({ resident: x.r, type: x.label.type as FindingType | undefined })),
    // Negatives ("no pneumothorax") and empty sentences are not findings: only unrecognised positive text counts.
    ...labelled
      .filter((x) => !x.label && x.r.text.trim() && !isNegativeSentence(x.r.text))
      .map((x) => ({ resident: x.r, type: undefined })),
  ];
  const found = matched.length;
  const recall = reference.length ? found / reference.length : 1;
  const claimed = found + extra.length;
  const precision = claimed ? found / claimed : 1;
  const f1 = recall + precision ? (2 * recall * precision) / (recall + precision) : 0;
  return { against, matched, missed, extra, recall, precision, f1 };
}

/** The model's draft as a reference: its sentences that name a finding, with their boxes. */
export function referenceFromSentences(sentences: Array<{ text: string; boxes: Box[] }>): ReferenceFinding[] {
  return sentences.flatMap((s) => {
    const label = labelSentence(s.text);
    return label
      ? [
          {
            type: label.type,
            laterality: label.laterality,
            boxes: s.boxes,
            text: s.text,
            sizeMm: label.sizeMm,
            cardiothoracicRatio: label.ratio,
          },
        ]
      : [];
  });
}
