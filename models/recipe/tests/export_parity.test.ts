// Export parity: a tiny randomly initialised model exported by models/recipe/export_onnx.py
// (fp32) and quantize.py (int8) gives PyTorch's outputs under onnxruntime-web (WASM, in Node),
// including the key/value-cache step that starts from zero-length past tensors, the label head's
// logits (an encoder output), and greedy decoding with the cache kept in JavaScript, fed back from the session, or not kept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { endsInLoop, greedyDecode } from '../../../src/model/decoding';

const PY = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'lucent-export-'));

interface Reference {
  generated: number[];
  generated_probs: number[];
  pixels: number[];
  pixels_shape: number[];
  prompt: number[];
  next: number;
  cross_key_0_first: number[];
  prefill_last_logits: number[];
  prefill_cross_attention_last: number[];
  step_logits: number[];
  step_cross_attention: number[];
  n_layers: number;
  n_heads: number;
  head_dim: number;
  /** The label head's probabilities (the tiny model has one). */
  finding_probs: number[];
}
let ref: Reference;

beforeAll(() => {
  execFileSync(PY, ['models/recipe/export_onnx.py', '--tiny', '--out', dir], { stdio: 'pipe' });
  for (const part of ['encoder', 'decoder']) {
    execFileSync(PY, ['models/recipe/quantize.py', join(dir, `${part}.onnx`), join(dir, `${part}.int8.onnx`)], { stdio: 'pipe' });
  }
  ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8'));
  ort.env.wasm.numThreads = 1;
}, 120_000);

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));
const lastRow = (t: ort.Tensor) => {
  const width = t.dims[t.dims.length - 1];
  const data = t.data as Float32Array;
  return data.slice(data.length - width);
};

async function runModel(suffix: string) {
  const session = (name: string) => ort.InferenceSession.create(readFileSync(join(dir, `${name}${suffix}.onnx`)));
  const [encoder, decoder] = await Promise.all([session('encoder'), session('decoder')]);
  const pixels = new ort.Tensor('float32', Float32Array.from(ref.pixels), ref.pixels_shape);
  const { finding_logits: findingLogits, ...memory } = await encoder.run({ pixels });
  const emptyPast: Record<string, ort.Tensor> = {};
  for (let l = 0; l < ref.n_layers; l++) {
    for (const kind of ['key', 'value'])
      emptyPast[`past_${kind}_${l}`] = new ort.Tensor('float32', new Float32Array(0), [1, 0, ref.n_heads * ref.head_dim]);
  }
  const ids = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
  const prefill = await decoder.run({ input_ids: ids(ref.prompt), ...memory, ...emptyPast });
  const past: Record<string, ort.Tensor> = {};
  for (let l = 0; l < ref.n_layers; l++) {
    for (const kind of ['key', 'value']) past[`past_${kind}_${l}`] = prefill[`present_${kind}_${l}`];
  }
  const step = await decoder.run({ input_ids: ids([ref.next]), ...memory, ...past });
  return { memory, findingLogits, prefill, step };
}

