// The review state in Lucent's SR: the addenda and the audit trail as readable text items, and the
// whole state — status, signed versions (the preliminary kept as its own), addenda, audit — as one
// JSON text item of Lucent's coding scheme, so a report stored in the PACS reopens exactly as it was.
// Images in the versions are named by SOP Instance UID and frame (savedImages.ts), as in saved reports.
import type { Addendum, AuditEntry, Report, ReportStatus, SignedVersion } from '../types';
import { renameImages, savedImageName, savedImageParts } from '../savedImages';
import { CODES, find, item, text, textOf, type Item, type ReferencedImage } from './items';

export interface ReviewState {
  status: ReportStatus;
  versions: SignedVersion[];
  addenda: Addendum[];
  audit: AuditEntry[];
}

const STATES = new Set<ReportStatus>(['draft', 'preliminary', 'signed', 'amending', 'addendum']);

/** The signers in order of signing, each once: the preliminary's author, then the final's. */
export function signers(report: Report): string[] {
  return [...new Set(report.versions.map((v) => v.reader))];
}

export function reviewItems(report: Report, images: Record<string, ReferencedImage>): Item[] {
  const portable = renameImages(report, (id) =>
    images[id] ? savedImageName(images[id].sopInstanceUID, images[id].frame ?? 1) : undefined,
  );
  const state: ReviewState = {
    status: report.status,
    versions: portable.versions,
    addenda: report.addenda ?? [],
    audit: report.audit ?? [],
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
  return {
    ...state,
    versions,
    addenda: Array.isArray(state.addenda) ? state.addenda : [],
    audit: Array.isArray(state.audit) ? state.audit : [],
  };
}
