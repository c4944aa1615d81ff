// Turns a pile of files (folders, zips, samples) into validated instances plus a list of
// files that could not be opened and why. One bad file never stops the others. Knows DICOM only:
// the viewer's registration and the recognition of stored reports are handed in.
import { DicomFileError, parseDicomBytes, readInstanceHeader } from './header';
import type { InstanceHeader } from './instanceHeader';
import type { SourceFile } from './files';
import type { LoadedInstance } from './studies';
import { expandZip, isZip, ZipError } from './zip';
import { errorMessage } from '../util/errorMessage';

export interface LoadProblem {
  source: string;
  reason: string;
}

/** A stored report found among the files (a Lucent SR): restored once its images are open. */
export interface StoredReportFile<Report> {
  source: string;
  dataset: Report;
}

export interface LoadOutcome<Report = never> {
  instances: LoadedInstance[];
  problems: LoadProblem[];
  reports: StoredReportFile<Report>[];
}

export type RegisterInstance = (file: File, buffer: ArrayBuffer, header: InstanceHeader) => Promise<string[]>;

/**
 * The file's report when it is one the caller keeps (for Lucent: a Comprehensive SR that Lucent
 * wrote), else undefined and the file loads as an image or is named as a problem.
 */
export type RecogniseReport<Report> = (buffer: ArrayBuffer, sopClassUID: string | undefined) => Report | undefined;

/** The file's SOP Class UID, or undefined when it does not parse (readInstanceHeader then says why). */
function sopClassOf(buffer: ArrayBuffer): string | undefined {
  try {
    return parseDicomBytes(new Uint8Array(buffer)).string('x00080016')?.trim();
  } catch {
    return undefined;
  }
}

/** A file to load: in hand, or still arriving (a fetch in flight). */
export type PendingSource = SourceFile | Promise<SourceFile>;

/** A file that could not even be obtained (e.g. a failed download), named by its path. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Files read and parsed at once: reads are I/O-bound, so overlapping them hides their latency. */
const CONCURRENCY = 8;

function describe(error: unknown): string {
  if (error instanceof DicomFileError || error instanceof ZipError) return error.message;
  if (error instanceof DOMException && error.name === 'NotReadableError') return 'the file could not be read (moved or permission denied)';
  return errorMessage(error);
}

function bytesOf(source: SourceFile): Promise<ArrayBuffer> {
  return source.bytes ? Promise.resolve(source.bytes) : source.file.arrayBuffer();
}

async function expandArchive(source: SourceFile, buffer: ArrayBuffer): Promise<SourceFile[]> {
  const entries = await expandZip(source.path, new Uint8Array(buffer));
  return entries.map((entry) => {
    const bytes = entry.data.buffer.slice(entry.data.byteOffset, entry.data.byteOffset + entry.data.byteLength) as ArrayBuffer;
    return { path: entry.path, file: new File([bytes], entry.path.split('/').pop() ?? entry.path), bytes };
  });
}

/**
 * Load files with a small pool of concurrent tasks, each awaiting its file (so fetches and
 * parsing overlap), reading, validating and registering it. Results keep the input order.
 */
export function loadSourceFiles<Report = never>(
  sources: PendingSource[],
  register: RegisterInstance,
  onProgress?: (done: number, total: number) => void,
  recogniseReport?: RecogniseReport<Report>,
): Promise<LoadOutcome<Report>> {
  return loadAll(sources, register, onProgress, recogniseReport, true);
}

async function loadAll<Report>(
  sources: PendingSource[],
  register: RegisterInstance,
  onProgress: ((done: number, total: number) => void) | undefined,
  recogniseReport: RecogniseReport<Report> | undefined,
  expandArchives: boolean,
): Promise<LoadOutcome<Report>> {
  const results: Array<{
    instance?: LoadedInstance;
    problem?: LoadProblem;
    expanded?: LoadOutcome<Report>;
    report?: StoredReportFile<Report>;
  }> = [];
  let done = 0;

  const loadOne = async (pending: PendingSource): Promise<(typeof results)[number]> => {
    let path = '(unknown file)';
    try {
      const source = await pending;
      path = source.path;
      const buffer = await bytesOf(source);
      if (isZip(source.path, new Uint8Array(buffer, 0, Math.min(4, buffer.byteLength)))) {
        // Archives inside archives are not expanded: a cheap guard against recursive zip bombs.
        if (!expandArchives) throw new DicomFileError('a .zip archive inside an archive: not opened (unzip it and open what it holds)');
        return { expanded: await loadAll(await expandArchive(source, buffer), register, undefined, recogniseReport, false) };
      }
      const report = recogniseReport?.(buffer, sopClassOf(buffer));
      if (report) return { report: { source: path, dataset: report } };
      const header = readInstanceHeader(buffer);
      const imageIds = await register(source.file, buffer, header);
      return { instance: { header, source: source.path, imageIds } };
    } catch (error) {
      if (error instanceof SourceUnavailableError) path = error.path;
      return { problem: { source: path, reason: describe(error) } };
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const k = next++;
      results[k] = await loadOne(sources[k]);
      onProgress?.(++done, sources.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sources.length) }, worker));

  const outcome: LoadOutcome<Report> = { instances: [], problems: [], reports: [] };
  for (const r of results) {
    if (r.instance) outcome.instances.push(r.instance);
    if (r.problem) outcome.problems.push(r.problem);
    if (r.report) outcome.reports.push(r.report);
    if (r.expanded) {
      outcome.instances.push(...r.expanded.instances);
      outcome.problems.push(...r.expanded.problems);
      outcome.reports.push(...r.expanded.reports);
    }
  }
  return outcome;
}

/** Start downloading files (paths relative to baseUrl); each resolves as it arrives. */
export function fetchSampleFiles(baseUrl: string, paths: string[]): Promise<SourceFile>[] {
  const downloads = paths.map(async (path) => {
    const name = path.split('/').pop() ?? path;
    const response = await fetch(`${baseUrl}${path}`).catch(() => undefined);
    if (!response?.ok)
      throw new SourceUnavailableError(path, `could not be downloaded (${response ? `HTTP ${response.status}` : 'network error'})`);
    const bytes = await response.arrayBuffer();
    return { path, file: new File([bytes], name), bytes };
  });
  // The loader awaits these a few at a time; mark failures as handled now so none is reported as unhandled.
  for (const download of downloads) download.catch(() => undefined);
  return downloads;
}
