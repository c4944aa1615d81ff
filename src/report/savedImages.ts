// Regions and explanations name their image by a Cornerstone imageId. For files opened from disk or
// a bundled sample the imageId is `dicomfile:N`, N counting the files opened in this page session,
// so the same image has another imageId after a reload (or when other files were opened first).
// Saved reports therefore name images by SOP Instance UID and frame, and are bound back to this
// session's imageIds when those images open.
import type { History } from './history';
import type { Finding, Report, ReportContent } from './types';

const PREFIX = 'lucent-image:';

/** The session-independent name of one frame (1-based) of a DICOM instance. */
export function savedImageName(sopInstanceUID: string, frame: number): string {
  return `${PREFIX}${sopInstanceUID}/${frame}`;
}

/** The SOP Instance UID and frame a saved name stands for; undefined for any other name. */
export function savedImageParts(name: string): { sopInstanceUID: string; frame: number } | undefined {
  if (!name.startsWith(PREFIX)) return undefined;
  const slash = name.lastIndexOf('/');
  const frame = Number(name.slice(slash + 1));
  return slash > PREFIX.length && Number.isInteger(frame) && frame > 0
    ? { sopInstanceUID: name.slice(PREFIX.length, slash), frame }
    : undefined;
}

/** An image's new name, or undefined to keep the one it has. */
type Rename = (imageId: string) => string | undefined;

/** The finding with its images renamed; the same object when nothing changes. */
export function renameFinding(finding: Finding, rename: Rename): Finding {
  let changed = false;
  const regions = finding.regions.map((r) => {
    const to = rename(r.imageId);
    if (to === undefined || to === r.imageId) return r;
    changed = true;
    return { ...r, imageId: to };
  });
  const evidenceTo = finding.evidence && rename(finding.evidence.imageId);
  const evidence =
    finding.evidence && evidenceTo !== undefined && evidenceTo !== finding.evidence.imageId
      ? { ...finding.evidence, imageId: evidenceTo }
      : finding.evidence;
  if (!changed && evidence === finding.evidence) return finding;
  return { ...finding, regions, ...(evidence ? { evidence } : {}) };
}

function renameContent(content: ReportContent, rename: Rename): ReportContent {
  const findings = content.findings.map((f) => renameFinding(f, rename));
  return findings.every((f, i) => f === content.findings[i]) ? content : { ...content, findings };
}

/**
 * The report with its images renamed (`rename` returns the new name, or undefined to keep one); the
 * same object when nothing changes, so unchanged reports cost nothing to save or render.
 */
export function renameImages(report: Report, rename: Rename): Report {
  const content = renameContent(report.content, rename);
  const versions = report.versions.map((v) => {
    const c = renameContent(v.content, rename);
    return c === v.content ? v : { ...v, content: c };
  });
  if (content === report.content && versions.every((v, i) => v === report.versions[i])) return report;
  return { ...report, content, versions };
}

/** The same renaming over every state of an undo history. */
export function renameImagesInHistory(history: History, rename: Rename): History {
  const present = renameImages(history.present, rename);
  const past = history.past.map((r) => renameImages(r, rename));
  const future = history.future.map((r) => renameImages(r, rename));
  const same =
    present === history.present && past.every((r, i) => r === history.past[i]) && future.every((r, i) => r === history.future[i]);
  return same ? history : { ...history, past, present, future };
}

/**
 * Every study's history with the images open now named by their imageIds (`savedNames`: imageId →
 * saved name); the same object when nothing changes.
 */
export function bindSavedImages(histories: Record<string, History>, savedNames: Record<string, string>): Record<string, History> {
  const byName = Object.fromEntries(Object.entries(savedNames).map(([imageId, name]) => [name, imageId]));
  const changed = Object.entries(histories).map(([uid, h]) => [uid, renameImagesInHistory(h, (id) => byName[id])] as const);
  return changed.every(([uid, h]) => h === histories[uid]) ? histories : Object.fromEntries(changed);
}
