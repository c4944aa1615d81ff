// What the model engine's tasks return (engine.ts), apart from the engine, so that the app, the
// worker protocol and the tools can name them without the engine's runtime imports.
import type { Box } from '../findings/box';
import type { LabelType } from '../findings/labels';
import type { StopReason } from './decoding';
import type { GroundedReport } from './grounding';
import type { LabelHead } from './labelHead';

export interface RunStats {
  /** Preparing the pixels and running the encoder; `prepareMs` of it is the preprocessing (JavaScript). */
  encodeMs: number;
  prepareMs: number;
  /** From the start of decoding to the first token, and to the last. */
  firstTokenMs: number;
  decodeMs: number;
  tokens: number;
  stopped: StopReason;
  /** The encoder's output was reused from an earlier task on the same image. */
  encoderReused: boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  maxNewTokens?: number;
  /** false: decode without the key/value cache (benchmarks only). */
  useCache?: boolean;
}

export interface ReportRun {
  report: GroundedReport;
  tokenIds: number[];
  stats: RunStats;
  /** The label head's probability of each label type on the image (manifest findingLabels), for a model that has one. */
  findingProbabilities?: Partial<Record<LabelType, number>>;
  /** What calibrated drafting changed (a model with encoder.label_calibration, labelGate.ts). */
  labelGate?: { leftOut: string[]; added: string[]; calibrated: Partial<Record<LabelType, number>> };
  /** The head's calibrated probabilities with the prevalence each holds at (a gated draft): a real film's findings show them. */
  labelHead?: LabelHead;
}

export interface LocateRun {
  boxes: Box[];
  modelBoxes: Box[];
  confidence: number;
  /** The located finding's cross-attention over the encoder grid (grounding.ts attentionOf). */
  attention: number[];
  stats: RunStats;
}

export interface WarmUpRun {
  ms: number;
  /** Decoder steps and encoder runs done. */
  steps: number;
  encoderRuns: number;
  /** Stopped before its budget because something else was asked of the model. */
  interrupted: boolean;
}

export interface WarmUpOptions {
  signal?: AbortSignal;
  /** Decoder steps to run at most (default 300) and wall-clock budget (default 2 s). */
  maxSteps?: number;
  budgetMs?: number;
}

export interface DescribeRun {
  text: string;
  confidence: number;
  /** What is wrong with the sentence (degenerate.ts); empty when nothing. */
  flags: string[];
  /** The calibrated probability that it is right, for a calibrated model. */
  probability?: number;
  stats: RunStats;
}
