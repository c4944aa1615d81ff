// The review state in Lucent's SR: the addenda and the audit trail as readable text items, and the
// whole state — status, signed versions (the preliminary kept as its own), addenda, audit — as one
// JSON text item of Lucent's coding scheme, so a report stored in the PACS reopens exactly as it was.
// Images in the versions are named by SOP Instance UID and frame (savedImages.ts), as in saved reports.
import type { Addendum, AuditEntry, Finding, Report, ReportStatus, SignedVersion } from '../types';
import { renameFinding, renameImages, savedImageName, savedImageParts } from '../savedImages';
import { CODES, find, item, text, textOf, type Item, type ReferencedImage } from './items';

export interface ReviewState {
  status: ReportStatus;
  versions: SignedVersion[];
  addenda: Addendum[];
  audit: AuditEntry[];
  /**
   * The findings the report holds that its record leaves out (rejected, or with no sentence), at
   * their places among all the findings: only Lucent reads them, to reopen the report as it was.
   */
  withheld?: WithheldFinding[];
}

export interface WithheldFinding {
  index: number;
  finding: Finding;
}

const STATES = new Set<ReportStatus>(['draft', 'preliminary', 'signed', 'amending', 'addendum']);

/** The signers in order of signing, each once: the preliminary's author, then the final's. */
export function signers(report: Report): string[] {
  return [...new Set(report.versions.map((v) => v.reader))];
}

/**
 * The review state's items: the addenda and the audit trail as text, and the whole state as JSON with
 * the `withheld` findings of the report's working state.
 */
export function reviewItems(report: Report, images: Record<string, ReferencedImage>, withheld: WithheldFinding[]): Item[] {
  const nameOf = (id: string) => (images[id] ? savedImageName(images[id].sopInstanceUID, images[id].frame ?? 1) : undefined);
  const portable = renameImages(report, nameOf);
  const state: ReviewState = {
    status: report.status,
    versions: portable.versions,
    addenda: report.addenda ?? [],
    audit: report.audit ?? [],
    ...(withheld.length ? { withheld: withheld.map((w) => ({ ...w, finding: renameFinding(w.finding, nameOf) })) } : {}),
  };
  return [
    ...state.addenda.map((a, i) =>
      text('CONTAINS', CODES.addendum, `Addendum ${i + 1} by ${a.reader} (${a.role}), ${a.signedAt}: ${a.text}`),
    ),
    ...(state.audit.length
      ? [
          item('CONTAINS', 'CONTAINER', CODES.audit, {
            ContinuityOfContent: 'SEPARATE',
            ContentSequence: state.audit.map((e) =>
              text('CONTAINS', CODES.auditEntry, `${e.at} · version ${e.version} · ${e.reader} (${e.role}): ${e.action}`),
            ),
          }),
        ]
      : []),
    text('CONTAINS', CODES.reviewState, JSON.stringify(state)),
  ];
}

/** The review state back, its images named by this session's imageIds; undefined for an SR without one. */
export function reviewFrom(
  root: Item[],
  imageIdOf: (sopInstanceUID: string, frame: number | undefined) => string | undefined,
): ReviewState | undefined {
  const json = textOf(find(root, CODES.reviewState));
  if (!json) return undefined;
  let state: ReviewState;
  try {
    state = JSON.parse(json) as ReviewState;
  } catch {
    return undefined;
  }
  if (!STATES.has(state.status) || !Array.isArray(state.versions)) return undefined;
  const byName = (name: string) => {
    const parts = savedImageParts(name);
    return parts && imageIdOf(parts.sopInstanceUID, parts.frame);
  };
  const versions = renameImages(
    { studyUID: '', content: { indication: '', findings: [], impression: '' }, status: state.status, versions: state.versions },
    byName,
  ).versions;
  const withheld = Array.isArray(state.withheld)
    ? state.withheld
        .filter((w) => Number.isInteger(w?.index) && Array.isArray(w.finding?.regions))
        .map((w) => ({ index: w.index, finding: renameFinding(w.finding, byName) }))
    : [];
  return {
    ...state,
    versions,
    addenda: Array.isArray(state.addenda) ? state.addenda : [],
    audit: Array.isArray(state.audit) ? state.audit : [],
    withheld,
  };
}
