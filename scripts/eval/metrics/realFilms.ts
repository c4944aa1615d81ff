// A model's real-film numbers, recomputable by anyone: one record per film (its labels, what the input
// checks said, the label head's probabilities, the draft's sentences and how its regions met the
// radiologists' boxes), written by `npm run eval -- --labels --films FILE` and committed beside the
// model card's real-films.json with the sha256 of the weights that made them. realFilmCard() turns a
// split's records into the card's numbers; the unit test recomputes the committed card from the
// committed records and fails on any difference.
import type { Box } from '../../../src/findings/box';
import { LABEL_TYPES, labelSentence, labelsDenied, type LabelType } from '../../../src/findings/labels';
import { calibrate } from '../../../src/model/calibration';
import type { LabelCalibration, LabelOperatingPoint } from '../../../src/model/labelGate';
import { labelMetrics, truthIous, type LabelMetrics, type LabelledCase } from './labelMetrics';

export interface FilmRecord {
  /** The film's name in its source (NIH: the image index without .png). */
  name: string;
  labels: LabelledCase['labels'];
  unmapped: string[];
  /** The input checks' refusal code (inputCheck.ts) when they refused it; null when drafted. */
  refused: string | null;
  /** The label head's probability per type (raw, before calibration); null when refused or the model has no head. */
  probabilities: Partial<Record<LabelType, number>> | null;
  /** The draft as the app shows it (under calibrated drafting): each finding's sentence and probability. */
  sentences: Array<{ text: string; probability?: number }>;
  /** Each true box's best IoU with the draft's regions that say its type. */
  boxIous: Partial<Record<LabelType, number[]>>;
}

export interface FilmRecords {
  format: 'lucent-real-films/1';
  model: { name: string; version: string; precision: 'int8' | 'fp32'; sha256: { encoder: string; decoder: string } };
  /** The folder's name the records came from, e.g. "nih-test". */
  set: string;
  films: FilmRecord[];
}

/** The record of one film drafted (or refused) by the app's runtime. */
export function filmRecord(
  name: string,
  truth: Pick<LabelledCase, 'labels' | 'unmapped' | 'boxes'>,
  refused: string | null,
  run:
    | {
        probabilities?: Partial<Record<LabelType, number>>;
        findings: Array<{ text: string; probability?: number; boxes: Box[] }>;
      }
    | undefined,
): FilmRecord {
  const predictedBoxes: Partial<Record<LabelType, Box[]>> = {};
  for (const f of run?.findings ?? []) {
    const type = labelSentence(f.text)?.type;
    if (type) (predictedBoxes[type] ??= []).push(...f.boxes);
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const boxIous = truthIous({ boxes: truth.boxes, predictedBoxes });
  return {
    name,
    labels: truth.labels,
    unmapped: truth.unmapped ?? [],
    refused,
    probabilities: run?.probabilities ? Object.fromEntries(Object.entries(run.probabilities).map(([t, p]) => [t, round(p!)])) : null,
    sentences: (run?.findings ?? []).map((f) => ({
      text: f.text,
      ...(f.probability !== undefined ? { probability: round(f.probability) } : {}),
    })),
    boxIous: Object.fromEntries(Object.entries(boxIous).map(([t, ious]) => [t, ious!.map(round)])),
  };
}

/**
 * With calibrated drafting, each type's operating point as a threshold on the head's probability:
 * the lowest probability among these films whose calibrated value reaches the calibrated threshold
 * (the map never decreases, so the films it calls present are those at or above it). Without: 0.5.
 */
export function operatingThresholds(cases: LabelledCase[], calibration: LabelCalibration | undefined): Partial<Record<LabelType, number>> {
  if (!calibration) return {};
  const thresholds: Partial<Record<LabelType, number>> = {};
  for (const [type, point] of Object.entries(calibration.types) as Array<[LabelType, LabelOperatingPoint]>) {
    const called = cases
      .map((c) => c.scores[type])
      .filter((s): s is number => s !== undefined && calibrate(s, point.map) >= point.threshold);
    thresholds[type] = called.length ? Math.min(...called) : Number.POSITIVE_INFINITY;
  }
  return thresholds;
}

/** A refused film is drafted as nothing, as the app would: every score 0. */
export function caseOf(film: FilmRecord): LabelledCase {
  return { labels: film.labels, unmapped: film.unmapped, scores: { ...film.probabilities }, boxIous: film.boxIous };
}

/** Per label type: of the films labelled with it, how many drafts hold a pertinent negative that denies it. */
export type NegativesDenying = Partial<Record<LabelType, { films: number; denied: number; rate: number | null }>>;

export function negativesDenying(films: FilmRecord[]): NegativesDenying {
  const table: NegativesDenying = {};
  for (const type of LABEL_TYPES) {
    if (type === 'abnormal') continue;
    const labelled = films.filter((f) => f.labels[type] === 1);
    if (!labelled.length) continue;
    const denied = labelled.filter((f) => f.sentences.some((s) => labelsDenied(s.text).includes(type))).length;
    table[type] = { films: labelled.length, denied, rate: denied / labelled.length };
  }
  return table;
}

/**
 * What the drafts say, whatever the labels: how many films were drafted with a finding, and how many drafts deny an
 * airspace opacity ("The lungs are clear.", "No focal consolidation."), which on a collection of sick patients' films is wrong.
 */
export interface DraftSummary {
  films: number;
  drafted: number;
  with_finding: number;
  denying_opacity: number;
}

export function draftSummary(films: FilmRecord[]): DraftSummary {
  const drafted = films.filter((f) => !f.refused);
  return {
    films: films.length,
    drafted: drafted.length,
    with_finding: drafted.filter((f) => f.sentences.some((s) => labelSentence(s.text))).length,
    denying_opacity: drafted.filter((f) => f.sentences.some((s) => labelsDenied(s.text).includes('airspace_opacity'))).length,
  };
}

/** The card's numbers for one split. */
export type RealFilmCard = LabelMetrics & { refused: number; negatives_denying: NegativesDenying; drafts: DraftSummary };

export function realFilmCard(films: FilmRecord[], calibration: LabelCalibration | undefined): RealFilmCard {
  const cases = films.map(caseOf);
  return {
    ...labelMetrics(cases, operatingThresholds(cases, calibration)),
    refused: films.filter((f) => f.refused).length,
    negatives_denying: negativesDenying(films),
    drafts: draftSummary(films),
  };
}
