// Comparison with the prior study open beside the current one: the prior's findings (its report
// when it was signed or came from another tool, else the model's draft of the prior film), the two
// films aligned and subtracted (in a worker), and what changed — handed to the draft (applyDraft.ts). Nothing is
// compared when no prior is open: a comparison without the prior on screen is a hallucination.
import type { GroundedReport } from '../model/grounding';
import { firstImageSeries, type Study } from '../dicom/studies';
import type { FindingChange, ObservedFinding } from '../report/comparison/compare';
import { recheckResolved } from '../report/comparison/recheck';
import { priorBoxOnCurrent, type Alignment } from '../imaging/align';
import type { Box } from '../findings/box';
import type { ComparisonReply, ComparisonRequest } from './comparisonWorker';
import type { PriorStudy } from '../report/comparison/text';
import { recordOf } from '../report/content';
import { useAppStore } from '../store/appStore';
import { besideAs } from './priors';
import { useReportStore } from '../store/reportStore';
import { errorMessage } from '../util/errorMessage';
import { modelImageOf } from '../viewer/modelImage';
import { observedFindings, type DraftComparison } from './applyDraft';
import { instanceOfImage, spacingOf } from './studyQueries';

/**
 * The prior chosen beside the current study, when it is an earlier study of the same patient. A study
 * beside that is newer (or of the same day, with no time to order them) is no prior: comparing with it
 * would read every change backwards in time ("decreased" for what grew).
 */
export function priorOf(currentStudyUID: string): Study | undefined {
  const { studies, priorStudyUID } = useAppStore.getState();
  const current = studies.find((s) => s.uid === currentStudyUID);
  const prior = studies.find((s) => s.uid === priorStudyUID);
  if (!current || !prior || prior.uid === current.uid) return undefined;
  return besideAs(prior, current) === 'prior' ? prior : undefined;
}

/** The prior's image compared with: the first image of the series the prior opens with beside the current study. */
export function priorImageOf(prior: Study): string | undefined {
  return firstImageSeries(prior)?.imageIds[0];
}

export function priorStudyOf(prior: Study, imageId: string): PriorStudy {
  const header = instanceOfImage(imageId)?.header;
  return {
    studyUID: prior.uid,
    modality: prior.series.find((s) => s.imageIds.includes(imageId))?.modality ?? '',
    date: prior.date,
    description: prior.description,
    accessionNumber: prior.accessionNumber,
    ...(header
      ? { image: { sopClassUID: header.sopClassUID, sopInstanceUID: header.sopInstanceUID, seriesInstanceUID: header.seriesInstanceUID } }
      : {}),
  };
}

/** The prior's own findings on that image, when its report stands (signed, or another tool's); else undefined. */
function reportedOnPrior(prior: Study, imageId: string): ObservedFinding[] | undefined {
  const report = useReportStore.getState().histories[prior.uid]?.present;
  if (!report || (report.status === 'draft' && !report.content.importedFrom)) return undefined;
  return recordOf(report).findings.map((f) => ({
    text: f.text,
    boxes: f.regions.filter((r) => r.imageId === imageId).map((r) => r.box),
  }));
}

let worker: Worker | undefined;

function compareInWorker(request: ComparisonRequest): Promise<{ changes: FindingChange[]; alignment: Alignment }> {
  worker ??= new Worker(new URL('./comparisonWorker.ts', import.meta.url), { type: 'module', name: 'lucent-comparison' });
  const w = worker;
  return new Promise((resolve, reject) => {
    w.onmessage = (event: MessageEvent<ComparisonReply>) =>
      'changes' in event.data ? resolve(event.data) : reject(new Error(event.data.error));
    w.onerror = (event) => reject(new Error(event.message));
    w.postMessage(request);
  });
}

const spacing = (imageId: string): [number, number] => spacingOf(imageId) ?? [1, 1];

/** The model's work for a comparison, kept out of every report: a draft of the prior film, a sentence for a place on the current one. */
export interface ModelAside {
  /** The model's draft of an image; none when it would refuse the image. */
  draft: (imageId: string) => Promise<GroundedReport | undefined>;
  describe: (imageId: string, box: Box) => Promise<string>;
}

/**
 * The comparison of a draft of `imageId` with the prior open beside it, or undefined (no prior, or it
 * could not be read: the draft then goes in without one, and the console says why).
 * The model drafts the prior film only when the prior has no standing report, and describes a place
 * on the current film where a finding of the prior may only have shrunk (recheckResolved).
 */
export async function comparisonFor(
  studyUID: string,
  imageId: string,
  draft: GroundedReport,
  model: ModelAside,
): Promise<DraftComparison | undefined> {
  const prior = priorOf(studyUID);
  const priorImageId = prior && priorImageOf(prior);
  if (!prior || !priorImageId) return undefined;
  try {
    const reported = reportedOnPrior(prior, priorImageId);
    let findings = reported;
    if (!findings) {
      const priorDraft = await model.draft(priorImageId);
      if (!priorDraft) return undefined;
      findings = observedFindings(priorDraft);
    }
    const [priorSpacing, currentSpacing] = [spacing(priorImageId), spacing(imageId)];
    const compared = await compareInWorker({
      prior: { image: await modelImageOf(priorImageId), spacingMm: priorSpacing },
      current: { image: await modelImageOf(imageId), spacingMm: currentSpacing },
      priorFindings: findings,
      currentFindings: observedFindings(draft),
      priorIsReport: !!reported,
    });
    const films = {
      priorSpacing,
      currentSpacing,
      priorToCurrent: (box: Box) => priorBoxOnCurrent(box, compared.alignment, priorSpacing, currentSpacing),
    };
    const changes = await recheckResolved(compared.changes, findings, films, (box) => model.describe(imageId, box));
    return { prior: priorStudyOf(prior, priorImageId), imageId: priorImageId, findings, changes };
  } catch (error) {
    console.warn(`Lucent could not compare with the prior study: ${errorMessage(error)}`);
    return undefined;
  }
}
