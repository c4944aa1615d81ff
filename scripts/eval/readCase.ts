// A case of the recipe's folder format (NAME.dcm + NAME.json, see models/README.md) read in Node:
// the radiograph's stored pixels and display parameters, and its ground truth. Uncompressed
// transfer syntaxes only (what the recipe writes); anything else is refused by name.
import { readFileSync } from 'node:fs';
import { uncompressedImage } from '../../src/dicom/uncompressedPixels';
import { FINDING_TYPES, type FindingType } from '../../src/findings/labels';
import type { TruthFinding } from '../../src/findings/matching';
import type { GreyscaleImage } from '../../src/imaging/greyscaleImage';

export function readRadiograph(path: string): GreyscaleImage {
  return uncompressedImage(new Uint8Array(readFileSync(path)), path);
}

export interface CaseTruth {
  indication: string;
  findings: Array<Omit<TruthFinding, 'boxes'> & { boxesPx: [number, number, number, number][] }>;
}

interface CaseJson {
  indication?: string;
  findings: Array<{ type: string; laterality: string; size_mm?: number | null; boxes: [number, number, number, number][]; measurements?: Record<string, number> }>;
  report: { sentences: Array<{ text: string; finding: number | null }> };
}

export function readTruth(path: string): CaseTruth {
  const json = JSON.parse(readFileSync(path, 'utf8')) as CaseJson;
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
