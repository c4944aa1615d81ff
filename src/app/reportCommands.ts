// The reader's commands on the open report, for buttons and keyboard shortcuts alike: step through
// findings, undo and redo, add a typed or drawn finding (the model proposes its region or sentence),
// accept or reject, sign, explain, teaching mode.
import type { Finding, Region } from '../report/report';
import { newId } from '../report/ids';
import { useAppStore } from '../store/appStore';
import { useReaderStore } from '../store/readerStore';
import { useReportStore } from '../store/reportStore';
import { useTeachingStore } from '../store/teachingStore';
import { describeRegion, locateFinding } from './modelTasks';
import { activeStudy } from './studyQueries';

/** Keyboard navigation: the next (+1) or previous (−1) finding of the open report. */
export function stepFinding(delta: number): void {
  const uid = activeStudy()?.study.uid;
  const store = useReportStore.getState();
  const findings = uid ? (store.histories[uid]?.present.content.findings ?? []) : [];
  if (!findings.length) return;
  const index = findings.findIndex((f) => f.id === store.selectedFindingId);
  const next = index < 0 ? (delta > 0 ? 0 : findings.length - 1) : Math.max(0, Math.min(findings.length - 1, index + delta));
  store.select(findings[next].id);
}

export function undoReport(): void {
  const uid = activeStudy()?.study.uid;
  if (uid) useReportStore.getState().undo(uid);
}

export function redoReport(): void {
  const uid = activeStudy()?.study.uid;
  if (uid) useReportStore.getState().redo(uid);
}

/** Accept or reject a finding; deciding the same again returns it to pending. */
export function toggleDecision(studyUID: string, finding: Finding, decision: Finding['decision']): void {
  useReportStore.getState().edit(studyUID, { type: 'decide', findingId: finding.id, decision: finding.decision === decision ? 'pending' : decision });
}

/** A finding the reader typed; the model then proposes its region (locate task). */
export function addTypedFinding(studyUID: string, sentence: string): void {
  const id = newId();
  const store = useReportStore.getState();
  store.edit(studyUID, { type: 'addFinding', finding: { id, text: sentence, regions: [] } });
  store.select(id);
  const imageId = useAppStore.getState().view.imageId;
  // In teaching mode the resident draws the region: the model proposes nothing.
  if (imageId && !useTeachingStore.getState().teachingMode) void locateFinding(studyUID, id, imageId, sentence);
}

/** A region the reader drew starts a finding of the reader's; the model proposes its sentence. Returns the finding's id. */
export function addDrawnFinding(studyUID: string, region: Region): string {
  const findingId = newId();
  const store = useReportStore.getState();
  store.edit(studyUID, { type: 'addFinding', finding: { id: findingId, text: '', regions: [region] } });
  store.select(findingId);
  // In teaching mode the resident writes the sentence: the model proposes nothing.
  if (!useTeachingStore.getState().teachingMode) void describeRegion(studyUID, findingId, region.imageId, region.box);
  return findingId;
}

/** Signs the report as the reader set in this browser (a preliminary for a resident or fellow, the final for an attending); it locks. */
export function signReport(studyUID: string): void {
  if (!useReaderStore.getState().reader.name.trim()) return;
  useReportStore.getState().review(studyUID, { kind: 'sign' });
}

/** E: explain the selected finding, or close its explanation. */
export function explainSelected(): void {
  const selected = useReportStore.getState().selectedFindingId;
  const { explainedFindingId, explain } = useTeachingStore.getState();
  explain(explainedFindingId === selected ? undefined : selected);
}

export function toggleTeachingMode(): void {
  const { teachingMode, setTeachingMode } = useTeachingStore.getState();
  setTeachingMode(!teachingMode);
}
