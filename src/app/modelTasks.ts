// The model tasks: load the model (with progress), draft a report of the image on screen, cancel,
// describe a drawn region, locate a typed sentence. Connects the model worker's client to the
// model and report stores.
import { ModelClient, type RunningTask } from '../model/client';
import type { ReportRun } from '../model/engine';
import type { GroundedReport } from '../model/grounding';
import type { ModelSource } from '../model/protocol';
import type { Box } from '../findings/box';
import type { GreyscaleImage } from '../imaging/greyscaleImage';
import { headerRefusal, headerWarnings } from '../model/inputCheck';
import { newId } from '../report/ids';
import { useAppStore } from '../store/appStore';
import { useModelStore, type DraftState } from '../store/modelStore';
import { useTeachingStore } from '../store/teachingStore';
import { errorMessage } from '../util/errorMessage';
import { modelImageOf } from '../viewer/modelImage';
import { draftEdit } from './applyDraft';
import { draftForFilm, filmOf, noProbabilityWhy } from './draftForFilm';
import { changesAsStated, sentenceAsStated, weakestSpacing } from '../report/statedSize';
import { comparisonFor } from './comparison';
import { activeStudy, instanceOfImage, requestReasonOf } from './studyQueries';
import { reportSession } from './reportSession';

const client = new ModelClient();
let loading: Promise<boolean> | undefined;
let drafting: RunningTask<ReportRun> | undefined;

