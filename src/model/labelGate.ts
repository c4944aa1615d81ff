// Calibrated drafting: the label head decides which findings a draft may hold. Each label type the
// model was calibrated for has an isotonic map from the head's probability to the rate of the
// finding on the films it was fitted on (real validation films, labelled), and an operating
// threshold on that calibrated probability, chosen there, with the sensitivity and specificity it
// gave. A drafted finding whose type the head calls absent is left out; a type the head calls present
// that the draft lacks is one the model must still locate (engine.ts) and say. The calibrated
// probabilities hold at the prevalence of the films they were fitted on, which the manifest states.
// Plain TypeScript.
import type { Box } from '../findings/box';
import { isNegativeSentence, labelSentence, labelsDenied, typesDenied, typesSaying, type LabelType } from '../findings/labels';
import { calibrate, type IsotonicMap } from './calibration';
import type { GroundedFinding, GroundedReport } from './grounding';

export interface LabelOperatingPoint {
  /** Label head probability → rate of the finding on the fitting films. */
  map: IsotonicMap;
  /** A calibrated probability at or above this calls the finding present. */
  threshold: number;
  /** On the fitting films, at the threshold. */
  sensitivity: number;
  specificity: number;
  /** Share of the fitting films with the finding: the calibrated probabilities hold at this prevalence. */
  prevalence: number;
}

export interface LabelCalibration {
  /** The weights it was fitted with: other weights draft ungated. */
  precision: 'int8' | 'fp32';
  /** What the maps and thresholds were fitted on, in words (the model card says more). */
  fittedOn: string;
  types: Partial<Record<LabelType, LabelOperatingPoint>>;
  /**
   * Per label type, the head's probability below which it is ruled out, fitted so that nearly every fitting film with the finding
   * is at or above it (scripts/calibration/ruleOut.ts states the share). A pertinent negative stands only where it rules out
   * every label it denies; a type without one is never denied.
   */
  ruleOut?: Partial<Record<LabelType, number>>;
}

/** Whether the head backs a pertinent negative: every label it denies is ruled out (never for a type without a rule-out). */
export function backsNegative(text: string, probabilities: Partial<Record<LabelType, number>>, calibration: LabelCalibration): boolean {
  return labelsDenied(text).every((t) => {
    const below = calibration.ruleOut?.[t];
    const p = probabilities[t];
    return below !== undefined && p !== undefined && p < below;
  });
}

/** What the model is asked to locate, and how the draft says it, for a label the head finds and the draft lacks. */
export const LABEL_PHRASES: Partial<Record<LabelType, { locate: string; say: string }>> = {
  nodule: { locate: 'nodule', say: 'Nodule' },
  mass: { locate: 'mass', say: 'Mass' },
  pleural_effusion: { locate: 'pleural effusion', say: 'Pleural effusion' },
  pneumothorax: { locate: 'pneumothorax', say: 'Pneumothorax' },
  consolidation: { locate: 'consolidation', say: 'Consolidation' },
  atelectasis: { locate: 'atelectasis', say: 'Atelectasis' },
  cardiomegaly: { locate: 'cardiomegaly', say: 'Cardiomegaly' },
  airspace_opacity: { locate: 'airspace opacity', say: 'Airspace opacity' },
  // The vocabulary has no word for oedema: the model locates it as what it looks like.
  pulmonary_edema: { locate: 'bilateral airspace opacity', say: 'Pulmonary oedema' },
};

export interface GatedDraft {
  /** The draft's findings the head does not call absent, and the pertinent negatives it backs. */
  kept: GroundedFinding[];
  /** The draft's findings the head calls absent, and the pertinent negatives it does not back. */
  leftOut: GroundedFinding[];
  /** Types the head calls present that no kept finding says (never "abnormal": not a finding). */
  missing: LabelType[];
  /** Each calibrated type's probability. */
  calibrated: Partial<Record<LabelType, number>>;
}

