// The model tasks: load the model (with progress), draft a report of the image on screen, cancel,
// describe a drawn region, locate a typed sentence. Connects the model worker's client to the
// model and report stores.
import { ModelClient, type RunningTask } from '../model/client';
import type { ReportRun } from '../model/engine';
import type { ModelSource } from '../model/protocol';
import type { Box } from '../findings/box';
import { newId } from '../report/ids';
import { useAppStore } from '../store/appStore';
import { useModelStore } from '../store/modelStore';
import { useReportStore } from '../store/reportStore';
import { useTeachingStore } from '../store/teachingStore';
import { errorMessage } from '../util/errorMessage';
import { modelImageOf } from '../viewer/modelImage';
import { draftEdit } from './applyDraft';
import { activeStudy, requestReasonOf } from './studyQueries';

const client = new ModelClient();
let loading: Promise<boolean> | undefined;
let drafting: RunningTask<ReportRun> | undefined;

/** Loads the model named by the settings, or a local folder; resolves to whether it is ready. */
export function loadModel(folder?: File[]): Promise<boolean> {
  const store = useModelStore.getState();
  const { settings } = store;
  const source: ModelSource = folder ? { kind: 'folder', files: folder } : { kind: 'url', url: settings.manifestUrl };
  cancelDraft();
  useModelStore.setState({ status: 'loading', progress: undefined, error: undefined, info: undefined, sourceLabel: folder ? 'a local folder' : settings.manifestUrl });
  const attempt = client
    .load({ source, backend: settings.backend, precision: settings.precision }, (progress) => useModelStore.setState({ progress }))
    .then((info) => {
      useModelStore.setState({ status: 'ready', info, progress: undefined });
      // Uses the time the reader spends on the image; a draft asked for meanwhile interrupts it.
      // WASM only: that is where it was measured to pay (first draft 0.86 s -> 0.15 s, npm run
      // bench:model); on WebGPU one encoder run can take seconds on a software adapter and
      // cannot be interrupted midway.
      if (info.backend === 'wasm') void client.warmUp().result.catch(() => {});
      return true;
    })
    .catch((error: unknown) => {
      useModelStore.setState({ status: 'error', error: errorMessage(error), progress: undefined });
      return false;
    });
  loading = attempt;
  return attempt;
}

/** Loads the default model once, the first time something needs it. */
export function ensureModel(): Promise<boolean> {
  const { status } = useModelStore.getState();
  if (status === 'ready') return Promise.resolve(true);
  if (status === 'loading' && loading) return loading;
  return loadModel();
}

/**
 * Drafts a report of one image; when the draft completes it goes into the study's report, unless
 * `intoReport` is false (teaching mode keeps it aside until the resident has written theirs).
 */
/** Counts a task asked of the model, at once (before any await), so the page shows it with the edit that asked. */
const countRequest = () => useModelStore.setState((s) => ({ requests: s.requests + 1 }));

export async function draftReport(studyUID: string, imageId: string, indication: string, intoReport = true): Promise<void> {
  countRequest();
  cancelDraft();
  useModelStore.setState({ draft: { imageId, status: 'running', report: undefined, stats: undefined, error: undefined } });
  const fail = (error: unknown): void => {
    useModelStore.setState((s) => ({ draft: s.draft && s.draft.imageId === imageId ? { ...s.draft, status: 'error', error: errorMessage(error) } : s.draft }));
  };
  if (!(await ensureModel())) return fail(new Error(`The model did not load: ${useModelStore.getState().error}`));
  let image;
  try {
    image = await modelImageOf(imageId);
  } catch (error) {
    return fail(error);
  }
  const task = client.draftReport(image, indication, (report) =>
    useModelStore.setState((s) => ({ draft: s.draft?.status === 'running' ? { ...s.draft, report } : s.draft })),
  );
  drafting = task;
  try {
    const run = await task.result;
    if (drafting !== task) return;
    const status = run.stats.stopped === 'cancelled' ? 'cancelled' : 'done';
    if (status === 'done' && intoReport) useReportStore.getState().edit(studyUID, draftEdit(run.report, imageId, newId));
    useModelStore.setState((s) => ({ draft: s.draft && { ...s.draft, status, report: run.report, stats: run.stats } }));
  } catch (error) {
    if (drafting === task) fail(error);
  } finally {
    if (drafting === task) drafting = undefined;
  }
}

export function cancelDraft(): void {
  drafting?.cancel();
}

/** Draft button and D: a draft of the image on screen into its study's report. */
export function startDraft(): void {
  // Teaching mode drafts only when the resident compares (teaching.ts).
  if (useTeachingStore.getState().teachingMode) return;
  const imageId = useAppStore.getState().view.imageId;
  const active = activeStudy();
  if (!imageId || !active) return;
  const report = useReportStore.getState().histories[active.study.uid]?.present;
  void draftReport(active.study.uid, imageId, report?.content.indication ?? requestReasonOf(active));
}

/** Lucent's sentence for a region the reader drew: the describe task, written into the empty finding. */
export async function describeRegion(studyUID: string, findingId: string, imageId: string, box: Box): Promise<void> {
  countRequest();
  if (!(await ensureModel())) return;
  try {
    const run = await client.describe(await modelImageOf(imageId), box).result;
    if (run.text) useReportStore.getState().edit(studyUID, { type: 'proposeText', findingId, text: run.text, confidence: run.confidence });
  } catch (error) {
    console.warn(`Lucent could not describe the region: ${errorMessage(error)}`);
  }
}

/** Lucent's regions for a sentence the reader typed: the locate task, proposed for the reader to keep or redraw. */
export async function locateFinding(studyUID: string, findingId: string, imageId: string, text: string): Promise<void> {
  countRequest();
  if (!(await ensureModel())) return;
  try {
    const run = await client.locate(await modelImageOf(imageId), text).result;
    const regions = run.boxes.map((box) => ({ id: newId(), imageId, box }));
    useReportStore.getState().edit(studyUID, { type: 'proposeRegions', findingId, regions });
  } catch (error) {
    console.warn(`Lucent could not locate the finding: ${errorMessage(error)}`);
  }
}
