// From decoded tokens to grounded findings: text, boxes in image pixels, a confidence from the
// per-token probabilities, and where the model looked (its cross-attention). Plain TypeScript.
import type { DecodedToken } from './decoding';
import { type ParsedOutput } from './outputParser';
import { boxToImagePixels, type ModelInput } from './preprocess';
import type { Box } from '../findings/box';
import type { HeadProbability } from '../report/types';

export interface GroundedFinding {
  text: string;
  /** Boxes in image pixel coordinates (x0, y0, x1, y1), columns then rows. */
  boxes: Box[];
  /** The same boxes in 0..1 of the model's input square, as the model wrote them. */
  modelBoxes: Box[];
  /** Geometric mean of the probabilities of the finding's tokens (0..1; not calibrated). */
  confidence: number;
  /** Mean cross-attention of the finding's tokens over the encoder grid, row-major, summing to 1. */
  attention: number[];
  /** What is wrong with the sentence (degenerate.ts), on the finished draft only. */
  flags?: string[];
  /** The calibrated probability that the finding is right (calibration.ts), on the finished draft of a calibrated model. */
  probability?: number;
  /** On a real film, instead: the label head's probability of its type, or why none (app/draftForFilm.ts). */
  headProbability?: HeadProbability;
  noProbability?: string;
}

/** Where the attention grid lies on the image: the model's input square (image at its top-left) split into grid cells. */
export interface AttentionFrame {
  /** Rows, columns of the encoder grid. */
  grid: [number, number];
  /** The input square's side in image pixels. */
  squarePx: number;
}

export interface GroundedReport {
  findings: GroundedFinding[];
  attentionFrame: AttentionFrame;
  impression: string;
  /** The model finished the report itself (it wrote <eos>). */
  complete: boolean;
}

export interface ImageFrame {
  rows: number;
  cols: number;
  input: Pick<ModelInput, 'size' | 'scale'>;
  /** The encoder grid (rows, columns) its cross-attention is over. */
  grid: [number, number];
}

export function confidenceOf(tokens: DecodedToken[], positions: number[]): number {
  const probs = positions.map((p) => tokens[p]?.prob).filter((p): p is number => p !== undefined);
  if (!probs.length) return 0;
  const logMean = probs.reduce((s, p) => s + Math.log(Math.max(p, 1e-9)), 0) / probs.length;
  return Math.exp(logMean);
}

export function attentionOf(tokens: DecodedToken[], positions: number[]): number[] {
  const rows = positions.map((p) => tokens[p]?.cross).filter((c): c is Float32Array => !!c && c.length > 0);
  if (!rows.length) return [];
  const out = new Array<number>(rows[0].length).fill(0);
  for (const row of rows) row.forEach((v, i) => (out[i] += v));
  const sum = out.reduce((s, v) => s + v, 0) || 1;
  return out.map((v) => v / sum);
}

/** The tokenizer lower-cases everything; a report starts its sentences with a capital. */
export function sentenceCase(text: string): string {
  return text.replace(/(^|\.\s+)([a-z])/g, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

export function groundFindings(parsed: ParsedOutput, tokens: DecodedToken[], frame: ImageFrame): GroundedReport {
  return {
    findings: parsed.findings.map((f) => ({
      text: sentenceCase(f.text),
      modelBoxes: f.boxes,
      boxes: f.boxes.map((b) => boxToImagePixels(b, frame.input, frame.rows, frame.cols)),
      confidence: confidenceOf(tokens, f.positions),
      attention: attentionOf(tokens, f.positions),
    })),
    impression: sentenceCase(parsed.impression),
    complete: parsed.complete,
    attentionFrame: { grid: frame.grid, squarePx: frame.input.size / frame.input.scale },
  };
}