/** Loads the model named by the settings, or a local folder; resolves to whether it is ready. */
export function loadModel(folder?: File[]): Promise<boolean> {
  const store = useModelStore.getState();
  const { settings } = store;
  const source: ModelSource = folder ? { kind: 'folder', files: folder } : { kind: 'url', url: settings.manifestUrl };
  cancelDraft();
  // Another model reads other images: earlier refusals and forced drafts were about the old one.
  useModelStore.setState({
    status: 'loading',
    progress: undefined,
    error: undefined,
    info: undefined,
    refusal: undefined,
    forced: {},
    sourceLabel: folder ? 'a local folder' : settings.manifestUrl,
  });
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

/** Counts a task asked of the model, at once (before any await), so the page shows it with the edit that asked. */
const countRequest = () => useModelStore.setState((s) => ({ requests: s.requests + 1 }));

/**
 * Why the model should not read this image, in words (inputCheck.ts): its header against the
 * model's declared input domain, then the pixels it would see (their own copy: a task's pixels are
 * transferred to the worker). Undefined when it may.
 */
async function refusalOf(imageId: string): Promise<string | undefined> {
  const domain = useModelStore.getState().info?.inputDomain;
  const header = instanceOfImage(imageId)?.header;
  const byHeader = domain && header ? headerRefusal(header, domain) : undefined;
  return (byHeader ?? (await client.check(await modelImageOf(imageId)).result).refusal)?.reason;
}

type ModelTask = 'draft' | 'describe' | 'locate';

/** What the image's header says of its film: generated or real, and the spacing it states (draftForFilm.ts). */
const filmOfImage = (imageId: string) => filmOf(instanceOfImage(imageId)?.header);

/**
 * The image's pixels for a model task, or the refusal, which is then shown, when the image is not one
 * the model reads and the reader has not chosen to draft it anyway. `warnings`: what forcing it means.
 */
async function imageForTask(
  imageId: string,
  task: ModelTask,
  force: boolean,
): Promise<{ image: GreyscaleImage; warnings: string[] } | { refused: string }> {
  const refused = await refusalOf(imageId);
  const { forced } = useModelStore.getState();
  if (refused && !force && !(imageId in forced)) {
    useModelStore.setState({ refusal: { imageId, reason: refused, task } });
    return { refused };
  }
  if (refused) useModelStore.setState({ refusal: undefined, forced: { ...forced, [imageId]: refused } });
  const header = instanceOfImage(imageId)?.header;
  return {
    image: await modelImageOf(imageId),
    warnings: [...(header ? headerWarnings(header) : []), ...(refused ? [`Drafted anyway — ${refused}`] : [])],
  };
}

/** The draft the reader is waiting for; a newer draft, or Cancel, makes every older one stop at its next step. */
let currentDraft = 0;

/**
 * Drafts a report of one image; when the draft completes it goes into the study's report, unless
 * `intoReport` is false (teaching mode keeps it aside until the resident has written theirs). An
 * image the model does not read is refused with its reason unless `force` (Draft anyway): then
 * every finding carries the warning.
 */
export async function draftReport(studyUID: string, imageId: string, indication: string, intoReport = true, force = false): Promise<void> {
  countRequest();
  cancelDraft();
  const id = ++currentDraft;
  useModelStore.setState({
    draft: { id, imageId, status: 'running', report: undefined, stats: undefined, error: undefined, warnings: [] },
  });
  /** Changes this draft's state only while it is still the one on screen. */
  const update = (change: Partial<DraftState>): void => {
    useModelStore.setState((s) => (s.draft?.id === id ? { draft: { ...s.draft, ...change } } : s));
  };
  const stale = () => id !== currentDraft;
  if (!(await ensureModel())) return update({ status: 'error', error: `The model did not load: ${useModelStore.getState().error}` });
  let prepared;
  try {
    prepared = stale() ? undefined : await imageForTask(imageId, 'draft', force);
  } catch (error) {
    return update({ status: 'error', error: errorMessage(error) });
  }
  if (!prepared || stale()) return update({ status: 'cancelled' });
  if ('refused' in prepared) return update({ status: 'refused', error: prepared.refused });
  const { image, warnings } = prepared;
  const film = filmOfImage(imageId);
  const task = client.draftReport(image, indication, (streamed) => {
    const report = draftForFilm(streamed, film);
    useModelStore.setState((s) => (s.draft?.id === id && s.draft.status === 'running' ? { draft: { ...s.draft, report } } : s));
  });
  drafting = task;
  try {
    const finished = await task.result;
    const run = { ...finished, report: draftForFilm(finished.report, film, finished.labelHead) };
    // Cancelled (or overtaken: then update changes nothing): how far it got is still worth showing.
    if (stale()) return update({ status: 'cancelled', report: run.report, stats: run.stats });
    const status = run.stats.stopped === 'cancelled' ? 'cancelled' : 'done';
    if (status === 'done' && intoReport) {
      const compared = await comparisonFor(studyUID, imageId, run.report, {
        draft: (priorImageId) => draftAside(priorImageId, indication),
        describe: async (onImage, box) => (await client.describe(await modelImageOf(onImage), box).result).text,
      });
      // Sizes compared across two films only as far as both state their spacing.
      const spacing = compared ? weakestSpacing(film.spacing, filmOfImage(compared.imageId).spacing) : 'none';
      const comparison = compared && { ...compared, changes: changesAsStated(compared.changes, spacing) };
      if (stale()) return update({ status: 'cancelled', report: run.report, stats: run.stats });
      reportSession(studyUID).edit(draftEdit(run.report, imageId, newId, warnings, comparison));
    }
    update({ status, report: run.report, stats: run.stats, warnings });
  } catch (error) {
    update({ status: 'error', error: errorMessage(error) });
  } finally {
    if (drafting === task) drafting = undefined;
  }
}

/** A draft of another image (the prior film, for a comparison), kept out of every report; none when the model would refuse it. */
async function draftAside(imageId: string, indication: string): Promise<GroundedReport | undefined> {
  if (await refusalOf(imageId)) return undefined;
  const run = await client.draftReport(await modelImageOf(imageId), indication, () => {}).result;
  return draftForFilm(run.report, filmOfImage(imageId), run.labelHead);
}

export function cancelDraft(): void {
  currentDraft++;
  drafting?.cancel();
}

/** Draft button and D: a draft of the image on screen into its study's report. */
export function startDraft(force = false): void {
  // Teaching mode drafts only when the resident compares (teaching.ts).
  if (useTeachingStore.getState().teachingMode) return;
  const imageId = useAppStore.getState().view.imageId;
  const active = activeStudy();
  if (!imageId || !active) return;
  const report = reportSession(active.study.uid).report;
  void draftReport(active.study.uid, imageId, report?.content.indication ?? requestReasonOf(active), true, force);
}

/** Draft anyway: the reader drafts an image the model refused; every finding carries the warning. */
export function draftAnyway(): void {
  startDraft(true);
}

/**
 * A describe or locate task on an image that passed the checks (a refusal is shown instead); its
 * failure is logged, not shown: the reader's finding stays as they wrote it.
 */
async function onCheckedImage(
  imageId: string,
  task: 'describe' | 'locate',
  work: (prepared: { image: GreyscaleImage; warnings: string[] }) => Promise<void>,
): Promise<void> {
  countRequest();
  if (!(await ensureModel())) return;
  try {
    const prepared = await imageForTask(imageId, task, false);
    if (!('refused' in prepared)) await work(prepared);
  } catch (error) {
    console.warn(`Lucent could not ${task === 'describe' ? 'describe the region' : 'locate the finding'}: ${errorMessage(error)}`);
  }
}

/** Lucent's sentence for a region the reader drew: the describe task, written into the empty finding. */
export function describeRegion(studyUID: string, findingId: string, imageId: string, box: Box): Promise<void> {
  return onCheckedImage(imageId, 'describe', async ({ image, warnings }) => {
    const run = await client.describe(image, box).result;
    const film = filmOfImage(imageId);
    const { text, caveat } = sentenceAsStated(run.text, film.spacing);
    // On a real film, not the sentence calibration fitted on generated films (draftForFilm.ts); the head does not describe.
    const calibrated = film.generated && run.probability !== undefined;
    if (text)
      reportSession(studyUID).edit({
        type: 'proposeText',
        findingId,
        text,
        confidence: calibrated ? run.probability! : run.confidence,
        calibrated,
        ...(film.generated ? {} : { noProbability: noProbabilityWhy('the label head gives no probability for a described region') }),
        warnings: [...warnings, ...run.flags, ...(caveat ? [caveat] : [])],
      });
  });
}

/** Lucent's regions for a sentence the reader typed: the locate task, proposed for the reader to keep or redraw. */
export function locateFinding(studyUID: string, findingId: string, imageId: string, text: string): Promise<void> {
  return onCheckedImage(imageId, 'locate', async ({ image }) => {
    const run = await client.locate(image, text).result;
    const regions = run.boxes.map((box) => ({ id: newId(), imageId, box }));
    reportSession(studyUID).edit({ type: 'proposeRegions', findingId, regions });
  });
}
