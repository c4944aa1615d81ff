// The report's data, as types only: findings tied to image regions, provenance, the reader's
// decisions, the structured parts, signed versions, addenda and the audit trail, and the edits a
// report takes. Every module of the report domain reads these; this one imports nothing but other
// modules' types, so no module that works on a report is ever needed to describe one.

import type { Box } from '../findings/box';
import type { Communication } from './critical';
import type { Recommendation, Risk } from './guidelines/fleischner';
import type { Template } from './template/template';
import type { ChangeKind } from './comparison/compare';
import type { PriorStudy } from './comparison/text';
import type { RegionMeasurement } from './measurement';

export interface Region {
  id: string;
  /** The image the region is drawn on (a Cornerstone imageId). */
  imageId: string;
  /** x0, y0, x1, y1 in image pixel coordinates (columns, rows). */
  box: Box;
  /** Proposed by the model for a sentence the reader typed; the reader keeps or removes it. */
  proposed?: boolean;
  /** The region is a measurement the reader made (its box bounds the tool's points). */
  measurement?: RegionMeasurement;
}

/**
 * Where the model looked while writing a finding: its cross-attention over the encoder grid, placed
 * on the image it was drafted from. Kept with the finding so the explanation survives a reload.
 */
export interface Evidence {
  imageId: string;
  /** Rows, columns of the grid; cells cover the square of side squarePx image pixels at the image's top-left. */
  grid: [number, number];
  squarePx: number;
  /** Row-major, summing to 1. */
  weights: number[];
}

/** Who wrote a finding: the model, the model then the reader, or the reader alone. */
export type Provenance = 'ai' | 'ai-edited' | 'human';
export type Decision = 'pending' | 'accepted' | 'rejected';

export interface Finding {
  id: string;
  text: string;
  regions: Region[];
  provenance: Provenance;
  decision: Decision;
  /** The model's confidence in its sentence (0..1), for AI findings. */
  confidence: number | undefined;
  /** The confidence is a calibrated probability that the finding is right (the model's manifest had a calibration). */
  calibrated?: boolean;
  /** On a real film, the probability shown for the finding: the label head's, or why there is none (findingProbability.ts). */
  headProbability?: HeadProbability;
  noProbability?: string;
  evidence?: Evidence;
  /**
   * Why this sentence must be read with suspicion, kept with it into every export: drafted although
   * the image is outside what the model reads, or cut where the model repeated itself.
   */
  warnings?: string[];
  /** The template section the reader put the finding in (else it sits where its type belongs). */
  sectionId?: string;
  /** The guideline's follow-up for the finding: proposed by the rules, kept only once the reader accepts it. */
  recommendation?: FollowUp;
  /** A critical result's communication record: who was told, how and when. */
  communication?: Communication;
  /** What the finding is in the comparison with the prior study (its regions include the prior film's). */
  comparison?: FindingComparison;
}

/** The label head's calibrated probability of a finding's type on a real film, and the prevalence it holds at. */
export interface HeadProbability {
  /** The label type in words ("pleural effusion"). */
  type: string;
  probability: number;
  /** The share of the films it was fitted on that had the finding. */
  prevalence: number;
  /** Those films, in words (the model manifest's label calibration fitted_on). */
  fittedOn: string;
}

export interface FindingComparison {
  kind: ChangeKind;
  /** Size on the prior and on the current film (mm), where known. */
  sizeMm?: [number | undefined, number | undefined];
  movedMm?: number;
  /** A lesion measured on both dates (the same Tracking UID): its volume doubling time in days, when it grew. */
  doublingDays?: number;
}

export interface FollowUp extends Recommendation {
  status: 'proposed' | 'accepted' | 'dismissed';
}

export interface ReportContent {
  indication: string;
  findings: Finding[];
  impression: string;
  /** Warnings on the report as a whole: a draft forced on an image outside the model's domain (its impression too). */
  warnings?: string[];
  /** The template the report follows (a copy, so the report reads the same if the template changes). */
  template?: Template;
  /** The template's field values by field id. */
  fields?: Record<string, string>;
  /**
   * Who wrote the impression: the model's draft, Lucent's proposal from the accepted findings, or
   * the reader — once the reader has written it, nothing proposes over it.
   */
  impressionBy?: 'model' | 'proposed' | 'reader';
  /** The study's modality, for the guideline rules (Fleischner is for CT). */
  modality?: string;
  /** The patient's risk for incidental nodules (Fleischner's low or high), as the reader set it. */
  noduleRisk?: Risk;
  /** The findings were read from a report another tool wrote (its DICOM SR): which one, for the note above the report. */
  importedFrom?: ImportedFrom;
  /** The prior study this report compares with (the Comparison field names it; the SR references it). */
  comparison?: PriorStudy;
}

