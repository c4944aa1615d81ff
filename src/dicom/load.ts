// Turns a pile of files (folders, zips, samples) into validated instances plus a list of
// files that could not be opened and why. One bad file never stops the others.
import { DicomFileError, readInstanceHeader } from './header';
import type { SourceFile } from './files';
import type { LoadedInstance } from './studies';
import { expandZip, isZip, ZipError } from './zip';

export interface LoadProblem {
  source: string;
  reason: string;
}

export interface LoadOutcome {
  instances: LoadedInstance[];
  problems: LoadProblem[];
}

export type RegisterInstance = (file: File, buffer: ArrayBuffer, header: ReturnType<typeof readInstanceHeader>) => Promise<string[]>;

function describe(error: unknown): string {
  if (error instanceof DicomFileError || error instanceof ZipError) return error.message;
  if (error instanceof DOMException && error.name === 'NotReadableError') return 'the file could not be read (moved or permission denied)';
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

async function expandArchives(files: SourceFile[], problems: LoadProblem[]): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const source of files) {
    const head = new Uint8Array(await source.file.slice(0, 4).arrayBuffer());
    if (!isZip(source.path, head)) {
      out.push(source);
      continue;
    }
    try {
      const entries = await expandZip(source.path, new Uint8Array(await source.file.arrayBuffer()));
      for (const entry of entries) {
        // Archives inside archives are not expanded further: a cheap guard against recursive bombs.
        const name = entry.path.split('/').pop() ?? entry.path;
        out.push({ path: entry.path, file: new File([entry.data as Uint8Array<ArrayBuffer>], name) });
      }
    } catch (error) {
      problems.push({ source: source.path, reason: describe(error) });
    }
  }
  return out;
}

export async function loadSourceFiles(
  files: SourceFile[],
  register: RegisterInstance,
  onProgress?: (done: number, total: number) => void,
): Promise<LoadOutcome> {
  const problems: LoadProblem[] = [];
  const expanded = await expandArchives(files, problems);
  const instances: LoadedInstance[] = [];
  let done = 0;
  for (const source of expanded) {
    try {
      const buffer = await source.file.arrayBuffer();
      const header = readInstanceHeader(buffer);
      const imageIds = await register(source.file, buffer, header);
      instances.push({ header, source: source.path, imageIds });
    } catch (error) {
      problems.push({ source: source.path, reason: describe(error) });
    }
    onProgress?.(++done, expanded.length);
  }
  return { instances, problems };
}

/** Fetch a bundled sample study's files (listed in samples/index.json) as SourceFiles. */
export async function fetchSampleFiles(baseUrl: string, folder: string, names: string[]): Promise<SourceFile[]> {
  return Promise.all(
    names.map(async (name) => {
      const response = await fetch(`${baseUrl}${folder}/${name}`);
      if (!response.ok) throw new Error(`sample ${folder}/${name}: HTTP ${response.status}`);
      return { path: `${folder}/${name}`, file: new File([await response.blob()], name) };
    }),
  );
}
