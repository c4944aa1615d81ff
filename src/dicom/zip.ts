// Expands .zip archives of DICOM files. fflate inflates in web workers when
// asynchronous, so the UI thread stays free while a large archive unpacks.
import { unzip, type Unzipped, type UnzipFileInfo } from 'fflate';

/** Refuse archives that claim to expand beyond this (guards against zip bombs). */
export const MAX_UNZIPPED_BYTES = 4 * 1024 ** 3;
export const MAX_UNZIPPED_FILE_BYTES = 1024 ** 3;
const MAX_RATIO = 1000;

export interface ZipEntry {
  path: string;
  data: Uint8Array;
}

export class ZipError extends Error {}

export function isZip(name: string, head: Uint8Array): boolean {
  const magic = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  return magic || (name.toLowerCase().endsWith('.zip') && head.length === 0);
}

function isJunk(path: string): boolean {
  const base = path.split('/').pop() ?? '';
  return path.endsWith('/') || path.startsWith('__MACOSX/') || base.startsWith('.') || base === 'DICOMDIR';
}

/** Unpack one archive; entries are named "archive.zip/inner/path". */
export function expandZip(archiveName: string, bytes: Uint8Array): Promise<ZipEntry[]> {
  let declared = 0;
  let problem: string | undefined;
  const filter = (info: UnzipFileInfo): boolean => {
    if (isJunk(info.name) || problem) return false;
    declared += info.originalSize;
    if (info.originalSize > MAX_UNZIPPED_FILE_BYTES) problem = `${info.name} would expand to ${info.originalSize} bytes`;
    else if (declared > MAX_UNZIPPED_BYTES) problem = `contents would expand beyond ${MAX_UNZIPPED_BYTES / 1024 ** 3} GiB`;
    else if (info.size > 0 && info.originalSize / info.size > MAX_RATIO)
      problem = `${info.name} has a compression ratio over ${MAX_RATIO}:1 (zip bomb?)`;
    return !problem;
  };
  return new Promise((resolve, reject) => {
    unzip(bytes, { filter }, (error: Error | null, files: Unzipped) => {
      if (problem) reject(new ZipError(`refused archive: ${problem}`));
      else if (error) reject(new ZipError(`unreadable zip archive (${error.message})`));
      else resolve(Object.entries(files).map(([path, data]) => ({ path: `${archiveName}/${path}`, data })));
    });
  });
}
