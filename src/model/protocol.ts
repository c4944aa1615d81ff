// Messages between the UI thread (ModelClient) and the model worker. Plain data only.
import type { GroundedReport } from './grounding';
import type { DescribeRun, LocateRun, ReportRun, WarmUpRun } from './engine';
import type { CheckRun } from './inputCheck';
import type { InputDomain } from './inputDomain';
import type { Precision } from './manifest';
import type { LoadProgress } from './modelFiles';
import type { Box } from '../findings/box';
import type { GreyscaleImage } from '../imaging/greyscaleImage';

export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

export type ModelSource = { kind: 'url'; url: string } | { kind: 'folder'; files: File[] };

export interface LoadRequest {
  source: ModelSource;
  precision?: Precision;
  backend: BackendChoice;
  /** WASM threads; default: 2–4 when the page is cross-origin isolated, else 1. */
  threads?: number;
}

export interface ModelInfo {
  name: string;
  version: string;
  trainedOn: string;
  intendedUse: string;
  inputDomain: InputDomain;
  precision: Precision;
  backend: Backend;
  /** Why WebGPU was not used, when it was asked for or available but not taken. */
  backendNote?: string;
  threads: number;
  fromCache: boolean;
  /** Why the model could not be kept in the browser's cache (it loads, but needs the network next time). */
  cacheProblem?: string;
  loadMs: number;
  /** Of loadMs: getting and checking the files (the rest is creating the sessions). */
  filesMs: number;
  bytes: number;
}

export type TaskRequest =
  | { task: 'report'; image: GreyscaleImage; indication: string; useCache?: boolean }
  | { task: 'locate'; image: GreyscaleImage; phrase: string }
  | { task: 'describe'; image: GreyscaleImage; box: Box }
  /** The pixel checks before a task (inputCheck.ts). */
  | { task: 'check'; image: GreyscaleImage }
  /** Idle-time warm-up (engine.warmUp); any other request to the worker interrupts it. */
  | { task: 'warmup'; maxSteps?: number; budgetMs?: number };

export type ToWorker =
  { type: 'load'; id: number; request: LoadRequest } | { type: 'run'; id: number; request: TaskRequest } | { type: 'cancel'; id: number };

export type TaskResult = ReportRun | LocateRun | DescribeRun | WarmUpRun | CheckRun;

export type FromWorker =
  | { type: 'progress'; id: number; progress: LoadProgress }
  | { type: 'loaded'; id: number; info: ModelInfo }
  | { type: 'partial'; id: number; report: GroundedReport }
  | { type: 'result'; id: number; result: TaskResult }
  | { type: 'error'; id: number; message: string };
