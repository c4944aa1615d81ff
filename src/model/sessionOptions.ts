// onnxruntime session options for the model's two graphs, shared by the browser worker, the
// evaluation CLI and the benchmark so that all of them measure the same thing.
import type { InferenceSession } from 'onnxruntime-web';
import type { ModelManifest } from './manifest';

export type ExecutionBackend = 'webgpu' | 'wasm' | 'cpu';

export function sessionOptions(
  backend: ExecutionBackend,
  manifest: ModelManifest,
  part: 'encoder' | 'decoder',
): InferenceSession.SessionOptions {
  const options: InferenceSession.SessionOptions = {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    // Fold the int8 weights' DequantizeLinear into constants once at load: the download stays
    // int8, and each token no longer pays for de-quantising every weight (measured: 2x slower per token).
    extra: { session: { disable_quant_qdq: '1' } },
  };
  if (backend === 'webgpu') {
    // Keep the key/value cache and the image's cross-attention keys and values on the GPU between decoder steps.
    const prefix = part === 'encoder' ? 'cross' : 'present';
    const names = Array.from({ length: manifest.decoder.layers }, (_, l) => [`${prefix}_key_${l}`, `${prefix}_value_${l}`]).flat();
    options.preferredOutputLocation = Object.fromEntries(names.map((n) => [n, 'gpu-buffer' as const]));
  }
  return options;
}
