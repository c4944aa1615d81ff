// Greedy decoding with the decoder's key/value cache, streaming each token as it comes.
// Works with any onnxruntime build (Node or browser, WASM or WebGPU): the caller passes its
// Tensor constructor. Plain TypeScript, no DOM.
import type { InferenceSession, Tensor } from 'onnxruntime-web';

export interface DecoderShape {
  layers: number;
  heads: number;
  headDim: number;
  maxLen: number;
}

export interface DecodedToken {
  id: number;
  /** Probability the model gave this token (softmax of the last logits row). */
  prob: number;
  /** Cross-attention of this step over the encoder tokens (mean over heads and layers). */
  cross: Float32Array;
  /** For a box coordinate token: the coordinate in 0..1 read from this step's logits (DecodeOptions.coordinate). */
  value?: number;
}

export type StopReason = 'eos' | 'limit' | 'repetition' | 'cancelled';

export interface DecodeOptions {
  eosId: number;
  maxNewTokens: number;
  signal?: AbortSignal;
  onToken?: (token: DecodedToken, index: number) => void;
  /** The coordinate a chosen token stands for, from the step's logits (`logits[offset + id]`); undefined for words. */
  coordinate?: (id: number, logits: Float32Array, offset: number) => number | undefined;
  /** Stop when the last tokens repeat one n-gram (n ≤ 8) this many times in a row. */
  maxRepeats?: number;
  /** Where the key/value cache is kept between steps (default `host`); see CacheMode. */
  cache?: CacheMode;
  /**
   * Let the event loop run every this many tokens (default 8). On WASM each step resolves within
   * the same task, so without this a cancel message would only be read after the last token.
   */
  yieldEvery?: number;
}

export interface DecodeResult {
  tokens: DecodedToken[];
  stopped: StopReason;
  /** Milliseconds to the first token, and for everything. */
  firstTokenMs: number;
  totalMs: number;
}

type TensorCtor = typeof Tensor;

/** Resolves in a new task of the event loop (a message, not setTimeout, which is clamped to 4 ms when nested). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

function argmaxSoftmax(logits: Float32Array, offset: number, width: number): { id: number; prob: number } {
  let best = offset;
  for (let i = offset + 1; i < offset + width; i++) if (logits[i] > logits[best]) best = i;
  let sum = 0;
  const max = logits[best];
  for (let i = offset; i < offset + width; i++) sum += Math.exp(logits[i] - max);
  return { id: best - offset, prob: 1 / sum };
}

/** True when the sequence ends with the same n-gram `repeats` times in a row, for some n ≤ 8. */
export function endsInLoop(ids: number[], repeats: number): boolean {
  for (let n = 1; n <= 8; n++) {
    if (ids.length < n * repeats) break;
    const tail = ids.slice(ids.length - n);
    let loop = true;
    for (let r = 1; r < repeats && loop; r++) {
      for (let k = 0; k < n; k++) {
        if (ids[ids.length - (r + 1) * n + k] !== tail[k]) {
          loop = false;
          break;
        }
      }
    }
    if (loop) return true;
  }
  return false;
}

/**
 * Where the decoder's key/value cache lives between steps:
 * - `host`: in one buffer per layer allocated for the whole run; each step fetches only the new
 *   tokens' keys and values (`new_*`) and appends them. For WASM and native CPU: onnxruntime-web
 *   copies every fetched output into a newly allocated array, and fetching the whole cache at every
 *   step (~190 KB of fresh memory per token) took most of a step's time in Chromium.
 * - `session`: the decoder's `present_*` outputs are fed back as they are; with WebGPU they are
 *   GPU buffers (sessionOptions.ts) and never leave the GPU.
 * - `none`: no cache, every step recomputes the whole sequence (benchmarks).
 */
export type CacheMode = 'host' | 'session' | 'none';

/** The key/value cache kept in JavaScript: row-major [position, heads * headDim] per layer and kind. */
class HostCache {
  private readonly buffers = new Map<string, Float32Array>();
  private length = 0;

  constructor(private readonly shape: DecoderShape) {
    const width = shape.heads * shape.headDim;
    for (const name of this.names('past')) this.buffers.set(name, new Float32Array(shape.maxLen * width));
  }

  names(prefix: 'past' | 'new'): string[] {
    return Array.from({ length: this.shape.layers }, (_, l) => [`${prefix}_key_${l}`, `${prefix}_value_${l}`]).flat();
  }

