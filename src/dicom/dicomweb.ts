// A PACS over DICOMweb (dicomweb-client): search studies (QIDO-RS), retrieve a study's instances
// (WADO-RS) as files for the same loader as local files, store a report (STOW-RS). Every failure
// becomes a PacsError with a message a reader can act on.
import { api } from 'dicomweb-client';
import type { DicomJson } from './dicomJson';
import type { SourceFile } from './files';

export interface PacsSettings {
  /** The DICOMweb root (QIDO, WADO and STOW under it), absolute or relative to the app. */
  url: string;
  /** Other roots for a server that splits the services (each defaults to `url`). */
  qidoUrl?: string;
  wadoUrl?: string;
  stowUrl?: string;
  auth: 'none' | 'bearer' | 'basic';
  token?: string;
  user?: string;
  password?: string;
}

export interface StudyQuery {
  patientName?: string;
  patientId?: string;
  /** YYYY-MM-DD, either end may be open. */
  from?: string;
  to?: string;
  modality?: string;
  accessionNumber?: string;
}

export interface StudyRow {
  studyUID: string;
  patientName: string;
  patientId: string;
  date: string;
  description: string;
  modalities: string;
  accessionNumber: string;
  instances: number | undefined;
}

export class PacsError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'PacsError';
  }
}

/** A request that has had no answer for this long is given up. */
export const TIMEOUT_MS = 30_000;

export function authHeaders(s: PacsSettings): Record<string, string> {
  if (s.auth === 'bearer' && s.token) return { Authorization: `Bearer ${s.token}` };
  if (s.auth === 'basic' && s.user) return { Authorization: `Basic ${btoa(`${s.user}:${s.password ?? ''}`)}` };
  return {};
}

export function absoluteUrl(url: string): string {
  return new URL(url.replace(/\/+$/, ''), globalThis.location?.href ?? 'http://localhost/').href;
}

type Service = 'qido' | 'wado' | 'stow';

export function serviceUrl(s: PacsSettings, service: Service): string {
  return (service === 'qido' ? s.qidoUrl : service === 'wado' ? s.wadoUrl : s.stowUrl)?.trim() || s.url;
}

function client(s: PacsSettings, service: Service) {
  return new api.DICOMwebClient({
    url: absoluteUrl(serviceUrl(s, service)),
    headers: authHeaders(s),
    singlepart: false,
    // XMLHttpRequest waits forever by default; a marked timeout tells it apart from a refused connection.
    requestHooks: [
      (request: XMLHttpRequest) => {
        request.timeout = TIMEOUT_MS;
        request.addEventListener('timeout', () => ((request as XMLHttpRequest & { timedOut?: boolean }).timedOut = true));
        return request;
      },
    ],
  } as unknown as ConstructorParameters<typeof api.DICOMwebClient>[0]);
}

/** What went wrong, for a person: the operation, the server, and what to do. */
export function pacsError(error: unknown, what: string, url: string): PacsError {
  const e = error as { status?: number; request?: XMLHttpRequest & { timedOut?: boolean } };
  const where = absoluteUrl(url);
  const status = e?.status;
  if (e?.request?.timedOut) return new PacsError(`${what}: the PACS at ${where} did not answer within ${TIMEOUT_MS / 1000} s.`, undefined);
  if (status === 0 || status === undefined) {
    return new PacsError(
      `${what}: no answer from ${where} — the server is unreachable, ` +
        "or it refused this page (no CORS headers: serve it through the app's proxy).",
      0,
    );
  }
  const reasons: Record<number, string> = {
    401: 'the PACS needs credentials, or refused the ones given (401): check the authentication in PACS settings',
    403: 'the PACS refused access (403): your account may not have the right to this',
    404: `nothing at that address (404): check the DICOMweb URL`,
    413: 'the PACS refused the upload as too large (413)',
  };
  const reason =
    reasons[status] ?? (status >= 500 ? `the PACS failed (${status}); try again, or ask its administrator` : `the PACS answered ${status}`);
  return new PacsError(`${what}: ${reason}.`, status);
}

const value = (ds: Record<string, { Value?: unknown[] }>, tag: string): unknown => ds[tag]?.Value?.[0];
const text = (ds: Record<string, { Value?: unknown[] }>, tag: string): string => {
  const v = value(ds, tag);
  if (v && typeof v === 'object' && 'Alphabetic' in v) return String((v as { Alphabetic: string }).Alphabetic);
  return v === undefined ? '' : String(v);
};

const dicomDate = (iso: string | undefined) => (iso ?? '').replace(/-/g, '');

export function studyQueryParams(query: StudyQuery, offset: number, limit: number): Record<string, string> {
  const params: Record<string, string> = {
    limit: String(limit),
    offset: String(offset),
    includefield: '00081030,00080061,00201208',
  };
  // Wildcards make "smi" find "SMITH^JOHN" (QIDO-RS matching, PS3.18 8.3.4.6).
  if (query.patientName?.trim()) params.PatientName = `*${query.patientName.trim()}*`;
  if (query.patientId?.trim()) params.PatientID = query.patientId.trim();
  if (query.accessionNumber?.trim()) params.AccessionNumber = query.accessionNumber.trim();
  if (query.modality?.trim()) params.ModalitiesInStudy = query.modality.trim().toUpperCase();
  if (query.from || query.to) params.StudyDate = `${dicomDate(query.from)}-${dicomDate(query.to)}`;
  return params;
}

