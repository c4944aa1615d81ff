// Teaching use-cases: compare the resident's findings with the case's ground truth (sample cases)
// or the model's draft, reveal the AI draft, and explain a finding (measurements in mm from the
// image's pixel spacing, the teaching note of its type) in words the panels show as they are.
import type { Box } from '../findings/box';
import { labelSentence } from '../findings/labels';
import type { Finding } from '../report/types';
import { newId } from '../report/ids';
import { useModelStore } from '../store/modelStore';
import { useTeachingStore } from '../store/teachingStore';
import { compareFindings, referenceFromSentences, type Comparison, type ReferenceFinding } from '../teaching/compare';
import { formatMm, measureRegion } from '../teaching/measure';
import { TEACHING_NOTES, type TeachingNote } from '../teaching/notes';
import { draftEdit } from './applyDraft';
import { draftReport } from './modelTasks';
import { spacingOf } from './studyQueries';
import { reportSession } from './reportSession';

/** The model's draft of the image, run now if it has not been (kept out of the report). */
async function aiDraftOf(studyUID: string, imageId: string, indication: string) {
  const current = useModelStore.getState().draft;
  if (!(current?.imageId === imageId && current.status === 'done')) await draftReport(studyUID, imageId, indication, false);
  const draft = useModelStore.getState().draft;
  if (draft?.imageId !== imageId || draft.status !== 'done' || !draft.report)
    throw new Error(draft?.error ?? 'the model did not finish its draft');
  return draft.report;
}

function residentFindings(findings: Finding[]) {
  return findings
    .filter((f) => f.provenance === 'human' && f.decision !== 'rejected')
    .map((f) => ({ id: f.id, text: f.text, boxes: f.regions.map((r) => r.box) }));
}

/** Compare: the resident's findings against the ground truth, else the AI draft (run out of sight); the score is kept. */
export async function compareWithReference(studyUID: string, imageId: string, indication: string, findings: Finding[]): Promise<void> {
  const truth = useTeachingStore.getState().groundTruth[studyUID];
  const draft = await aiDraftOf(studyUID, imageId, indication);
  const reference: ReferenceFinding[] = truth ? truth.findings : referenceFromSentences(draft.findings);
  useTeachingStore
    .getState()
    .setComparison(studyUID, compareFindings(residentFindings(findings), reference, truth ? 'ground truth' : 'AI draft'));
}

/** Puts the model's draft (with its explanations) into the report, once. */
export function revealAiDraft(studyUID: string, imageId: string | undefined): void {
  const draft = useModelStore.getState().draft;
  const revealed = !!useTeachingStore.getState().revealed[studyUID];
  if (draft?.report && draft.imageId === imageId && !revealed)
    reportSession(studyUID).edit(draftEdit(draft.report, draft.imageId, newId, draft.warnings));
  useTeachingStore.getState().reveal(studyUID);
}

const typeName = (type: string) => type.replace(/_/g, ' ');
const nameOf = (f: ReferenceFinding) => f.name ?? typeName(f.type);
const sideOf = (laterality: string) => (laterality === 'none' ? '' : `${laterality} `);
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** The reference finding's size from its box and the image's pixel spacing, plus the truth's own numbers. */
function measured(f: ReferenceFinding, spacing: [number, number] | undefined): string {
  const box = f.boxes[0];
  const parts = box ? measureRegion(f.type, box, spacing).map((m) => `${m.label} ${formatMm(m.mm)}`) : [];
  if (f.cardiothoracicRatio !== undefined) parts.push(`cardiothoracic ratio ${f.cardiothoracicRatio.toFixed(2)}`);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

/** A comparison in words: its score line and one line per matched, missed and extra finding. */
export function comparisonInWords(comparison: Comparison, studyUID: string, imageId: string | undefined) {
  const spacing = useTeachingStore.getState().groundTruth[studyUID]?.spacing ?? (imageId ? spacingOf(imageId) : undefined);
  return {
    score:
      `Against the ${comparison.against}: recall ${percent(comparison.recall)}, ` +
      `precision ${percent(comparison.precision)}, F1 ${percent(comparison.f1)}`,
    matched: comparison.matched.map(
      (m) =>
        `${sideOf(m.reference.laterality)}${nameOf(m.reference)}` +
        `${m.sameSide ? '' : ` (you wrote the ${sideOf(labelSentence(m.resident.text)?.laterality ?? 'none') || 'unsided '}side)`}` +
        `${m.overlap === undefined ? ' · no region to compare' : ` · region overlap ${percent(m.overlap)}`}` +
        `${measured(m.reference, spacing)}`,
    ),
    missed: comparison.missed.map((f) => `${sideOf(f.laterality)}${nameOf(f)} — “${f.text}”${measured(f, spacing)}`),
    extra: comparison.extra.map((e) => `“${e.resident.text}”${e.type ? ` (${typeName(e.type)})` : ' (no finding type recognised)'}`),
  };
}

export function scoreInWords(f1: number, at: string): string {
  return `${percent(f1)} (${new Date(at).toLocaleDateString()})`;
}

export interface RegionMeasurement {
  regionId: string;
  /** The measurements in mm, rounded to 0.01 (for tests and tools). */
  mm: number[];
  /** "Region 1: diameter 12.0 mm", with the cardiothoracic ratio's reasoning for cardiomegaly. */
  text: string;
}

export interface FindingExplanation {
  measurements: RegionMeasurement[];
  /** The teaching note of the sentence's finding type; undefined when it names no known type. */
  note: TeachingNote | undefined;
}

function measurementOf(
  type: ReturnType<typeof labelSentence>,
  box: Box,
  spacing: [number, number] | undefined,
  k: number,
): { mm: number[]; text: string } {
  const measures = measureRegion(type?.type, box, spacing);
  let text =
    `Region ${k + 1}: ` +
    `${measures.length ? measures.map((m) => `${m.label} ${formatMm(m.mm)}`).join(', ') : 'no pixel spacing in the image: sizes unknown'}`;
  if (type?.type === 'cardiomegaly' && measures.length > 0) {
    text += type.ratio
      ? ` — cardiothoracic ratio ${type.ratio.toFixed(2)} as the sentence states, ` +
        `so an inner thoracic width of about ${formatMm(measures[0].mm / type.ratio)}; check it with the Length tool (M)`
      : ' — divide by the widest inner thoracic width for the cardiothoracic ratio (Length tool, M)';
  }
  return { mm: measures.map((m) => Math.round(m.mm * 100) / 100), text };
}

/** What Explain shows for a finding besides the heat map: each region measured, and the teaching note. */
export function explanationOf(finding: Finding): FindingExplanation {
  const label = labelSentence(finding.text);
  return {
    measurements: finding.regions.map((r, k) => ({ regionId: r.id, ...measurementOf(label, r.box, spacingOf(r.imageId), k) })),
    note: label ? TEACHING_NOTES[label.type] : undefined,
  };
}
