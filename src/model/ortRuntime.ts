// onnxruntime-web for the model worker, one build per backend. Measured here (Chromium, 2 cores):
// the WebGPU build's WASM (asyncify) ran this decoder at 14–25 ms per token against 5–7 ms for
// the plain WASM build, so WASM inference uses the plain build and only WebGPU loads the other.
// Each build must be told where its own WASM glue is, or its thread workers start the app's
// chunk instead and die (see docs/setup-notes.md).
import asyncifyMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import asyncifyWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import plainMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { OrtApi } from './engine';
import type { Backend } from './protocol';

type OrtModule = typeof import('onnxruntime-web');

const loaded = new Map<Backend, Promise<OrtModule>>();

/** onnxruntime's own default: half the cores, at most 4; 1 without cross-origin isolation (no SharedArrayBuffer). */
export function defaultThreads(): number {
  return globalThis.crossOriginIsolated ? Math.min(4, Math.ceil((navigator.hardwareConcurrency || 1) / 2)) : 1;
}

/** The build for a backend; `threads` applies the first time that build is loaded in this worker. */
export async function onnxRuntime(backend: Backend, threads?: number): Promise<{ ort: OrtApi; threads: number }> {
  let module = loaded.get(backend);
  if (!module) {
    module = (backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm')).then((ort) => {
      const [mjs, wasm] = backend === 'webgpu' ? [asyncifyMjs, asyncifyWasm] : [plainMjs, plainWasm];
      ort.env.wasm.wasmPaths = { mjs: new URL(mjs, location.href).href, wasm: new URL(wasm, location.href).href };
      const most = globalThis.crossOriginIsolated ? 4 : 1;
      ort.env.wasm.numThreads = Math.max(1, Math.min(threads ?? defaultThreads(), most));
      return ort as unknown as OrtModule;
    });
    loaded.set(backend, module);
  }
  const ort = await module;
  return { ort, threads: ort.env.wasm.numThreads ?? 1 };
}
