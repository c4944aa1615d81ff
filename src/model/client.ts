// The UI thread's handle on the model worker: promises for loading and tasks, callbacks for
// progress and streamed partial reports, and cancellation. Holds no model state itself.
import type { GroundedReport } from './grounding';
import type { DescribeRun, LocateRun, ReportRun, WarmUpRun } from './engine';
import type { CheckRun } from './inputCheck';
import type { LoadProgress } from './modelFiles';
import type { FromWorker, LoadRequest, ModelInfo, TaskRequest, TaskResult, ToWorker } from './protocol';
import type { Box } from '../findings/box';
import { errorMessage } from '../util/errorMessage';
import type { GreyscaleImage } from '../imaging/greyscaleImage';

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (p: LoadProgress) => void;
  onPartial?: (r: GroundedReport) => void;
}

export interface RunningTask<T> {
  result: Promise<T>;
  cancel: () => void;
}

export class ModelClient {
  private worker: Worker | undefined;
  private workerThreads: number | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * Loads a model, replacing the one loaded. The worker is kept (so this works offline too) unless
   * another WASM thread count is asked for: onnxruntime fixes that when it starts.
   */
  load(request: LoadRequest, onProgress?: (p: LoadProgress) => void): Promise<ModelInfo> {
    if (!this.worker || request.threads !== this.workerThreads) {
      this.dispose();
      this.workerThreads = request.threads;
      this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'lucent-model' });
      this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
      this.worker.onerror = (event) => {
        this.failAll(`The model worker stopped: ${event.message || 'unknown error'}`);
        this.worker = undefined;
      };
    }
    // The worker resolves relative URLs against its own script; give it an absolute one.
    const source =
      request.source.kind === 'url' ? { kind: 'url' as const, url: new URL(request.source.url, location.href).href } : request.source;
    return this.send<ModelInfo>({ type: 'load', id: 0, request: { ...request, source } }, { onProgress }).result;
  }

  draftReport(
    image: GreyscaleImage,
    indication: string,
    onPartial?: (r: GroundedReport) => void,
    options: { useCache?: boolean } = {},
  ): RunningTask<ReportRun> {
    return this.task<ReportRun>({ task: 'report', image, indication, useCache: options.useCache }, onPartial);
  }

  locate(image: GreyscaleImage, phrase: string): RunningTask<LocateRun> {
    return this.task<LocateRun>({ task: 'locate', image, phrase });
  }

  /** The pixel checks on an image before a task (inputCheck.ts). */
  check(image: GreyscaleImage): RunningTask<CheckRun> {
    return this.task<CheckRun>({ task: 'check', image });
  }

  describe(image: GreyscaleImage, box: Box): RunningTask<DescribeRun> {
    return this.task<DescribeRun>({ task: 'describe', image, box });
  }

  /** Warms the loaded model up in the worker's idle time (see GroundedReportModel.warmUp); any other task interrupts it. */
  warmUp(options: { maxSteps?: number; budgetMs?: number } = {}): RunningTask<WarmUpRun> {
    return this.task<WarmUpRun>({ task: 'warmup', ...options });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.failAll('The model was unloaded.');
  }

  private task<T extends TaskResult>(request: TaskRequest, onPartial?: (r: GroundedReport) => void): RunningTask<T> {
    if (!this.worker) return { result: Promise.reject(new Error('No model is loaded.')), cancel: () => {} };
    return this.send<T>({ type: 'run', id: 0, request }, { onPartial });
  }

  private send<T>(message: ToWorker, callbacks: Pick<Pending, 'onProgress' | 'onPartial'>): RunningTask<T> {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, ...callbacks });
    });
    const stored = message.type === 'run' && 'image' in message.request ? message.request.image.stored : undefined;
    // Hand the pixel copy over instead of cloning it again.
    const transfer = ArrayBuffer.isView(stored) && stored.buffer instanceof ArrayBuffer ? [stored.buffer] : [];
    try {
      this.worker!.postMessage({ ...message, id } as ToWorker, transfer);
    } catch (error) {
      // A message that cannot be sent (a pixel buffer already handed over) fails its task, not the caller.
      this.pending.get(id)?.reject(new Error(`the model worker could not be sent the task: ${errorMessage(error)}`));
      this.pending.delete(id);
    }
    return { result, cancel: () => this.worker?.postMessage({ type: 'cancel', id } satisfies ToWorker) };
  }

  private receive(message: FromWorker): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.progress);
        break;
      case 'partial':
        pending.onPartial?.(message.report);
        break;
      case 'loaded':
        this.pending.delete(message.id);
        pending.resolve(message.info as never);
        break;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.result as never);
        break;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(new Error(message.message));
        break;
    }
  }

  private failAll(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }
}
