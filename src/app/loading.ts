// Opening studies: files and folders picked or dropped, bundled samples (with the ground truth of
// generated cases), and the instances a PACS sends. Each file is checked (src/dicom), registered
// with the viewer, grouped into studies (appStore), and the reports found among them restored:
// Lucent's own SRs, and measurement or text reports other tools wrote (report/import/).
import { filesFromDataTransfer, filesFromList } from '../dicom/files';
import { fetchSampleFiles, loadSourceFiles, type LoadProblem, type PendingSource, type StoredReportFile } from '../dicom/load';
import type { LoadedInstance } from '../dicom/studies';
import { contentFromSR, isLucentSR } from '../report/sr/lucentSRRead';
import type { Dataset } from '../report/sr/lucentSR';
import { contentFromImported, reportIn } from '../report/import/importedContent';
import { readMeasurementReport } from '../report/import/measurementReport';
import { storedReport } from '../report/content';
import { templateById } from './structuredReport';
import { savedImageName } from '../report/savedImages';
import { useDocumentStore } from '../store/documentStore';
import { documentOf, type StudyDocument } from '../report/import/document';
import { allInstances, useAppStore } from '../store/appStore';
import { useTeachingStore } from '../store/teachingStore';
import { referenceFindingsOf } from '../teaching/groundTruth';
import { errorMessage } from '../util/errorMessage';
import { initCornerstone } from '../viewer/cornerstone';
import { registerLocalInstance } from '../viewer/register';
import { bindOpenedImages, restoreReport } from './reportSession';

export const SAMPLES_BASE = `${import.meta.env.BASE_URL}samples/`;

/** An entry of samples/index.json: a folder of files, or one zip archive. */
export interface SampleStudy {
  id: string;
  title: string;
  description: string;
  synthetic: boolean;
  files?: string[];
  archive?: string;
  /** Ground truth beside generated cases (NAME.json for NAME.dcm), for teaching mode. */
  groundTruth?: string[];
  fileCount: number;
}

/** Files from the Open files / Open folder pickers. */
export function openPickedFiles(list: FileList): Promise<void> {
  const files = filesFromList(list);
  return loadFiles(files, `${files.length} file(s)`);
}

/** Files, folders (searched recursively) and zips dropped on the window. */
export async function openDroppedFiles(transfer: DataTransfer): Promise<void> {
  const files = await filesFromDataTransfer(transfer);
  if (files.length) await loadFiles(files, `${files.length} dropped file(s)`);
}

export async function loadFiles(files: PendingSource[], label: string): Promise<void> {
  const { setLoading, addInstances } = useAppStore.getState();
  setLoading({ label, done: 0, total: files.length });
  try {
    await initCornerstone();
    // Progress repaints the footer: a few updates a second is plenty, and keeps React off the hot path.
    let lastProgress = 0;
    const onProgress = (done: number, total: number) => {
      const now = performance.now();
      if (done === total || now - lastProgress > 100) {
        lastProgress = now;
        setLoading({ label, done, total });
      }
    };
    const outcome = await loadSourceFiles(files, registerLocalInstance, onProgress, reportIn);
    performance.mark('lucent:files-parsed');
    addInstances(outcome.instances, outcome.problems);
    bindOpenedImages(savedNamesOf(outcome.instances));
    restoreReports(outcome.reports);
  } finally {
    setLoading(undefined);
  }
}

/** The session-independent names of the frames just opened, by imageId (see report/savedImages.ts). */
export function savedNamesOf(instances: LoadedInstance[]): Record<string, string> {
  return Object.fromEntries(
    instances.flatMap((i) => i.imageIds.map((imageId, k) => [imageId, savedImageName(i.header.sopInstanceUID, k + 1)])),
  );
}

/**
 * A study's Lucent SRs, one per signature (a preliminary, then the final, then addenda): only the
 * newest stands — by content date and time, then instance number (its version) — the others are
 * the history it carries. Of other tools' reports too, the newest stands.
 */
function newestPerStudy<R extends StoredReportFile<Dataset>>(reports: R[]): R[] {
  const when = (d: Dataset) =>
    `${d.ContentDate ?? ''}${String(d.ContentTime ?? '').padEnd(6, '0')}${String(d.InstanceNumber ?? 0).padStart(6, '0')}`;
  const newest = new Map<string, R>();
  for (const report of reports) {
    const uid = String(report.dataset.StudyInstanceUID ?? '');
    const seen = newest.get(uid);
    if (!seen || when(report.dataset) > when(seen.dataset)) newest.set(uid, report);
  }
  return [...newest.values()];
}

/** The imageId of a referenced image (SOP Instance UID, 1-based frame) among the open studies. */
function imageIdsOpen(): (sop: string, frame: number | undefined) => string | undefined {
  const instances = allInstances(useAppStore.getState().studies);
  return (sop, frame) => instances.find((i) => i.header.sopInstanceUID === sop)?.imageIds[(frame ?? 1) - 1];
}

/**
 * Reports found among the files become their studies' reports, regions on the open images: Lucent
 * SRs first; a study without one takes the newest report another tool wrote (importReports).
 */
