// The ground truth of a case of the recipe's folder format (NAME.dcm + NAME.json, see
// models/README.md), read in Node; the radiograph itself is read with src/dicom/uncompressedPixels.
import { readFileSync } from 'node:fs';
import { FINDING_TYPES, type FindingType } from '../../src/findings/labels';
import type { TruthFinding } from '../../src/findings/matching';
import { imagePixelsToBox } from '../../src/model/preprocess';

export interface CaseTruth {
  indication: string;
  findings: Array<Omit<TruthFinding, 'boxes'> & { boxesPx: [number, number, number, number][] }>;
}

interface CaseJson {
  indication?: string;
  findings: Array<{
    type: string;
    laterality: string;
    size_mm?: number | null;
    boxes: [number, number, number, number][];
    measurements?: Record<string, number>;
  }>;
  report?: { sentences?: Array<{ text: string; finding: number | null }> } | null;
}

/**
 * The case's findings; undefined for a case that lists only some of them (converted real data with
 * labels or boxes but no report sentences, models/recipe/convert.py), which finding-level metrics
 * cannot score.
 */
export function readTruth(path: string): CaseTruth | undefined {
  const json = JSON.parse(readFileSync(path, 'utf8')) as CaseJson;
  if (!json.report?.sentences) return undefined;
  const sentenceOf = new Map(json.report.sentences.filter((s) => s.finding !== null).map((s) => [s.finding!, s.text]));
  return {
    indication: json.indication ?? '',
    findings: json.findings.map((f, i) => {
      if (!FINDING_TYPES.includes(f.type as FindingType)) throw new Error(`${path}: unknown finding type ${f.type}`);
      return {
        type: f.type as FindingType,
        laterality: f.laterality,
        sizeMm: f.size_mm ?? undefined,
        boxesPx: f.boxes,
        sentence: sentenceOf.get(i),
        cardiothoracicRatio: f.measurements?.cardiothoracic_ratio,
      };
    }),
  };
}

/** The case's findings with their boxes in 0..1 of the model's input square, as the recipe scores them. */
export function truthInModelSquare(truth: CaseTruth, inputSize: number, image: { rows: number; cols: number }): TruthFinding[] {
  const frame = { size: inputSize, scale: inputSize / Math.max(image.rows, image.cols) };
  return truth.findings.map((f) => ({ ...f, boxes: f.boxesPx.map((b) => imagePixelsToBox(b, frame)) }));
}
