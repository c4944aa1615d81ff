/// <reference lib="webworker" />
// The model worker: downloads and checks the model, runs it on WebGPU or WASM, and streams
// results back. Everything heavy about the model happens here, never on the UI thread.
import * as ort from 'onnxruntime-web/webgpu';
// onnxruntime-web must be told where its own WASM glue is, or its thread workers start the
// app's chunk instead and die (see docs/setup-notes.md). The webgpu build uses the asyncify pair.
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { GroundedReportModel } from './engine';
import { fetchModel, readModelFolder, type LoadProgress } from './modelFiles';
import { sessionOptions } from './sessionOptions';
import type { Backend, FromWorker, LoadRequest, TaskRequest, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let model: GroundedReportModel | undefined;
let configured = false;
const running = new Map<number, AbortController>();
/** Tasks cancelled while still waiting in the queue. */
const cancelledEarly = new Set<number>();

const post = (message: FromWorker) => self.postMessage(message);

function configureWasm(threads: number | undefined): number {
  if (!configured) {
    ort.env.wasm.wasmPaths = { mjs: new URL(ortMjsUrl, self.location.href).href, wasm: new URL(ortWasmUrl, self.location.href).href };
    // Threads need SharedArrayBuffer, which needs a cross-origin isolated page (COOP/COEP).
    const available = self.crossOriginIsolated ? Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2)) : 1;
    ort.env.wasm.numThreads = Math.max(1, Math.min(threads ?? available, available));
    configured = true;
  }
  return ort.env.wasm.numThreads ?? 1;
}

async function webgpuAvailable(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'this browser has no WebGPU';
  try {
    return (await gpu.requestAdapter()) ? undefined : 'no WebGPU adapter is available';
  } catch (error) {
    return `WebGPU failed: ${String(error)}`;
  }
}

async function load(id: number, request: LoadRequest): Promise<void> {
  const start = performance.now();
  const threads = configureWasm(request.threads);
  let backend: Backend = 'wasm';
  let backendNote: string | undefined;
  if (request.backend !== 'wasm') {
    const problem = await webgpuAvailable();
    if (!problem) backend = 'webgpu';
    else if (request.backend === 'webgpu') throw new Error(`WebGPU was asked for, but ${problem}.`);
    else backendNote = `${problem}; running on WASM`;
  }
  const onProgress = (progress: LoadProgress) => post({ type: 'progress', id, progress });
  const bytes =
    request.source.kind === 'url'
      ? await fetchModel(request.source.url, request.precision, onProgress)
      : await readModelFolder(request.source.files, request.precision, onProgress);
  await model?.release();
  model = undefined;
  try {
    model = await GroundedReportModel.create(ort, bytes, { encoder: sessionOptions(backend, bytes.manifest, 'encoder'), decoder: sessionOptions(backend, bytes.manifest, 'decoder') });
  } catch (error) {
    if (backend !== 'webgpu' || request.backend === 'webgpu') throw error;
    // An adapter that cannot run this model (a missing feature, a driver bug): WASM still can.
    backend = 'wasm';
    backendNote = `WebGPU could not run the model (${error instanceof Error ? error.message : String(error)}); running on WASM`;
    model = await GroundedReportModel.create(ort, bytes, { encoder: sessionOptions(backend, bytes.manifest, 'encoder'), decoder: sessionOptions(backend, bytes.manifest, 'decoder') });
  }
  const m = bytes.manifest;
  post({
    type: 'loaded',
    id,
    info: {
      name: m.name,
      version: m.version,
      trainedOn: m.trainedOn,
      intendedUse: m.intendedUse,
      precision: bytes.precision,
      backend,
      backendNote,
      threads: backend === 'wasm' ? threads : 0,
      fromCache: bytes.fromCache,
      loadMs: performance.now() - start,
      bytes: bytes.encoder.length + bytes.decoder.length,
    },
  });
}

async function run(id: number, request: TaskRequest): Promise<void> {
  if (!model) throw new Error('No model is loaded.');
  const controller = new AbortController();
  if (cancelledEarly.delete(id)) controller.abort();
  running.set(id, controller);
  try {
    const signal = controller.signal;
    if (request.task === 'report') {
      const result = await model.draftReport(request.image, request.indication, {
        signal,
        useCache: request.useCache,
        onUpdate: (report) => post({ type: 'partial', id, report }),
      });
      post({ type: 'result', id, result });
    } else if (request.task === 'locate') {
      post({ type: 'result', id, result: await model.locate(request.image, request.phrase, { signal }) });
    } else {
      post({ type: 'result', id, result: await model.describe(request.image, request.box, { signal }) });
    }
  } finally {
    running.delete(id);
  }
}

// One task at a time: onnxruntime sessions are not re-entrant, and the UI expects results in order.
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    const task = running.get(message.id);
    if (task) task.abort();
    else cancelledEarly.add(message.id);
    return;
  }
  queue = queue.then(async () => {
    try {
      if (message.type === 'load') await load(message.id, message.request);
      else await run(message.id, message.request);
    } catch (error) {
      post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
};