export function restoreReports(found: StoredReportFile<Dataset>[]): void {
  const imageIdOf = imageIdsOpen();
  const { problems, reports } = keepDocuments(found);
  const lucent = reports.filter((r) => isLucentSR(r.dataset));
  for (const { source, dataset } of newestPerStudy(lucent)) {
    const { content, reader, verified, verifiedAt, review } = contentFromSR(dataset, imageIdOf, templateById);
    const studyUID = String(dataset.StudyInstanceUID ?? '');
    // A Lucent SR with its review state reopens as it was (preliminary or final, versions, addenda, audit).
    const report = review
      ? { studyUID, content, status: review.status, versions: review.versions, addenda: review.addenda, audit: review.audit }
      : storedReport(studyUID, content, verified && reader ? { reader, signedAt: verifiedAt ?? new Date().toISOString() } : undefined);
    if (!restoreReport(report)) {
      problems.push({
        source,
        reason: 'a Lucent report for this study, not opened: the report here already has your edits (export or clear them first)',
      });
    }
  }
  const lucentStudies = new Set(lucent.map((r) => String(r.dataset.StudyInstanceUID ?? '')));
  problems.push(
    ...importReports(
      reports.filter((r) => !lucent.includes(r)),
      lucentStudies,
      imageIdOf,
    ),
  );
  if (problems.length) useAppStore.getState().addInstances([], problems);
}

/**
 * PDF reports among the files, kept for their studies (one whose study is not open is also named, so
 * the reader knows it came with nothing to show); the other reports are returned for restoring.
 */
function keepDocuments(found: StoredReportFile<Dataset>[]): { problems: LoadProblem[]; reports: StoredReportFile<Dataset>[] } {
  const documents: Array<{ source: string; document: StudyDocument }> = [];
  const reports = found.filter((r) => {
    const document = documentOf(r.dataset);
    if (document) documents.push({ source: r.source, document });
    return !document;
  });
  useDocumentStore.getState().add(documents.map((d) => d.document));
  const open = new Set(useAppStore.getState().studies.map((s) => s.uid));
  const problems = documents
    .filter((d) => !open.has(d.document.studyUID))
    .map((d) => ({
      source: d.source,
      reason: `not an image (Encapsulated PDF): a PDF report, "${d.document.title}", of a study that is not open — kept for when it is`,
    }));
  return { problems, reports };
}

/**
 * Reports other tools wrote (TID 1500 measurement reports, text reports): the newest of a study
 * becomes its report, a draft of the reader's own findings marked as imported; the problems with
 * the others are returned.
 */
function importReports(
  reports: StoredReportFile<Dataset>[],
  lucentStudies: Set<string>,
  imageIdOf: (sop: string, frame: number | undefined) => string | undefined,
): LoadProblem[] {
  const problems: LoadProblem[] = [];
  const readable = reports.flatMap((report) => {
    const imported = readMeasurementReport(report.dataset);
    if (!imported)
      problems.push({ source: report.source, reason: 'an SR with no measurement groups (TID 1500) and no text Lucent can read' });
    return imported ? [{ ...report, imported }] : [];
  });
  const newest = newestPerStudy(readable);
  for (const report of readable) {
    const { source, imported } = report;
    const studyUID = imported.studyInstanceUID;
    const name = [imported.manufacturer, imported.description].filter(Boolean).join(' ');
    const what = `another tool's report for this study${name ? ` (${name})` : ''}, not opened`;
    if (lucentStudies.has(studyUID)) problems.push({ source, reason: `${what}: the study's Lucent report was` });
    else if (!newest.includes(report)) problems.push({ source, reason: `${what}: a newer one was` });
    else if (!restoreReport(storedReport(studyUID, contentFromImported(imported, imageIdOf), undefined))) {
      problems.push({ source, reason: `${what}: the report here already has your edits (export or clear them first)` });
    }
  }
  return problems;
}

export async function loadSample(sample: SampleStudy): Promise<void> {
  performance.mark('lucent:open-requested');
  const paths = sample.archive ? [sample.archive] : (sample.files ?? []).map((name) => `${sample.id}/${name}`);
  await loadFiles(fetchSampleFiles(SAMPLES_BASE, paths), sample.title);
  await Promise.all((sample.groundTruth ?? []).map((name) => loadGroundTruth(`${sample.id}/${name}`)));
}

/** A sample case's ground truth, tied to the study and image its DICOM file opened as. */
async function loadGroundTruth(path: string): Promise<void> {
  const dicomPath = path.replace(/\.json$/, '.dcm');
  const instance = allInstances(useAppStore.getState().studies).find((i) => i.source === dicomPath);
  if (!instance) return;
  try {
    const response = await fetch(`${SAMPLES_BASE}${path}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const findings = referenceFindingsOf(await response.json());
    useTeachingStore
      .getState()
      .setGroundTruth(instance.header.studyInstanceUID, { imageId: instance.imageIds[0], spacing: instance.header.pixelSpacing, findings });
  } catch (error) {
    // Teaching mode then compares with the model's draft instead; the study itself is fine.
    console.warn(`Lucent could not read the ground truth ${path}: ${errorMessage(error)}`);
  }
}

export async function fetchSampleIndex(): Promise<SampleStudy[]> {
  const response = await fetch(`${SAMPLES_BASE}index.json`);
  if (!response.ok) throw new Error(`samples/index.json: HTTP ${response.status}`);
  return ((await response.json()) as { studies: SampleStudy[] }).studies;
}
