// The browser's model runtime in Node, as the evaluation and calibration scripts load it: the
// packaged ONNX files through src/model (onnxruntime-web's WASM build, or onnxruntime-node).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GroundedReportModel, type OrtApi } from '../../src/model/engine';
import type { Precision } from '../../src/model/manifest';
import { modelFromBytes, type ModelBytes } from '../../src/model/modelFiles';

async function ortFor(runtime: string, threads: number): Promise<{ ort: OrtApi; backend: 'wasm' | 'cpu' }> {
  if (runtime === 'node') return { ort: await import('onnxruntime-node'), backend: 'cpu' };
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = threads;
  return { ort, backend: 'wasm' };
}

export async function loadModel(
  modelDir: string,
  precision: Precision,
  runtime: string,
  threads: number,
): Promise<{ model: GroundedReportModel; bytes: ModelBytes }> {
  const { ort, backend } = await ortFor(runtime, threads);
  const manifestJson = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  const bytes = await modelFromBytes(manifestJson, modelDir, async (p) => new Uint8Array(readFileSync(join(modelDir, p))), precision);
  return { model: await GroundedReportModel.create(ort, bytes, backend), bytes };
}
