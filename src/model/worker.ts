/// <reference lib="webworker" />
// The model worker: downloads and checks the model, runs it on WebGPU or WASM, and streams
// results back. Everything heavy about the model happens here, never on the UI thread.
import { softwareAdapter, type AdapterFacts } from './backendChoice';
import { GroundedReportModel } from './engine';
import { fetchModel, readModelFolder, type LoadProgress } from './modelFiles';
import { onnxRuntime } from './ortRuntime';
import type { Backend, FromWorker, LoadRequest, TaskRequest, ToWorker } from './protocol';
import { errorMessage } from '../util/errorMessage';

declare const self: DedicatedWorkerGlobalScope;

let model: GroundedReportModel | undefined;
const running = new Map<number, AbortController>();
/** The warm-up in progress: it gives way to anything else asked of the worker. */
let warmingUp: AbortController | undefined;
/** Tasks cancelled while still waiting in the queue. */
const cancelledEarly = new Set<number>();

const post = (message: FromWorker) => self.postMessage(message);

type Adapter = { info?: AdapterFacts; isFallbackAdapter?: boolean; requestAdapterInfo?: () => Promise<AdapterFacts> };

/** Why WebGPU cannot be used (undefined when it can), and the software renderer's name if the adapter is one. */
async function webgpuAdapter(): Promise<{ problem?: string; software?: string }> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
  if (!gpu) return { problem: 'this browser has no WebGPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { problem: 'no WebGPU adapter is available' };
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    return { software: softwareAdapter({ ...info, isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter }) };
  } catch (error) {
    return { problem: `WebGPU failed: ${String(error)}` };
  }
}

async function load(id: number, request: LoadRequest): Promise<void> {
  const start = performance.now();
  let backend: Backend = 'wasm';
  let backendNote: string | undefined;
  if (request.backend !== 'wasm') {
    const { problem, software } = await webgpuAdapter();
    if (problem && request.backend === 'webgpu') throw new Error(`WebGPU was asked for, but ${problem}.`);
    if (problem) backendNote = `${problem}; running on WASM`;
    // Asked for by name, a software adapter is used; automatic leaves it for the faster WASM.
    else if (software && request.backend === 'auto')
      backendNote = `the only WebGPU adapter is a software renderer (${software}), slower than WASM: running on WASM`;
    else backend = 'webgpu';
  }
  const onProgress = (progress: LoadProgress) => post({ type: 'progress', id, progress });
  const filesStart = performance.now();
  const bytes =
    request.source.kind === 'url'
      ? await fetchModel(request.source.url, request.precision, onProgress)
      : await readModelFolder(request.source.files, request.precision, onProgress);
  const filesMs = performance.now() - filesStart;
  await model?.release();
  model = undefined;
  const create = async (on: Backend) => {
    const { ort, threads } = await onnxRuntime(on, request.threads);
    const created = await GroundedReportModel.create(ort, bytes, on);
    return { created, threads };
  };
  let threads = 0;
  try {
    ({ created: model, threads } = await create(backend));
  } catch (error) {
    if (backend !== 'webgpu' || request.backend === 'webgpu') throw error;
    // An adapter that cannot run this model (a missing feature, a driver bug): WASM still can.
    backend = 'wasm';
    backendNote = `WebGPU could not run the model (${errorMessage(error)}); running on WASM`;
    ({ created: model, threads } = await create(backend));
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
      inputDomain: m.inputDomain,
      precision: bytes.precision,
      backend,
      backendNote,
      threads: backend === 'wasm' ? threads : 0,
      fromCache: bytes.fromCache,
      cacheProblem: bytes.cacheProblem,
      loadMs: performance.now() - start,
      filesMs,
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
    } else if (request.task === 'warmup') {
      warmingUp = controller;
      post({ type: 'result', id, result: await model.warmUp({ signal, maxSteps: request.maxSteps, budgetMs: request.budgetMs }) });
    } else if (request.task === 'check') {
      post({ type: 'result', id, result: model.checkPixels(request.image) });
    } else if (request.task === 'locate') {
      post({ type: 'result', id, result: await model.locate(request.image, request.phrase, { signal }) });
    } else {
      post({ type: 'result', id, result: await model.describe(request.image, request.box, { signal }) });
    }
  } finally {
    running.delete(id);
    if (warmingUp === controller) warmingUp = undefined;
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
  if (!(message.type === 'run' && message.request.task === 'warmup')) warmingUp?.abort();
  queue = queue.then(async () => {
    try {
      if (message.type === 'load') await load(message.id, message.request);
      else await run(message.id, message.request);
    } catch (error) {
      post({ type: 'error', id: message.id, message: errorMessage(error) });
    }
  });
};