describe('ONNX export of the grounded report model', () => {
  it('fp32 matches PyTorch (encoder, prefill, cached step, cross-attention) within 1e-4', async () => {
    const { memory, findingLogits, prefill, step } = await runModel('');
    // The label head's logits come out of the encoder beside the cross-attention keys and values.
    expect(
      maxAbsDiff(
        Array.from(findingLogits.data as Float32Array, (v) => 1 / (1 + Math.exp(-v))),
        ref.finding_probs,
      ),
    ).toBeLessThan(1e-4);
    const key = memory.cross_key_0.data as Float32Array;
    const width = memory.cross_key_0.dims[3];
    const first = Array.from({ length: 4 }, (_, r) => Array.from(key.slice(r * width, r * width + 8))).flat();
    expect(maxAbsDiff(first, ref.cross_key_0_first)).toBeLessThan(1e-4);
    expect(maxAbsDiff(lastRow(prefill.logits), ref.prefill_last_logits)).toBeLessThan(1e-4);
    expect(maxAbsDiff(lastRow(prefill.cross_attention), ref.prefill_cross_attention_last)).toBeLessThan(1e-5);
    expect(maxAbsDiff(lastRow(step.logits), ref.step_logits)).toBeLessThan(1e-4);
    expect(maxAbsDiff(lastRow(step.cross_attention), ref.step_cross_attention)).toBeLessThan(1e-5);
    // The cache is position-major: the whole cache is the past rows, then this call's new rows.
    expect(step.present_key_0.dims).toEqual([1, ref.prompt.length + 1, ref.n_heads * ref.head_dim]);
    expect(step.new_key_0.dims).toEqual([1, 1, ref.n_heads * ref.head_dim]);
    expect(Array.from(step.present_value_1.data as Float32Array).slice(-ref.n_heads * ref.head_dim)).toEqual(
      Array.from(step.new_value_1.data as Float32Array),
    );
    expect(Array.from(step.present_key_0.data as Float32Array).slice(0, ref.prompt.length * ref.n_heads * ref.head_dim)).toEqual(
      Array.from(prefill.present_key_0.data as Float32Array),
    );
  }, 60_000);

  it('int8 stays within 0.05 of the fp32 logits and is under 30% of its size', async () => {
    const { findingLogits, prefill, step } = await runModel('.int8');
    expect(
      maxAbsDiff(
        Array.from(findingLogits.data as Float32Array, (v) => 1 / (1 + Math.exp(-v))),
        ref.finding_probs,
      ),
    ).toBeLessThan(0.02);
    expect(maxAbsDiff(lastRow(prefill.logits), ref.prefill_last_logits)).toBeLessThan(0.05);
    expect(maxAbsDiff(lastRow(step.logits), ref.step_logits)).toBeLessThan(0.05);
    const size = (name: string) => readFileSync(join(dir, name)).length;
    const fp32 = size('encoder.onnx') + size('decoder.onnx');
    const int8 = size('encoder.int8.onnx') + size('decoder.int8.onnx');
    expect(int8 / fp32).toBeLessThan(0.3);
  }, 60_000);
});

describe('greedy decoding with the key/value cache (src/model/decoding.ts)', () => {
  it.each(['host', 'session', 'none'] as const)(
    "produces PyTorch generate()'s tokens and probabilities on the exported decoder (cache: %s)",
    async (cache) => {
      const encoder = await ort.InferenceSession.create(readFileSync(join(dir, 'encoder.onnx')));
      const decoder = await ort.InferenceSession.create(readFileSync(join(dir, 'decoder.onnx')));
      const pixels = new ort.Tensor('float32', Float32Array.from(ref.pixels), ref.pixels_shape);
      const { finding_logits: _, ...memory } = await encoder.run({ pixels });
      const streamed: number[] = [];
      const result = await greedyDecode(
        decoder,
        ort.Tensor,
        memory,
        ref.prompt,
        { layers: ref.n_layers, heads: ref.n_heads, headDim: ref.head_dim, maxLen: 48 },
        {
          eosId: 1,
          maxNewTokens: 12,
          maxRepeats: 99,
          cache,
          onToken: (t) => streamed.push(t.id),
        },
      );
      expect(result.tokens.map((t) => t.id)).toEqual(ref.generated);
      expect(streamed).toEqual(ref.generated);
      expect(
        maxAbsDiff(
          result.tokens.map((t) => t.prob),
          ref.generated_probs,
        ),
      ).toBeLessThan(1e-4);
      expect(result.tokens[0].cross.length).toBe(memory.cross_key_0.dims[2]);
    },
    60_000,
  );

  it('stops on cancellation and on repetition loops', async () => {
    expect(endsInLoop([5, 1, 2, 1, 2, 1, 2, 1, 2], 4)).toBe(true);
    expect(endsInLoop([1, 2, 3, 1, 2, 3, 1, 2, 4], 3)).toBe(false);
    const encoder = await ort.InferenceSession.create(readFileSync(join(dir, 'encoder.onnx')));
    const decoder = await ort.InferenceSession.create(readFileSync(join(dir, 'decoder.onnx')));
    const pixels = new ort.Tensor('float32', Float32Array.from(ref.pixels), ref.pixels_shape);
    const { finding_logits: _, ...memory } = await encoder.run({ pixels });
    const controller = new AbortController();
    const result = await greedyDecode(
      decoder,
      ort.Tensor,
      memory,
      ref.prompt,
      { layers: ref.n_layers, heads: ref.n_heads, headDim: ref.head_dim, maxLen: 48 },
      {
        eosId: -1,
        maxNewTokens: 40,
        signal: controller.signal,
        onToken: (_, k) => k === 2 && controller.abort(),
      },
    );
    expect(result.stopped === 'cancelled' || result.stopped === 'repetition').toBe(true);
    expect(result.tokens.length).toBeLessThanOrEqual(3);
  }, 60_000);
});
