// The reader's commands on the open report, for buttons, keyboard shortcuts and dictation alike: step
// through findings, undo and redo, add a typed or drawn finding (the model proposes its region or
// sentence), accept or reject, sign, explain, teaching mode. Each goes through the study's report
// session; the ones that also drive the model decide here when it runs.
import type { Decision, Region } from '../report/types';
import { newId } from '../report/ids';
import { useAppStore } from '../store/appStore';
import { useReportStore } from '../store/reportStore';
import { useTeachingStore } from '../store/teachingStore';
import { describeRegion, locateFinding } from './modelTasks';
import { reportSession, selectFinding, type ReportSession } from './reportSession';
import { activeStudy } from './studyQueries';

/** The report session of the study on screen. */
export function activeReportSession(): ReportSession | undefined {
  const uid = activeStudy()?.study.uid;
  return uid ? reportSession(uid) : undefined;
}

/** Keyboard navigation: the next (+1) or previous (−1) finding of the open report. */
export function stepFinding(delta: number): void {
  const findings = activeReportSession()?.report?.content.findings ?? [];
  if (!findings.length) return;
  const index = findings.findIndex((f) => f.id === useReportStore.getState().selectedFindingId);
  const next = index < 0 ? (delta > 0 ? 0 : findings.length - 1) : Math.max(0, Math.min(findings.length - 1, index + delta));
  selectFinding(findings[next].id);
}

export function undoReport(): void {
  activeReportSession()?.undo();
}

export function redoReport(): void {
  activeReportSession()?.redo();
}

/** Accept or reject the selected finding of the open report (a voice command); nothing when it already is. */
export function decideSelected(decision: Exclude<Decision, 'pending'>): void {
  const session = activeReportSession();
  const finding = session?.report?.content.findings.find((f) => f.id === useReportStore.getState().selectedFindingId);
  if (session && finding && finding.decision !== decision) session.toggleDecision(finding.id, decision);
}

/** A finding the reader typed; the model then proposes its region (locate task). */
export function addTypedFinding(studyUID: string, sentence: string): void {
  const id = newId();
  reportSession(studyUID).edit({ type: 'addFinding', finding: { id, text: sentence, regions: [] } });
  selectFinding(id);
  const imageId = useAppStore.getState().view.imageId;
  // In teaching mode the resident draws the region: the model proposes nothing.
  if (imageId && !useTeachingStore.getState().teachingMode) void locateFinding(studyUID, id, imageId, sentence);
}

/** A region the reader drew starts a finding of the reader's; the model proposes its sentence. Returns the finding's id. */
export function addDrawnFinding(studyUID: string, region: Region): string {
  const findingId = newId();
  reportSession(studyUID).edit({ type: 'addFinding', finding: { id: findingId, text: '', regions: [region] } });
  selectFinding(findingId);
  // In teaching mode the resident writes the sentence: the model proposes nothing.
  if (!useTeachingStore.getState().teachingMode) void describeRegion(studyUID, findingId, region.imageId, region.box);
  return findingId;
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
