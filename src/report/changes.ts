// What the attending changed in a resident's preliminary: tracked changes to show while reviewing
// (words added and removed, findings added, removed and rejected, regions moved) and the summary by
// finding the resident learns from (missed, over-called, side or size changed, impression
// rewritten). Word differences by jsdiff's diffWords. Plain TypeScript.
import { diffWords } from 'diff';
import { labelSentence, type FindingType } from '../findings/labels';
import { signedContent } from './content';
import type { Finding, ReportContent } from './types';

export interface WordChange {
  text: string;
  added?: boolean;
  removed?: boolean;
}

export type TrackedChange =
  | { kind: 'added'; findingId: string; text: string }
  | { kind: 'removed'; findingId: string; text: string }
  | { kind: 'rejected'; findingId: string; text: string }
  | { kind: 'restored'; findingId: string; text: string }
  | { kind: 'edited'; findingId: string; words: WordChange[] }
  | { kind: 'region-moved'; findingId: string; text: string }
  | { kind: 'field'; fieldId: string; words: WordChange[] }
  | { kind: 'indication' | 'impression'; words: WordChange[] };

const words = (before: string, after: string): WordChange[] =>
  diffWords(before, after).map((p) => ({ text: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) }));

/** A region moved or resized by more than a pixel, or added or removed. */
function regionsMoved(a: Finding, b: Finding): boolean {
  const kept = (f: Finding) => f.regions.filter((r) => !r.proposed);
  const [ra, rb] = [kept(a), kept(b)];
  if (ra.length !== rb.length) return true;
  return ra.some((r) => {
    const other = rb.find((x) => x.id === r.id);
    return !other || r.box.some((v, i) => Math.abs(v - other.box[i]) > 1);
  });
}

/** The changes from the preliminary to the report as it is now, in report order. */
export function trackedChanges(preliminary: ReportContent, current: ReportContent): TrackedChange[] {
  const changes: TrackedChange[] = [];
  if (preliminary.indication !== current.indication)
    changes.push({ kind: 'indication', words: words(preliminary.indication, current.indication) });
  const before = new Map(preliminary.findings.map((f) => [f.id, f]));
  for (const f of current.findings) {
    const was = before.get(f.id);
    if (!was) {
      changes.push({ kind: 'added', findingId: f.id, text: f.text });
      continue;
    }
    if (was.text !== f.text) changes.push({ kind: 'edited', findingId: f.id, words: words(was.text, f.text) });
    if (was.decision !== 'rejected' && f.decision === 'rejected') changes.push({ kind: 'rejected', findingId: f.id, text: f.text });
    if (was.decision === 'rejected' && f.decision !== 'rejected') changes.push({ kind: 'restored', findingId: f.id, text: f.text });
    if (regionsMoved(was, f)) changes.push({ kind: 'region-moved', findingId: f.id, text: f.text });
  }
  for (const f of preliminary.findings)
    if (!current.findings.some((c) => c.id === f.id)) changes.push({ kind: 'removed', findingId: f.id, text: f.text });
  const fieldIds = new Set([...Object.keys(preliminary.fields ?? {}), ...Object.keys(current.fields ?? {})]);
  for (const id of fieldIds) {
    const [a, b] = [preliminary.fields?.[id] ?? '', current.fields?.[id] ?? ''];
    if (a !== b) changes.push({ kind: 'field', fieldId: id, words: words(a, b) });
  }
  if (preliminary.impression !== current.impression)
    changes.push({ kind: 'impression', words: words(preliminary.impression, current.impression) });
  return changes;
}

export type FeedbackKind = 'missed' | 'over-called' | 'side changed' | 'size changed' | 'reworded';

export interface FeedbackItem {
  kind: FeedbackKind;
  /** The finding type, when the sentence has a known one. */
  type: FindingType | undefined;
  /** The sentence as the resident wrote it, or as the attending added it. */
  text: string;
}

export interface ReviewFeedback {
  items: FeedbackItem[];
  impressionRewritten: boolean;
}

/** The attending's changes by finding, as the resident's lesson. */
export function reviewFeedback(preliminary: ReportContent, final: ReportContent): ReviewFeedback {
  const items: FeedbackItem[] = [];
  const wrote = signedContent(preliminary).findings;
  const kept = new Map(signedContent(final).findings.map((f) => [f.id, f]));
  for (const f of wrote) {
    const now = kept.get(f.id);
    if (!now) {
      items.push({ kind: 'over-called', type: labelSentence(f.text)?.type, text: f.text });
      continue;
    }
    if (now.text === f.text) continue;
    const [a, b] = [labelSentence(f.text), labelSentence(now.text)];
    const kind: FeedbackKind =
      a && b && a.laterality !== b.laterality ? 'side changed' : a && b && a.sizeMm !== b.sizeMm ? 'size changed' : 'reworded';
    items.push({ kind, type: b?.type ?? a?.type, text: f.text });
  }
  const before = new Set(wrote.map((f) => f.id));
  for (const f of kept.values()) if (!before.has(f.id)) items.push({ kind: 'missed', type: labelSentence(f.text)?.type, text: f.text });
  // Rewritten by the attending, not proposed afresh by Lucent from the findings they changed.
  const byLucent = final.impressionBy === 'proposed' || final.impressionBy === 'model';
  return { items, impressionRewritten: !byLucent && preliminary.impression.trim() !== final.impression.trim() };
}

/** Counts by finding type and kind over many reviews: what a resident most often misses or over-calls. */
export function feedbackCounts(reviews: ReviewFeedback[]): Array<{ type: string; kind: FeedbackKind; count: number }> {
  const counts = new Map<string, number>();
  for (const item of reviews.flatMap((r) => r.items)) {
    const key = `${item.type ?? 'other'}|${item.kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => ({ type: key.split('|')[0], kind: key.split('|')[1] as FeedbackKind, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}
