// A report kept as a document: an Encapsulated PDF stored with a study (a prior's report from a RIS
// that writes PDFs). Lucent does not read its words; it keeps the file for its study so the reader
// can open it. Plain TypeScript over a dcmjs data set.
import type { Dataset } from '../sr/items';

export const ENCAPSULATED_PDF = '1.2.840.10008.5.1.4.1.1.104.1';

export interface StudyDocument {
  studyUID: string;
  sopInstanceUID: string;
  title: string;
  /** YYYYMMDD */
  date: string;
  mimeType: string;
  bytes: ArrayBuffer;
}

const text = (v: unknown) => String(Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

function bytesOf(v: unknown): ArrayBuffer | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  if (first instanceof ArrayBuffer) return first;
  if (ArrayBuffer.isView(first)) return first.buffer.slice(first.byteOffset, first.byteOffset + first.byteLength) as ArrayBuffer;
  return undefined;
}

/** The PDF an Encapsulated PDF instance holds, or undefined for any other data set or one without a document. */
export function documentOf(ds: Dataset): StudyDocument | undefined {
  if (ds.SOPClassUID !== ENCAPSULATED_PDF) return undefined;
  const bytes = bytesOf(ds.EncapsulatedDocument);
  if (!bytes?.byteLength) return undefined;
  // An odd-length document is padded to even length with one byte; the PDF ends at its last %%EOF.
  const length = Number(text(ds.EncapsulatedDocumentLength)) || bytes.byteLength;
  return {
    studyUID: text(ds.StudyInstanceUID),
    sopInstanceUID: text(ds.SOPInstanceUID),
    title: text(ds.DocumentTitle) || 'PDF report',
    date: text(ds.ContentDate) || text(ds.StudyDate),
    mimeType: text(ds.MIMETypeOfEncapsulatedDocument) || 'application/pdf',
    bytes: bytes.slice(0, Math.min(length, bytes.byteLength)),
  };
}