export async function searchStudies(settings: PacsSettings, query: StudyQuery, offset = 0, limit = 25): Promise<StudyRow[]> {
  let found: Array<Record<string, { Value?: unknown[] }>>;
  try {
    found = (await client(settings, 'qido').searchForStudies({ queryParams: studyQueryParams(query, offset, limit) })) as typeof found;
  } catch (error) {
    throw pacsError(error, 'Searching the PACS failed', serviceUrl(settings, 'qido'));
  }
  return (found ?? []).map((ds) => ({
    studyUID: text(ds, '0020000D'),
    patientName: text(ds, '00100010'),
    patientId: text(ds, '00100020'),
    date: text(ds, '00080020'),
    description: text(ds, '00081030'),
    modalities: ((ds['00080061']?.Value as string[] | undefined) ?? []).join(', '),
    accessionNumber: text(ds, '00080050'),
    instances: value(ds, '00201208') === undefined ? undefined : Number(value(ds, '00201208')),
  }));
}

/** Every instance of a study, as Part 10 files (images and any Lucent report stored with them). */
export async function retrieveStudyFiles(settings: PacsSettings, studyUID: string): Promise<SourceFile[]> {
  let parts: ArrayBuffer[];
  try {
    // (The typings want a `request` option the implementation does not need.)
    parts = (await client(settings, 'wado').retrieveStudy({ studyInstanceUID: studyUID } as Parameters<
      ReturnType<typeof client>['retrieveStudy']
    >[0])) as ArrayBuffer[];
  } catch (error) {
    throw pacsError(error, 'Opening the study from the PACS failed', serviceUrl(settings, 'wado'));
  }
  return parts.map((bytes, k) => pacsFile(`PACS/${studyUID}/${String(k + 1).padStart(4, '0')}.dcm`, bytes));
}

/** Every instance's metadata (WADO-RS), to open a study before any frame has arrived. */
export async function retrieveStudyMetadata(settings: PacsSettings, studyUID: string): Promise<DicomJson[]> {
  try {
    return (await client(settings, 'wado').retrieveStudyMetadata({ studyInstanceUID: studyUID } as Parameters<
      ReturnType<typeof client>['retrieveStudyMetadata']
    >[0])) as DicomJson[];
  } catch (error) {
    throw pacsError(error, 'Opening the study from the PACS failed', serviceUrl(settings, 'wado'));
  }
}

/** One instance as a Part 10 file (a report among the images). */
export async function retrieveInstanceFile(
  settings: PacsSettings,
  ids: { study: string; series: string; sop: string },
): Promise<SourceFile> {
  let bytes: ArrayBuffer;
  try {
    const part = await client(settings, 'wado').retrieveInstance({
      studyInstanceUID: ids.study,
      seriesInstanceUID: ids.series,
      sopInstanceUID: ids.sop,
    } as Parameters<ReturnType<typeof client>['retrieveInstance']>[0]);
    bytes = (Array.isArray(part) ? part[0] : part) as ArrayBuffer;
  } catch (error) {
    throw pacsError(error, 'Retrieving a report from the PACS failed', serviceUrl(settings, 'wado'));
  }
  return pacsFile(`PACS/${ids.study}/${ids.sop}.dcm`, bytes);
}

/** The WADO-RS address of a frame (1-based), as Cornerstone's wadors loader takes it after "wadors:". */
export function frameUrl(settings: PacsSettings, ids: { study: string; series: string; sop: string }, frame: number): string {
  return `${absoluteUrl(serviceUrl(settings, 'wado'))}/studies/${ids.study}/series/${ids.series}/instances/${ids.sop}/frames/${frame}`;
}

/** A file the PACS sent, named by its path, as the loader takes local files. */
function pacsFile(path: string, bytes: ArrayBuffer): SourceFile {
  return { path, file: new File([bytes], path.split('/').pop()!), bytes: withPart10Header(bytes) };
}

/** WADO-RS sends Part 10 files; some servers drop the 128-byte preamble: put it back so the file parses. */
function withPart10Header(bytes: ArrayBuffer): ArrayBuffer {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (head.length === 4 && head[0] === 0x44 && head[1] === 0x49 && head[2] === 0x43 && head[3] === 0x4d) {
    const out = new Uint8Array(bytes.byteLength + 128);
    out.set(new Uint8Array(bytes), 128);
    return out.buffer;
  }
  return bytes;
}

export async function storeInstance(settings: PacsSettings, bytes: ArrayBuffer, studyUID: string): Promise<void> {
  try {
    await client(settings, 'stow').storeInstances({ datasets: [bytes], studyInstanceUID: studyUID });
  } catch (error) {
    throw pacsError(error, 'Storing the report in the PACS failed', serviceUrl(settings, 'stow'));
  }
}
