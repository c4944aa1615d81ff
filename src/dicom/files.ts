// Collects files from drag-and-drop (files and whole folders, recursively) and from pickers.
// Uses the browser's FileSystemEntry API: no library covers folder drops.

export interface SourceFile {
  /** Path shown to the user: folder/sub/file.dcm, or archive.zip/inner.dcm. */
  path: string;
  file: File;
  /** The file's bytes when they are already in memory (fetched or unzipped): saves reading the File again. */
  bytes?: ArrayBuffer;
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns at most ~100 entries per call: keep reading until it returns none.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: SourceFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
  } else if (entry.isDirectory) {
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    for (const child of children) await walk(child, out);
  }
}

export async function filesFromDataTransfer(transfer: DataTransfer): Promise<SourceFile[]> {
  // Entries must be taken synchronously, before the first await, or the browser drops them.
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return filesFromList(transfer.files);
  const out: SourceFile[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

export function filesFromList(list: FileList | File[]): SourceFile[] {
  return [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
