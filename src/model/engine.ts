// The grounded report model behind one small API: draft a report, locate a phrase, describe a
// region. Independent of where it runs: the browser worker passes onnxruntime-web (WebGPU or
// WASM), the evaluation CLI and the benchmark pass onnxruntime-web or onnxruntime-node in Node.
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import { greedyDecode, type CacheMode, type DecodedToken, type DecodeResult } from './decoding';
import type { DescribeRun, LocateRun, ReportRun, RunOptions, RunStats, WarmUpOptions, WarmUpRun } from './runs';
import { groundFindings, confidenceOf, type GroundedReport, type ImageFrame } from './grounding';
import { inputSpecOf, type ModelManifest, type Precision } from './manifest';
import type { ModelBytes } from './modelFiles';
import { OutputParser, parseOutput } from './outputParser';
import { probabilityFor } from './calibration';
import { guardFindings } from './degenerate';
import { checkModelInput, type CheckRun } from './inputCheck';
import { imagePixelsToBox, modelInputFromStored, type ModelInput } from './preprocess';
import type { GreyscaleImage } from '../imaging/greyscaleImage';
import { sessionOptions, type ExecutionBackend } from './sessionOptions';
import { Tokenizer } from './tokenizer';
import type { Box } from '../findings/box';
import type { LabelType } from '../findings/labels';
import { gateDraft, gateFindings } from './labelGate';
import { labelHeadOf } from './labelHead';
import { splitEncoderOutputs, type EncoderOutputs } from './encoderOutputs';

/** What the engine needs of an onnxruntime build (web or node). */
export interface OrtApi {
  InferenceSession: typeof InferenceSession;
  Tensor: typeof Tensor;
}

export type { DescribeRun, LocateRun, ReportRun, RunOptions, RunStats, WarmUpOptions, WarmUpRun } from './runs';

interface Encoded extends EncoderOutputs {
  key: string;
  frame: ImageFrame;
  encodeMs: number;
  prepareMs: number;
}

export class GroundedReportModel {
  private encoded: Encoded | undefined;
  private prepared: { key: string; input: ModelInput } | undefined;

  private constructor(
    private readonly ort: OrtApi,
    private readonly encoder: InferenceSession,
    private readonly decoder: InferenceSession,
    readonly tokenizer: Tokenizer,
    readonly manifest: ModelManifest,
    /** Where decoding keeps the key/value cache: on the GPU between steps with WebGPU, else in JavaScript (decoding.ts). */
    private readonly cacheMode: CacheMode,
    private readonly precision: Precision,
  ) {}

  /** Sessions for the backend, with the options every caller shares (sessionOptions.ts). */
  static async create(ort: OrtApi, bytes: ModelBytes, backend: ExecutionBackend): Promise<GroundedReportModel> {
    const tokenizer = new Tokenizer(bytes.tokenizer);
    const encoder = await ort.InferenceSession.create(bytes.encoder, sessionOptions(backend, bytes.manifest, 'encoder'));
    const decoder = await ort.InferenceSession.create(bytes.decoder, sessionOptions(backend, bytes.manifest, 'decoder'));
    return new GroundedReportModel(
      ort,
      encoder,
      decoder,
      tokenizer,
      bytes.manifest,
      backend === 'webgpu' ? 'session' : 'host',
      bytes.precision,
    );
  }

  /** A location token's coordinate from its step's logits (tokenizer.ts); words have none. */
  private readonly coordinate = (id: number, logits: Float32Array, offset: number): number | undefined =>
    this.tokenizer.isLoc(id) ? this.tokenizer.locValueFromLogits(id, logits, offset) : undefined;

  /** Pixels as the model sees them: displayed, resized into the input square, normalised (kept for the image's next task). */
  prepare(image: GreyscaleImage): ModelInput {
    if (this.prepared?.key === image.key) return this.prepared.input;
    const m = this.manifest;
    const input = modelInputFromStored(image.stored, image.rows, image.cols, image.display, inputSpecOf(m));
    this.prepared = { key: image.key, input };
    return input;
  }

  /** The calibrated probability of a sentence (calibration.ts), for a model calibrated for these weights. */
  private probabilityOf(text: string, confidence: number): { probability?: number } {
    return probabilityFor(text, confidence, this.manifest.calibration, this.precision);
  }

  /** The pixel checks and the learned domain check on what the model would see (inputCheck.ts). */
  checkPixels(image: GreyscaleImage): CheckRun {
    return checkModelInput(this.prepare(image), this.manifest);
  }

  /** The label head's probabilities on the image, without drafting (a model with a label head; else undefined). */
  async labelProbabilities(image: GreyscaleImage): Promise<Partial<Record<LabelType, number>> | undefined> {
    return (await this.encode(image)).encoded.findingProbabilities;
  }

