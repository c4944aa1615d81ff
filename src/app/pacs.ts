// The PACS use-cases: connect (settings, and a reload when the page's Content Security Policy must
// admit a new origin), search studies, open one, and the address shown for it.
import { absoluteUrl, retrieveStudyFiles, searchStudies, type PacsSettings, type StudyQuery, type StudyRow } from '../dicom/dicomweb';
import { usePacsStore } from '../store/pacsStore';
import { loadFiles } from './loading';

export const PACS_PAGE_SIZE = 25;

const originsOf = (s: PacsSettings | undefined): Set<string> =>
  new Set(s ? [s.url, s.qidoUrl, s.wadoUrl, s.stowUrl].filter((u): u is string => !!u?.trim()).map((u) => new URL(absoluteUrl(u.trim())).origin) : []);

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

/** Retrieves a study's instances (WADO-RS) and opens them like local files. */
export async function openPacsStudy(row: StudyRow): Promise<void> {
  const settings = usePacsStore.getState().settings;
  if (!settings) throw new Error('no PACS is configured');
  const files = await retrieveStudyFiles(settings, row.studyUID);
  await loadFiles(files, `${row.patientName || 'study'} from the PACS`);
}