  /** The cache so far as decoder inputs: views of the buffers, nothing copied. */
  feeds(TensorClass: TensorCtor): Record<string, Tensor> {
    const width = this.shape.heads * this.shape.headDim;
    const feeds: Record<string, Tensor> = {};
    for (const [name, buffer] of this.buffers)
      feeds[name] = new TensorClass('float32', buffer.subarray(0, this.length * width), [1, this.length, width]);
    return feeds;
  }

  async append(out: InferenceSession.OnnxValueMapType): Promise<void> {
    const width = this.shape.heads * this.shape.headDim;
    let added = 0;
    for (const [name, buffer] of this.buffers) {
      const step = out[name.replace('past_', 'new_')];
      const rows = (await step.getData()) as Float32Array;
      buffer.set(rows, this.length * width);
      added = step.dims[1];
      step.dispose();
    }
    this.length += added;
  }
}

export async function greedyDecode(
  decoder: InferenceSession,
  TensorClass: TensorCtor,
  /** The encoder's outputs (each decoder layer's cross-attention keys and values of the image). */
  image: Record<string, Tensor>,
  prompt: number[],
  shape: DecoderShape,
  options: DecodeOptions,
): Promise<DecodeResult> {
  const start = performance.now();
  let firstTokenMs = 0;
  const tokens: DecodedToken[] = [];
  const mode: CacheMode = options.cache ?? 'host';
  const width = shape.heads * shape.headDim;
  const pastNames = Array.from({ length: shape.layers }, (_, l) => [`past_key_${l}`, `past_value_${l}`]).flat();
  // The first call passes zero-length caches (accepted by onnxruntime-web on WASM and WebGPU).
  const emptyPast = () => Object.fromEntries(pastNames.map((n) => [n, new TensorClass('float32', new Float32Array(0), [1, 0, width])]));
  const host = mode === 'host' ? new HostCache(shape) : undefined;
  const presentNames = pastNames.map((n) => n.replace('past_', 'present_'));
  const fetches = ['logits', 'cross_attention', ...(host ? host.names('new') : mode === 'session' ? presentNames : [])];
  let past: Record<string, Tensor> = host ? {} : emptyPast();
  let input = prompt;
  const limit = Math.min(options.maxNewTokens, shape.maxLen - prompt.length);
  let stopped: StopReason = 'limit';
  const repeats = options.maxRepeats ?? 4;
  const yieldEvery = options.yieldEvery ?? 8;
  try {
    while (tokens.length < limit) {
      if (tokens.length > 0 && tokens.length % yieldEvery === 0) await nextTask();
      if (options.signal?.aborted) {
        stopped = 'cancelled';
        break;
      }
      const ids = new TensorClass('int64', BigInt64Array.from(input.map(BigInt)), [1, input.length]);
      const out = await decoder.run({ input_ids: ids, ...image, ...(host ? host.feeds(TensorClass) : past) }, fetches);
      const logits = (await out.logits.getData()) as Float32Array;
      const vocab = out.logits.dims[2];
      const offset = (input.length - 1) * vocab;
      const { id, prob } = argmaxSoftmax(logits, offset, vocab);
      const crossAll = (await out.cross_attention.getData()) as Float32Array;
      const n = out.cross_attention.dims[2];
      const token: DecodedToken = { id, prob, cross: crossAll.slice((input.length - 1) * n, input.length * n) };
      const value = options.coordinate?.(id, logits, offset);
      if (value !== undefined) token.value = value;
      out.logits.dispose();
      out.cross_attention.dispose();
      if (host) await host.append(out);
      else {
        for (const t of Object.values(past)) t.dispose();
        past = mode === 'session' ? Object.fromEntries(pastNames.map((name, i) => [name, out[presentNames[i]]])) : emptyPast();
      }
      if (tokens.length === 0) firstTokenMs = performance.now() - start;
      tokens.push(token);
      options.onToken?.(token, tokens.length - 1);
      if (id === options.eosId) {
        stopped = 'eos';
        break;
      }
      if (
        endsInLoop(
          tokens.map((t) => t.id),
          repeats,
        )
      ) {
        stopped = 'repetition';
        break;
      }
      input = mode === 'none' ? [...input, id] : [id];
    }
  } finally {
    for (const t of Object.values(past)) t.dispose();
  }
  return { tokens, stopped, firstTokenMs, totalMs: performance.now() - start };
}
