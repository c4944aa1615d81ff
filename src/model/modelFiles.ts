// Getting a model's bytes: from a manifest URL (with progress, kept in Cache Storage so a
// second load downloads nothing) or from a local folder the user picked. Every file is
// checked against the manifest's sha256 before it is used; a mismatch is refused.
// Runs in the model worker and in Node (no Cache Storage there: files are just fetched).
import { parseManifest, type ModelManifest, type ManifestFile, type Precision } from './manifest';
import type { TokenizerJson } from './tokenizer';
import { errorMessage } from '../util/errorMessage';

export const MODEL_CACHE = 'lucent-models-v1';

export interface ModelBytes {
  manifest: ModelManifest;
  encoder: Uint8Array;
  decoder: Uint8Array;
  tokenizer: TokenizerJson;
  precision: Precision;
  /** Every model file came from Cache Storage (nothing was downloaded). */
  fromCache: boolean;
  /** Why the downloaded files could not be kept for next time (e.g. the storage quota is full). */
  cacheProblem?: string;
}

export interface LoadProgress {
  file: string;
  /** Bytes of all the model's files so far, and in total. */
  loaded: number;
  total: number;
}

export class ModelIntegrityError extends Error {
  constructor(file: string, expected: string, actual: string) {
    super(
      `${file} does not match the sha256 in its manifest (expected ${expected.slice(0, 12)}…, got ${actual.slice(0, 12)}…). ` +
        'The file is damaged or was changed; Lucent will not run it.',
    );
    this.name = 'ModelIntegrityError';
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (!globalThis.crypto?.subtle)
    throw new Error('Checking the model files needs a secure page (https, or http on localhost): serve Lucent over https.');
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function verified(name: string, bytes: Uint8Array, spec: ManifestFile): Promise<Uint8Array> {
  const actual = await sha256Hex(bytes);
  if (actual !== spec.sha256) throw new ModelIntegrityError(name, spec.sha256, actual);
  return bytes;
}

/** The checked bytes of filesOf()'s files, in its order, as a model. */
function assemble(
  manifest: ModelManifest,
  [encoder, decoder, tokenizer]: Uint8Array[],
  precision: Precision,
  fromCache: boolean,
  cacheProblem?: string,
): ModelBytes {
  return {
    manifest,
    encoder,
    decoder,
    tokenizer: JSON.parse(new TextDecoder().decode(tokenizer)) as TokenizerJson,
    precision,
    fromCache,
    cacheProblem,
  };
}

type Progress = (p: LoadProgress) => void;

function filesOf(manifest: ModelManifest, precision: Precision): Array<[role: 'encoder' | 'decoder' | 'tokenizer', spec: ManifestFile]> {
  return [
    ['encoder', manifest.files.encoder[precision]],
    ['decoder', manifest.files.decoder[precision]],
    ['tokenizer', manifest.files.tokenizer],
  ];
}

async function openCache(): Promise<Cache | undefined> {
  // Cache Storage exists in browsers (window and workers) on secure origins; not in Node.
  try {
    return typeof caches === 'undefined' ? undefined : await caches.open(MODEL_CACHE);
  } catch {
    return undefined;
  }
}

async function readBody(response: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onBytes(bytes.length);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.length);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new Error(`Could not reach ${url} (${errorMessage(error)})`);
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
  return response;
}

/**
 * Keep a response for next time. A refusal (a full storage quota above all) does not stop the model
 * from loading now: it is returned, to be shown, and the next load downloads again.
 */
async function keep(cache: Cache | undefined, url: string, response: Response): Promise<string | undefined> {
  try {
    await cache?.put(url, response);
    return undefined;
  } catch (error) {
    const name = error instanceof Error || error instanceof DOMException ? error.name : '';
    return name === 'QuotaExceededError'
      ? 'the browser’s storage for this site is full'
      : `the browser refused to cache it (${String(error)})`;
  }
}

/**
 * The manifest is asked from the network first (4 KB, so that a new model version at the same
 * URL is picked up), falling back to the cached copy when offline.
 */
async function loadManifest(url: string, cache: Cache | undefined): Promise<{ manifest: ModelManifest; cacheProblem?: string }> {
  let text: string;
  let cacheProblem: string | undefined;
  try {
    const response = await fetchOk(url, { cache: 'no-cache' });
    text = await response.text();
    cacheProblem = await keep(cache, url, new Response(text, { headers: { 'Content-Type': 'application/json' } }));
  } catch (error) {
    const cached = await cache?.match(url);
    if (!cached) throw error;
    text = await cached.text();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${url} is not JSON: is this the model's manifest.json?`);
  }
  return { manifest: parseManifest(json, url), cacheProblem };
}

/** `precision` defaults to the manifest's own default. */
export async function fetchModel(manifestUrl: string, precision: Precision | undefined, onProgress?: Progress): Promise<ModelBytes> {
  const base = new URL(manifestUrl, globalThis.location?.href);
  const cache = await openCache();
  const { manifest, cacheProblem: manifestCacheProblem } = await loadManifest(base.href, cache);
  let cacheProblem = manifestCacheProblem;
  precision ??= manifest.defaultPrecision;
  const files = filesOf(manifest, precision);
  const total = files.reduce((n, [, f]) => n + f.bytes, 0);
  let loaded = 0;
  let fromCache = true;
  const bytes: Uint8Array[] = [];
  for (const [, spec] of files) {
    const url = new URL(spec.path, base).href;
    const cached = await cache?.match(url);
    if (cached) {
      const data = new Uint8Array(await cached.arrayBuffer());
      // A cached copy of another version (same path, new checksum) is replaced.
      if ((await sha256Hex(data)) === spec.sha256) {
        loaded += spec.bytes;
        onProgress?.({ file: spec.path, loaded, total });
        bytes.push(data);
        continue;
      }
      await cache?.delete(url);
    }
    fromCache = false;
    const response = await fetchOk(url);
    const data = await readBody(response, (n) => {
      loaded += n;
      onProgress?.({ file: spec.path, loaded: Math.min(loaded, total), total });
    });
    bytes.push(await verified(spec.path, data, spec));
    cacheProblem ??= await keep(
      cache,
      url,
      new Response(data as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/octet-stream' } }),
    );
  }
  return assemble(manifest, bytes, precision, fromCache, cacheProblem);
}

/** A model folder the user picked (its manifest.json and the files it names), checked the same way. */
export async function readModelFolder(files: File[], precision: Precision | undefined, onProgress?: Progress): Promise<ModelBytes> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const manifestFile = byName.get('manifest.json');
  if (!manifestFile) throw new Error('The chosen folder has no manifest.json.');
  let json: unknown;
  try {
    json = JSON.parse(await manifestFile.text());
  } catch {
    throw new Error('manifest.json in the chosen folder is not JSON.');
  }
  const manifest = parseManifest(json, 'manifest.json');
  precision ??= manifest.defaultPrecision;
  const specs = filesOf(manifest, precision);
  const total = specs.reduce((n, [, f]) => n + f.bytes, 0);
  let loaded = 0;
  const bytes: Uint8Array[] = [];
  for (const [, spec] of specs) {
    const file = byName.get(spec.path.split('/').pop()!);
    if (!file) throw new Error(`The chosen folder lacks ${spec.path}, which manifest.json names.`);
    const data = new Uint8Array(await file.arrayBuffer());
    loaded += data.length;
    onProgress?.({ file: spec.path, loaded, total });
    bytes.push(await verified(spec.path, data, spec));
  }
  return assemble(manifest, bytes, precision, false);
}

/** Node and tests: a model folder on disk, read through the same checks. */
export async function modelFromBytes(
  manifestJson: unknown,
  source: string,
  read: (path: string) => Promise<Uint8Array>,
  precision: Precision,
): Promise<ModelBytes> {
  const manifest = parseManifest(manifestJson, source);
  const bytes: Uint8Array[] = [];
  for (const [, spec] of filesOf(manifest, precision)) bytes.push(await verified(spec.path, await read(spec.path), spec));
  return assemble(manifest, bytes, precision, false);
}