export interface SignedVersion {
  version: number;
  reader: string;
  /** The signer's role and what the signature made of the report (absent in reports signed before roles). */
  role?: ReaderRole;
  kind?: 'preliminary' | 'final';
  /** ISO 8601 time of signing. */
  signedAt: string;
  content: ReportContent;
}

/**
 * draft → preliminary (a resident's signature) → signed (final, an attending's) → addendum (writing
 * one; the final stays as it is) or amending (reopened as a new version). review.ts has the moves.
 */
export type ReportStatus = 'draft' | 'preliminary' | 'signed' | 'amending' | 'addendum';

export interface Report {
  studyUID: string;
  content: ReportContent;
  status: ReportStatus;
  versions: SignedVersion[];
  /** Notes appended to the final report, each signed. */
  addenda?: Addendum[];
  /** Every change, who made it and when: appended by the store, never edited. */
  audit?: AuditEntry[];
}

export interface DraftFinding {
  text: string;
  regions: Omit<Region, 'id'>[];
  /** The model's confidence; absent for a sentence Lucent's comparison rules wrote (what the prior showed is gone). */
  confidence?: number;
  calibrated?: boolean;
  headProbability?: HeadProbability;
  noProbability?: string;
  evidence?: Evidence;
  warnings?: string[];
  comparison?: FindingComparison;
}

export type ReportEdit =
  | { type: 'setIndication'; text: string }
  | { type: 'setImpression'; text: string }
  /** The model's draft replaces the AI findings the reader has not touched; the reader's own stay. */
  /** With `comparison`, the draft was compared with that prior study (its findings say what changed). */
  | {
      type: 'applyDraft';
      findings: Array<DraftFinding & { id: string; regionIds: string[] }>;
      impression: string;
      warnings?: string[];
      comparison?: PriorStudy;
    }
  | { type: 'editText'; findingId: string; text: string }
  /** The model's sentence for a finding the reader started (a drawn region): taken only while the text is empty. */
  | {
      type: 'proposeText';
      findingId: string;
      text: string;
      confidence: number;
      calibrated?: boolean;
      noProbability?: string;
      warnings?: string[];
    }
  | { type: 'decide'; findingId: string; decision: Decision }
  | { type: 'addFinding'; finding: Pick<Finding, 'id' | 'text' | 'regions'>; index?: number }
  | { type: 'removeFinding'; findingId: string }
  | { type: 'moveFinding'; findingId: string; toIndex: number }
  /** The model's regions for a sentence the reader typed: taken only while the finding has none. */
  | { type: 'proposeRegions'; findingId: string; regions: Region[] }
  /** Adds the region to the finding, or replaces the one with its id (moved or resized). */
  | { type: 'setRegion'; findingId: string; region: Region }
  | { type: 'removeRegion'; findingId: string; regionId: string }
  /** The finding's lesion measured on a prior too: the report compares with that prior, and the finding records the change. */
  | { type: 'trackLesion'; findingId: string; prior: PriorStudy; comparison: FindingComparison }
  | StructureEdit;

export type StructureEdit =
  /** Follow a template (undefined: none); field values stay, keyed by field id. */
  | { type: 'applyTemplate'; template: Template | undefined }
  | { type: 'setField'; fieldId: string; value: string }
  /** Several fields in one step (a section's normal text). */
  | { type: 'setFields'; values: Record<string, string> }
  | { type: 'setSection'; findingId: string; sectionId: string }
  | { type: 'decideRecommendation'; findingId: string; status: FollowUp['status'] }
  | { type: 'recordCommunication'; findingId: string; communication: Communication | undefined }
  | { type: 'setNoduleRisk'; risk: Risk }
  | { type: 'setModality'; modality: string };

/** The reader's grade, which decides what their signature makes of a report (review.ts has the moves). */
export type ReaderRole = 'resident' | 'fellow' | 'attending';

export interface Reader {
  name: string;
  role: ReaderRole;
}

export interface Addendum {
  text: string;
  reader: string;
  role: ReaderRole;
  /** ISO 8601 time of signing. */
  signedAt: string;
}

export interface AuditEntry {
  /** ISO 8601 time of the change (of its last keystroke, for typing). */
  at: string;
  reader: string;
  role: ReaderRole;
  /** What changed, in words. */
  action: string;
  /** The version the change belongs to: the one being written, or the one just signed. */
  version: number;
  /** Typing in one box: consecutive entries with the same key are one. */
  key?: string;
}

/** The SR of another tool a report's findings were read from. */
export interface ImportedFrom {
  manufacturer: string;
  description: string;
  sopInstanceUID: string;
  /** Its Content Date, YYYY-MM-DD. */
  date: string;
  /** A TID 1500 measurement report (the default), or a text report. */
  kind?: 'measurements' | 'text';
  observer?: string;
}
