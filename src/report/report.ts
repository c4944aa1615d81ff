// The report domain: findings tied to image regions, the reader's edits, provenance and signed
// versions. Plain TypeScript with no React, DOM or Cornerstone: every edit is a pure function from
// one report to the next, so undo/redo, persistence and tests need nothing else.

import type { Box } from '../findings/box';
import type { Communication } from './critical';
import type { Recommendation, Risk } from './guidelines/fleischner';
import { editStructure, settle, updateFinding, type StructureEdit } from './structured';
import type { AuditEntry } from './audit';
import { EDITABLE, ReportLockedError, type Addendum, type ReaderRole } from './review';
import type { Template } from './template/template';
import type { ImportedFrom } from './import/importedContent';
import type { ChangeKind } from './comparison';
import { describePrior, type PriorStudy } from './comparisonText';

export { amend, ReportLockedError, sign } from './review';

export interface Region {
  id: string;
  /** The image the region is drawn on (a Cornerstone imageId). */
  imageId: string;
  /** x0, y0, x1, y1 in image pixel coordinates (columns, rows). */
  box: Box;
  /** Proposed by the model for a sentence the reader typed; the reader keeps or removes it. */
  proposed?: boolean;
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

export interface FindingComparison {
  kind: ChangeKind;
  /** Size on the prior and on the current film (mm), where known. */
  sizeMm?: [number | undefined, number | undefined];
  movedMm?: number;
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
  confidence: number;
  calibrated?: boolean;
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
  | { type: 'proposeText'; findingId: string; text: string; confidence: number; calibrated?: boolean; warnings?: string[] }
  | { type: 'decide'; findingId: string; decision: Decision }
  | { type: 'addFinding'; finding: Pick<Finding, 'id' | 'text' | 'regions'>; index?: number }
  | { type: 'removeFinding'; findingId: string }
  | { type: 'moveFinding'; findingId: string; toIndex: number }
  /** The model's regions for a sentence the reader typed: taken only while the finding has none. */
  | { type: 'proposeRegions'; findingId: string; regions: Region[] }
  /** Adds the region to the finding, or replaces the one with its id (moved or resized). */
  | { type: 'setRegion'; findingId: string; region: Region }
  | { type: 'removeRegion'; findingId: string; regionId: string }
  | StructureEdit;

export function emptyReport(studyUID: string, indication = '', modality = ''): Report {
  return {
    studyUID,
    content: { indication, findings: [], impression: '', ...(modality ? { modality } : {}) },
    status: 'draft',
    versions: [],
  };
}

/** An AI finding the reader changed becomes 'ai-edited'; the reader's own stay 'human'. */
const touched = (f: Finding): Provenance => (f.provenance === 'ai' ? 'ai-edited' : f.provenance);

/** A finding without what a model proposal said of it (calibration, warnings): a new proposal brings its own. */
function withoutModelMarks(f: Finding): Finding {
  const { calibrated: _calibrated, warnings: _warnings, ...rest } = f;
  return rest;
}

/**
 * A finding whose sentence the reader rewrote: the warnings about the model's sentence (a loop cut,
 * an unfinished sentence) no longer apply; those the report carries as a whole (drafted anyway) stay.
 */
function withoutSentenceFlags(f: Finding, content: ReportContent): Finding {
  if (!f.warnings) return f;
  const { warnings, ...rest } = f;
  const kept = warnings.filter((w) => content.warnings?.includes(w));
  return kept.length ? { ...rest, warnings: kept } : rest;
}

/**
 * The report compared with a prior: the prior recorded, and the template's Comparison field naming
 * it unless the reader wrote something else there than the template's default.
 */
function withComparison(content: ReportContent, prior: PriorStudy): ReportContent {
  const field =
    content.template?.sections.find((s) => s.id === 'comparison')?.fields[0] ??
    content.template?.sections.flatMap((s) => s.fields).find((f) => /^comparison/i.test(f.label));
  const written = field ? content.fields?.[field.id]?.trim() : undefined;
  const free = field && (!written || written === field.normal?.trim() || /^none\.?$/i.test(written));
  return { ...content, comparison: prior, ...(field && free ? { fields: { ...content.fields, [field.id]: describePrior(prior) } } : {}) };
}

function editContent(content: ReportContent, edit: ReportEdit): ReportContent {
  switch (edit.type) {
    case 'setIndication':
      return edit.text === content.indication ? content : { ...content, indication: edit.text };
    case 'setImpression':
      // Cleared by the reader: Lucent may propose again.
      return edit.text === content.impression
        ? content
        : { ...content, impression: edit.text, impressionBy: edit.text.trim() ? 'reader' : undefined };
    case 'applyDraft': {
      const kept = content.findings.filter((f) => f.provenance !== 'ai' || f.decision !== 'pending');
      const drafted: Finding[] = edit.findings.map((d) => ({
        id: d.id,
        text: d.text,
        regions: d.regions.map((r, i) => ({ ...r, id: d.regionIds[i] })),
        provenance: 'ai',
        decision: 'pending',
        confidence: d.confidence,
        ...(d.calibrated ? { calibrated: true } : {}),
        ...(d.evidence ? { evidence: d.evidence } : {}),
        ...(d.warnings?.length ? { warnings: d.warnings } : {}),
        ...(d.comparison ? { comparison: d.comparison } : {}),
      }));
      const warnings = [...new Set([...(content.warnings ?? []), ...(edit.warnings ?? [])])];
      const readers = content.impressionBy === 'reader' || (!content.impressionBy && content.impression.trim());
      return {
        ...(edit.comparison ? withComparison(content, edit.comparison) : content),
        findings: [...kept, ...drafted],
        ...(readers ? {} : { impression: edit.impression, impressionBy: 'model' as const }),
        ...(warnings.length ? { warnings } : {}),
      };
    }
    case 'editText':
      return updateFinding(content, edit.findingId, (f) =>
        f.text === edit.text ? f : { ...withoutSentenceFlags(f, content), text: edit.text, provenance: touched(f) },
      );
    case 'proposeText':
      return updateFinding(content, edit.findingId, (f) =>
        f.text.trim()
          ? f
          : {
              ...withoutModelMarks(f),
              text: edit.text,
              provenance: 'ai',
              decision: 'pending',
              confidence: edit.confidence,
              ...(edit.calibrated ? { calibrated: true } : {}),
              ...(edit.warnings?.length ? { warnings: edit.warnings } : {}),
            },
      );
    case 'proposeRegions':
      return updateFinding(content, edit.findingId, (f) =>
        f.regions.length || !edit.regions.length ? f : { ...f, regions: edit.regions.map((r) => ({ ...r, proposed: true })) },
      );
    case 'decide':
      return updateFinding(content, edit.findingId, (f) => (f.decision === edit.decision ? f : { ...f, decision: edit.decision }));
    case 'addFinding': {
      const finding: Finding = { ...edit.finding, provenance: 'human', decision: 'accepted', confidence: undefined };
      const findings = [...content.findings];
      findings.splice(edit.index ?? findings.length, 0, finding);
      return { ...content, findings };
    }
    case 'removeFinding':
      return { ...content, findings: content.findings.filter((f) => f.id !== edit.findingId) };
    case 'moveFinding': {
      const from = content.findings.findIndex((f) => f.id === edit.findingId);
      if (from < 0) return content;
      const findings = [...content.findings];
      const [moved] = findings.splice(from, 1);
      findings.splice(Math.max(0, Math.min(findings.length, edit.toIndex)), 0, moved);
      return { ...content, findings };
    }
    case 'setRegion':
      return updateFinding(content, edit.findingId, (f) => {
        const exists = f.regions.some((r) => r.id === edit.region.id);
        const regions = exists ? f.regions.map((r) => (r.id === edit.region.id ? edit.region : r)) : [...f.regions, edit.region];
        return { ...f, regions, provenance: touched(f) };
      });
    case 'removeRegion':
      return updateFinding(content, edit.findingId, (f) => ({
        ...f,
        regions: f.regions.filter((r) => r.id !== edit.regionId),
        provenance: touched(f),
      }));
    default:
      return editStructure(content, edit);
  }
}

/** The report after one edit; a signed report refuses every edit. */
export function applyEdit(report: Report, edit: ReportEdit): Report {
  if (!EDITABLE.has(report.status)) throw new ReportLockedError();
  const content = editContent(report.content, edit);
  return content === report.content ? report : { ...report, content: settle(content) };
}

/** The findings that go into the signed report: all but the rejected ones and those with no sentence yet. */
export function reportedFindings(content: ReportContent): Finding[] {
  return content.findings.filter((f) => f.decision !== 'rejected' && f.text.trim() !== '');
}

/** The report's own warnings (a draft forced on an image outside the model's domain): every export states them at its top. */
export function reportWarnings(content: ReportContent): string[] {
  return content.warnings ?? [];
}

/** A report as stored elsewhere (a DICOM SR): signed when it was verified, else a draft. */
export function storedReport(studyUID: string, content: ReportContent, signed: { reader: string; signedAt: string } | undefined): Report {
  if (!signed) return { studyUID, content, status: 'draft', versions: [] };
  return { studyUID, content, status: 'signed', versions: [{ version: 1, reader: signed.reader, signedAt: signed.signedAt, content }] };
}

/** Nothing written yet (the indication may be prefilled from the request): safe to replace. */
export function isUntouched(report: Report): boolean {
  return (
    report.status === 'draft' && report.versions.length === 0 && report.content.findings.length === 0 && !report.content.impression.trim()
  );
}
