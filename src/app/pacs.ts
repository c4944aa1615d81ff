// The PACS use-cases: connect (settings, and a reload when the page's Content Security Policy must
// admit a new origin), search studies, open one, and the address shown for it. A study opens from
// its WADO-RS metadata: its frames are `wadors:` image ids that load when shown or prefetched, so
// the first image does not wait for the whole study; reports stored with it are fetched whole.
import { hasPixelData, headerFromDicomJson, type DicomJson } from '../dicom/dicomJson';
import {
  absoluteUrl,
  authHeaders,
  frameUrl,
  retrieveInstanceFile,
  retrieveStudyFiles,
  retrieveStudyMetadata,
  searchStudies,
  type PacsSettings,
  type StudyQuery,
  type StudyRow,
} from '../dicom/dicomweb';
import type { LoadProblem, StoredReportFile } from '../dicom/load';
import type { LoadedInstance } from '../dicom/studies';
import type { Dataset } from '../report/sr/lucentSR';
import { reportIn } from '../report/import/importedContent';
import { SR_CLASSES } from '../report/import/measurementReport';
import { ENCAPSULATED_PDF } from '../report/import/document';
import { useAppStore } from '../store/appStore';
import { usePacsStore } from '../store/pacsStore';
import { errorMessage } from '../util/errorMessage';
import { initCornerstone, setLoaderHeaders } from '../viewer/cornerstone';
import { registerPacsInstance } from '../viewer/register';
import { loadFiles, restoreReports, savedNamesOf } from './loading';
import { watchStreaming } from './streaming';
import { bindOpenedImages } from './reportSession';

export const PACS_PAGE_SIZE = 25;

const originsOf = (s: PacsSettings | undefined): Set<string> =>
  new Set(
    s
      ? [s.url, s.qidoUrl, s.wadoUrl, s.stowUrl].filter((u): u is string => !!u?.trim()).map((u) => new URL(absoluteUrl(u.trim())).origin)
      : [],
  );

/** Keeps the settings; reloads the page when they name an origin the page's policy does not admit yet. */
export function connectPacs(settings: PacsSettings): void {
  const before = originsOf(usePacsStore.getState().settings);
  usePacsStore.getState().setSettings({ ...settings, url: settings.url.trim() });
  // The page's Content Security Policy admits a new origin only from the next load (the edits are saved).
  if ([...originsOf(settings)].some((o) => o !== location.origin && !before.has(o))) location.reload();
}

/** The configured DICOMweb root as an absolute address, for the reader to see. */
export function pacsAddress(settings: PacsSettings): string {
  return absoluteUrl(settings.url);
}

/** One page of studies matching the query, from `offset`. */
export function searchPacs(query: StudyQuery, offset: number): Promise<StudyRow[]> {
  const settings = usePacsStore.getState().settings;
  if (!settings) return Promise.reject(new Error('no PACS is configured'));
  return searchStudies(settings, query, offset, PACS_PAGE_SIZE);
}

const idsOf = (json: DicomJson) => {
  const uid = (tag: string) => String(json[tag]?.Value?.[0] ?? '');
  return { study: uid('0020000D'), series: uid('0020000E'), sop: uid('00080018'), sopClass: uid('00080016') };
};

/** Opens a study from its metadata; its frames stream in as they are shown (see app/prefetch.ts). */
export async function openPacsStudy(row: StudyRow): Promise<void> {
  const settings = usePacsStore.getState().settings;
  if (!settings) throw new Error('no PACS is configured');
  // `?pacsRetrieve=whole` keeps the whole-study retrieval Lucent used first, for the benchmark's comparison.
  if (new URLSearchParams(location.search).get('pacsRetrieve') === 'whole') {
    const files = await retrieveStudyFiles(settings, row.studyUID);
    return loadFiles(files, `${row.patientName || 'study'} from the PACS`);
  }
  performance.mark('lucent:open-requested');
  // The viewer starts while the PACS answers: the metadata of a large study takes the server a while.
  const [metadata] = await Promise.all([retrieveStudyMetadata(settings, row.studyUID), initCornerstone()]);
  setLoaderHeaders(authHeaders(settings));
  performance.mark('lucent:pacs-metadata');
  const instances: LoadedInstance[] = [];
  const problems: LoadProblem[] = [];
  const reportIds: Array<ReturnType<typeof idsOf>> = [];
  for (const json of metadata) {
    const ids = idsOf(json);
    const source = `PACS ${ids.sop}`;
    if (!hasPixelData(json)) {
      if (ids.sopClass in SR_CLASSES || ids.sopClass === ENCAPSULATED_PDF) reportIds.push(ids);
      else problems.push({ source, reason: 'not an image: no frames' });
      continue;
    }
    try {
      const header = headerFromDicomJson(json);
      instances.push({ header, source, imageIds: registerPacsInstance(json, header, (frame) => frameUrl(settings, ids, frame)) });
    } catch (error) {
      problems.push({ source, reason: errorMessage(error) });
    }
  }
  watchStreaming();
  useAppStore.getState().addInstances(instances, problems);
  bindOpenedImages(savedNamesOf(instances));
  const reports: StoredReportFile<Dataset>[] = [];
  const unread: LoadProblem[] = [];
  for (const ids of reportIds) {
    const file = await retrieveInstanceFile(settings, ids);
    try {
      // Lucent's own SRs first, then other tools' measurement and text reports, and PDF reports (as for local files).
      const dataset = reportIn(file.bytes ?? (await file.file.arrayBuffer()), ids.sopClass);
      if (dataset) reports.push({ source: file.path, dataset });
    } catch (error) {
      unread.push({ source: file.path, reason: errorMessage(error) });
    }
  }
  restoreReports(reports);
  if (unread.length) useAppStore.getState().addInstances([], unread);
}