  private async encode(image: GreyscaleImage): Promise<{ encoded: Encoded; reused: boolean }> {
    if (this.encoded?.key === image.key) return { encoded: this.encoded, reused: true };
    const start = performance.now();
    const input = this.prepare(image);
    const prepareMs = performance.now() - start;
    const size = this.manifest.inputSize;
    const pixels = new this.ort.Tensor('float32', input.pixels, [1, 1, size, size]);
    const { memory, findingProbabilities } = splitEncoderOutputs(await this.encoder.run({ pixels }), this.manifest.findingLabels);
    this.disposeEncoded();
    this.encoded = {
      key: image.key,
      memory,
      findingProbabilities,
      frame: { rows: image.rows, cols: image.cols, input, grid: this.manifest.grid },
      encodeMs: performance.now() - start,
      prepareMs,
    };
    return { encoded: this.encoded, reused: false };
  }

  private async decode(
    image: GreyscaleImage,
    prompt: number[] | ((frame: ImageFrame) => number[]),
    options: RunOptions,
    maxNewTokens: number,
    onToken?: (token: DecodedToken, frame: ImageFrame) => void,
  ) {
    const { encoded, reused } = await this.encode(image);
    const d = this.manifest.decoder;
    const ids = typeof prompt === 'function' ? prompt(encoded.frame) : prompt;
    const result: DecodeResult = await greedyDecode(this.decoder, this.ort.Tensor, encoded.memory, ids, d, {
      eosId: this.tokenizer.id('<eos>'),
      maxNewTokens: options.maxNewTokens ?? maxNewTokens,
      signal: options.signal,
      cache: options.useCache === false ? 'none' : this.cacheMode,
      onToken: onToken && ((t) => onToken(t, encoded.frame)),
      coordinate: this.coordinate,
    });
    const stats: RunStats = {
      encodeMs: reused ? 0 : encoded.encodeMs,
      prepareMs: reused ? 0 : encoded.prepareMs,
      firstTokenMs: result.firstTokenMs,
      decodeMs: result.totalMs,
      tokens: result.tokens.length,
      stopped: result.stopped,
      encoderReused: reused,
    };
    const parsed = parseOutput(
      this.tokenizer,
      result.tokens.map((t) => t.id),
      result.tokens.map((t) => t.value),
    );
    return { result, parsed, grounded: groundFindings(parsed, result.tokens, encoded.frame), stats };
  }

  /**
   * A grounded report; `onUpdate` sees the report grow as tokens stream, at most every
   * `updateEveryMs` (default 40: smooth to the eye, while re-grounding and posting the partial
   * report after every token cost as much as the decoder step itself on WASM). `ungated`: the
   * decoder's own draft, without calibrated drafting (what the recipe's evaluation scores).
   */
  async draftReport(
    image: GreyscaleImage,
    indication: string,
    options: RunOptions & { onUpdate?: (report: GroundedReport) => void; updateEveryMs?: number; ungated?: boolean } = {},
  ): Promise<ReportRun> {
    const parser = new OutputParser(this.tokenizer);
    const streamed: DecodedToken[] = [];
    const onUpdate = options.onUpdate;
    const every = options.updateEveryMs ?? 40;
    let lastUpdate = -Infinity;
    // Calibrated drafting (labelGate.ts), for a model calibrated for these weights. While the draft
    // streams, what the head calls absent is already left out: the reader never sees it come and go.
    const calibration = this.manifest.labelCalibration;
    const gates = calibration?.precision === this.precision && !options.ungated;
    // The label head's probabilities come with the encoder's pass over this image, before the first token.
    const headSays = () => (this.encoded?.key === image.key ? this.encoded.findingProbabilities : undefined);
    const { result, grounded, stats } = await this.decode(
      image,
      this.tokenizer.reportPrompt(indication),
      options,
      this.manifest.decoder.maxLen,
      (token, frame) => {
        streamed.push(token);
        parser.push(token.id, token.value);
        if (!onUpdate) return;
        const now = performance.now();
        if (now - lastUpdate < every) return;
        lastUpdate = now;
        const partial = groundFindings(parser.result, streamed, frame);
        const probabilities = gates ? headSays() : undefined;
        onUpdate(probabilities ? { ...partial, findings: gateFindings(partial.findings, probabilities, calibration!).kept } : partial);
      },
    );
    // The finished draft only: while it streams, the last sentence is unfinished by nature.
    const drafted = {
      ...grounded,
      findings: guardFindings(grounded.findings, grounded.complete).map((f) => ({ ...f, ...this.probabilityOf(f.text, f.confidence) })),
    };
    const findingProbabilities = headSays();
    const { report, labelGate } =
      gates && findingProbabilities
        ? await gateDraft(drafted, findingProbabilities, calibration, image, (phrase) =>
            this.locate(image, phrase, { signal: options.signal }),
          )
        : { report: drafted, labelGate: undefined };
    return {
      report,
      tokenIds: result.tokens.map((t) => t.id),
      stats,
      ...(findingProbabilities ? { findingProbabilities } : {}),
      ...(labelGate ? { labelGate, labelHead: labelHeadOf(labelGate.calibrated, calibration!) } : {}),
    };
  }

