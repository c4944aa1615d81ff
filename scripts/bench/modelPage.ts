// The browser half of `npm run bench:model`: the app's own model client and worker, driven
// from scripts/bench/model.ts through window.lucentBench. Served by the Vite dev server.
import { uncompressedImage } from '../../src/dicom/uncompressedPixels';
import { ModelClient } from '../../src/model/client';
import type { RunStats, WarmUpRun } from '../../src/model/engine';
import type { Precision } from '../../src/model/manifest';
import { MODEL_CACHE } from '../../src/model/modelFiles';
import type { ModelInfo } from '../../src/model/protocol';
import type { GreyscaleImage } from '../../src/imaging/greyscaleImage';

const client = new ModelClient();
let image: GreyscaleImage | undefined;

async function load(config: {
  precision: Precision;
  threads: number;
  cold: boolean;
  manifestUrl: string;
}): Promise<ModelInfo & { wallMs: number }> {
  if (config.cold) await caches.delete(MODEL_CACHE);
  client.dispose(); // a fresh worker: session creation is part of every load
  const start = performance.now();
  const info = await client.load({
    source: { kind: 'url', url: config.manifestUrl },
    backend: 'wasm',
    precision: config.precision,
    threads: config.threads,
  });
  return { ...info, wallMs: performance.now() - start };
}

async function draft(config: { sampleUrl: string; run: number; useCache: boolean }): Promise<RunStats & { wallMs: number }> {
  if (!image) image = uncompressedImage(new Uint8Array(await (await fetch(config.sampleUrl)).arrayBuffer()), config.sampleUrl);
  // A new key each run, so the encoder runs every time; a fresh copy, as the pixels are transferred.
  const input = { ...image, key: `${image.key}#${config.run}`, stored: (image.stored as Uint16Array).slice() };
  const start = performance.now();
  const run = await client.draftReport(input, '', undefined, { useCache: config.useCache }).result;
  return { ...run.stats, wallMs: performance.now() - start };
}

async function warmUp(): Promise<WarmUpRun> {
  return client.warmUp().result;
}

Object.assign(window, { lucentBench: { load, draft, warmUp, isolated: crossOriginIsolated } });