export function gateFindings(
  findings: GroundedFinding[],
  probabilities: Partial<Record<LabelType, number>>,
  calibration: LabelCalibration,
): GatedDraft {
  const calibrated: Partial<Record<LabelType, number>> = {};
  for (const [type, point] of Object.entries(calibration.types) as Array<[LabelType, LabelOperatingPoint]>) {
    const p = probabilities[type];
    if (p !== undefined) calibrated[type] = calibrate(p, point.map);
  }
  const present = (type: LabelType) => calibrated[type] === undefined || calibrated[type]! >= calibration.types[type]!.threshold;
  const kept: GroundedFinding[] = [];
  const leftOut: GroundedFinding[] = [];
  for (const f of findings) {
    const type = labelSentence(f.text)?.type;
    const stands = isNegativeSentence(f.text) ? backsNegative(f.text, probabilities, calibration) : type === undefined || present(type);
    (stands ? kept : leftOut).push(f);
  }
  const said = new Set<LabelType>(kept.map((f) => labelSentence(f.text)?.type).filter((t) => t !== undefined));
  const missing = (Object.keys(calibrated) as LabelType[]).filter(
    (t) => t !== 'abnormal' && present(t) && LABEL_PHRASES[t] && !typesSaying(t).some((s) => said.has(s)),
  );
  return { kept, leftOut, missing, calibrated };
}

/** A located label as a draft sentence: the side and zone from where its boxes lie on the film (patient right on the image's left). */
export function sentenceFor(type: LabelType, boxes: Box[], rows: number, cols: number): string {
  const say = LABEL_PHRASES[type]?.say ?? type.replace(/_/g, ' ');
  if (!boxes.length || type === 'cardiomegaly') return `${say}.`;
  const sides = new Set(boxes.map((b) => ((b[0] + b[2]) / 2 < cols / 2 ? 'right' : 'left')));
  if (type === 'pulmonary_edema' || sides.size > 1) return `${say}, bilateral.`;
  const cy = boxes.reduce((s, b) => s + (b[1] + b[3]) / 2, 0) / boxes.length;
  const zone = ['upper', 'middle', 'lower'][Math.min(2, Math.floor((3 * cy) / rows))];
  return `${say} in the ${[...sides][0]} ${zone} zone.`;
}

/** Where the model places a phrase on the image (engine.ts locate). */
export type Locate = (phrase: string) => Promise<Pick<GroundedFinding, 'boxes' | 'modelBoxes' | 'confidence' | 'attention'>>;

/**
 * The draft gated: findings the label head calls absent left out, and each type it calls present
 * that the draft lacks located and said; then a pertinent negative that denies what the draft now
 * says is left out too ("the lungs are clear" beside an added opacity), as is one the head does not
 * back (gateFindings). The model's impression named what it drafted, so when the findings change, or
 * it holds a negative the head does not back, it is dropped and the app proposes one from the
 * accepted findings (report/structured.ts).
 */
export async function gateDraft(
  report: GroundedReport,
  probabilities: Partial<Record<LabelType, number>>,
  calibration: LabelCalibration,
  image: { rows: number; cols: number },
  locate: Locate,
): Promise<{ report: GroundedReport; labelGate: { leftOut: string[]; added: string[]; calibrated: Partial<Record<LabelType, number>> } }> {
  const gated = gateFindings(report.findings, probabilities, calibration);
  const added: GroundedFinding[] = [];
  const addedTypes: LabelType[] = [];
  for (const type of gated.missing) {
    const located = await locate(LABEL_PHRASES[type]!.locate);
    // Every finding sentence has its region: a type the model cannot place is not said.
    if (!located.boxes.length) continue;
    added.push({ ...located, text: sentenceFor(type, located.boxes, image.rows, image.cols), probability: gated.calibrated[type] });
    addedTypes.push(type);
  }
  const said = new Set<LabelType>([...gated.kept.map((f) => labelSentence(f.text)?.type), ...addedTypes].filter((t) => t !== undefined));
  const contradicts = (f: GroundedFinding) => typesDenied(f.text).some((t) => typesSaying(t).some((s) => said.has(s)));
  const kept = gated.kept.filter((f) => !contradicts(f));
  const leftOut = [...gated.leftOut, ...gated.kept.filter(contradicts)];
  const impressionBacked = report.impression
    .split(/(?<=\.)\s+/)
    .every((s) => !isNegativeSentence(s) || backsNegative(s, probabilities, calibration));
  const changed = leftOut.length > 0 || added.length > 0 || !impressionBacked;
  return {
    report: { ...report, findings: [...kept, ...added], impression: changed ? '' : report.impression },
    labelGate: { leftOut: leftOut.map((f) => f.text), added: added.map((f) => f.text), calibrated: gated.calibrated },
  };
}