  /** Where is this phrase? Boxes in image pixels. */
  async locate(image: GreyscaleImage, phrase: string, options: RunOptions = {}): Promise<LocateRun> {
    const { result, grounded, stats } = await this.decode(image, this.tokenizer.groundPrompt(phrase), options, 24);
    return {
      boxes: grounded.findings.flatMap((f) => f.boxes),
      modelBoxes: grounded.findings.flatMap((f) => f.modelBoxes),
      confidence: confidenceOf(
        result.tokens,
        result.tokens.map((_, i) => i),
      ),
      attention: grounded.findings[0]?.attention ?? [],
      stats,
    };
  }

  /** What is in this region (image pixels)? One finding sentence. */
  async describe(image: GreyscaleImage, box: Box, options: RunOptions = {}): Promise<DescribeRun> {
    const prompt = (frame: ImageFrame) => this.tokenizer.describePrompt(imagePixelsToBox(box, frame.input));
    const { grounded, stats } = await this.decode(image, prompt, options, 40);
    const [finding] = guardFindings(grounded.findings.slice(0, 1), grounded.complete);
    return {
      text: finding?.text ?? '',
      confidence: finding?.confidence ?? 0,
      ...this.probabilityOf(finding?.text ?? '', finding?.confidence ?? 0),
      flags: finding?.flags ?? [],
      stats,
    };
  }

  /**
   * Runs the model on a blank image until the budget is spent, so that the first real draft runs
   * at full speed: the browser compiles WebAssembly first with a quick baseline compiler and
   * optimises the hot functions only after they have run a while (measured here: the first few
   * hundred decoder steps 3–5x slower than later ones), and WebGPU compiles each shader on its
   * first use. Meant for the idle time after loading; stops as soon as `signal` aborts.
   */
  async warmUp(options: WarmUpOptions = {}): Promise<WarmUpRun> {
    const start = performance.now();
    const maxSteps = options.maxSteps ?? 300;
    const budgetMs = options.budgetMs ?? 2000;
    const size = this.manifest.inputSize;
    const run: WarmUpRun = { ms: 0, steps: 0, encoderRuns: 0, interrupted: false };
    // The budget also ends a report midway (a slow adapter may take seconds for one).
    const budget = AbortSignal.timeout(budgetMs);
    const signal = options.signal ? AbortSignal.any([options.signal, budget]) : budget;
    const spent = () => run.steps >= maxSteps || performance.now() - start >= budgetMs || signal.aborted;
    // A blank 16-bit radiograph: the preprocessing is JavaScript, which the browser optimises the same way.
    const blank: GreyscaleImage = {
      key: 'warm-up',
      stored: new Uint16Array(1024 * 1024),
      rows: 1024,
      cols: 1024,
      display: { slope: 1, intercept: 0, window: { center: 2048, width: 4096 }, monochrome1: false },
    };
    while (!spent()) {
      const pixels = new this.ort.Tensor('float32', this.prepare(blank).pixels, [1, 1, size, size]);
      const { memory } = splitEncoderOutputs(await this.encoder.run({ pixels }), this.manifest.findingLabels);
      run.encoderRuns++;
      try {
        const result = await greedyDecode(this.decoder, this.ort.Tensor, memory, this.tokenizer.reportPrompt(''), this.manifest.decoder, {
          eosId: this.tokenizer.id('<eos>'),
          maxNewTokens: Math.max(1, maxSteps - run.steps),
          signal,
          cache: this.cacheMode,
        });
        run.steps += result.tokens.length;
      } finally {
        for (const t of Object.values(memory)) t.dispose();
      }
    }
    run.interrupted = !!options.signal?.aborted;
    run.ms = performance.now() - start;
    return run;
  }

  private disposeEncoded(): void {
    for (const t of Object.values(this.encoded?.memory ?? {})) t.dispose();
    this.encoded = undefined;
  }

  async release(): Promise<void> {
    this.disposeEncoded();
    await Promise.all([this.encoder.release(), this.decoder.release()]);
  }
}
