// The report session: one object per study that owns every command on its report, as tldraw's
// Editor owns its store — edits, undo and redo, review moves, the sign flow with its checks,
// addenda. It applies the reader's permissions and writes the audit trail (report/journal.ts); the
// report store only publishes what the session decided, and components call the session and render.
// Use-cases that also drive the model or the viewer (reportCommands.ts, modelTasks.ts) go through it.
import type { History } from '../report/history';
import { editJournal, openJournal, redoJournal, restoredJournal, reviewJournal, sameContent, undoJournal } from '../report/journal';
import type { Decision, Report, ReportEdit, Reader } from '../report/types';
import { signsAs, type ReviewAction } from '../report/review';
import { bindSavedImages, renameImagesInHistory } from '../report/savedImages';
import { isUndecided } from '../report/content';
import type { SignCheck } from '../report/signChecks';
import { useReaderStore } from '../store/readerStore';
import { useReportStore } from '../store/reportStore';
import { checksForSigning } from './signChecks';

const reader = (): Reader => useReaderStore.getState().reader;

export class ReportSession {
  constructor(readonly studyUID: string) {}

  get history(): History | undefined {
    return useReportStore.getState().histories[this.studyUID];
  }

  get report(): Report | undefined {
    return this.history?.present;
  }

  /** The checks that stopped the last signature, until the reader closes them or signs anyway. */
  get signChecks(): SignCheck[] {
    return useReportStore.getState().signChecks[this.studyUID] ?? [];
  }

  /** What signing now makes of the report for the reader set in this browser; undefined where they may not sign. */
  get signsAs(): 'preliminary' | 'final' | undefined {
    const report = this.report;
    return report && reader().name.trim() ? signsAs(report, reader().role) : undefined;
  }

  private change(next: (history: History) => History): void {
    useReportStore.setState((s) => {
      const history = s.histories[this.studyUID];
      const changed = history && next(history);
      return !changed || changed === history ? s : { histories: { ...s.histories, [this.studyUID]: changed } };
    });
  }

  /** The study's report, made when there is none; `modality` feeds the guideline rules. */
  open(indication: string, modality = ''): void {
    useReportStore.setState((s) => {
      const history = s.histories[this.studyUID];
      const opened = openJournal(history, this.studyUID, indication, modality);
      return opened === history ? s : { histories: { ...s.histories, [this.studyUID]: opened } };
    });
  }

  /** One edit, audited; nothing when the reader may not edit the report now. `key`: typing in one box is one step. */
  edit(edit: ReportEdit, key?: string): void {
    this.change((h) => editJournal(h, edit, reader(), new Date(), key));
  }

  undo(): void {
    this.change((h) => undoJournal(h, reader(), new Date()));
  }

  redo(): void {
    this.change((h) => redoJournal(h, reader(), new Date()));
  }

  /** Accept or reject a finding; deciding the same again returns it to pending. */
  toggleDecision(findingId: string, decision: Decision): void {
    const finding = this.report?.content.findings.find((f) => f.id === findingId);
    if (finding) this.edit({ type: 'decide', findingId, decision: finding.decision === decision ? 'pending' : decision });
  }

  /** Signing, amending and addenda start a new undo history: none can be undone. Throws on an illegal move. */
  private review(action: ReviewAction): void {
    this.change((h) => reviewJournal(h, action, reader(), new Date()));
  }

  /**
   * Sign: the checks first. Any problem stops the signature and is published for the reader (the
   * dialog); otherwise the report is signed (a preliminary for a resident or fellow, the final for
   * an attending) and locks. Returns whether it was signed.
   */
  requestSign(): boolean {
    const report = this.report;
    if (!report || !this.signsAs) return false;
    const checks = checksForSigning(report.content);
    this.publishChecks(checks);
    if (checks.length) return false;
    this.review({ kind: 'sign' });
    return true;
  }

  /** Signs over the warnings the checks gave; never over a blocking problem (checked again now). */
  signAnyway(): boolean {
    const report = this.report;
    if (!report || !this.signsAs) return false;
    const checks = checksForSigning(report.content);
    if (checks.some((c) => c.severity === 'blocking')) {
      this.publishChecks(checks);
      return false;
    }
    this.publishChecks([]);
    this.review({ kind: 'sign' });
    return true;
  }

  /**
   * Keeps the AI findings nobody decided (accepts each, as the reader asked in the sign dialog), then
   * signs through the checks again: accepted, they may need more (a critical result's communication).
   */
  keepUndecidedAndSign(): boolean {
    for (const f of this.report?.content.findings.filter((f) => isUndecided(f) && f.text.trim()) ?? [])
      this.edit({ type: 'decide', findingId: f.id, decision: 'accepted' });
    return this.requestSign();
  }

  closeSignChecks(): void {
    this.publishChecks([]);
  }

  private publishChecks(checks: SignCheck[]): void {
    if (!checks.length && !this.signChecks.length) return;
    useReportStore.setState((s) => ({ signChecks: { ...s.signChecks, [this.studyUID]: checks } }));
  }

  /** Reopens the final report as a new version. */
  amend(): void {
    this.review({ kind: 'amend' });
  }

  startAddendum(): void {
    this.review({ kind: 'start-addendum' });
  }

  cancelAddendum(): void {
    this.review({ kind: 'cancel-addendum' });
  }

  get addendumDraft(): string {
    return useReportStore.getState().addendumDrafts[this.studyUID] ?? '';
  }

  /** The addendum being written: kept (and saved) like any edit until it is signed. */
  setAddendumDraft(text: string): void {
    useReportStore.setState((s) => ({ addendumDrafts: { ...s.addendumDrafts, [this.studyUID]: text } }));
  }

  /** Signs the addendum being written, appended to the final report; nothing while it is empty. */
  signAddendum(): void {
    const text = this.addendumDraft;
    if (!text.trim()) return;
    this.review({ kind: 'sign-addendum', text });
    this.setAddendumDraft('');
  }
}

const sessions = new Map<string, ReportSession>();

/** The study's report session (one per study for the page's life). */
export function reportSession(studyUID: string): ReportSession {
  let session = sessions.get(studyUID);
  if (!session) sessions.set(studyUID, (session = new ReportSession(studyUID)));
  return session;
}

/**
 * A report stored elsewhere (a Lucent SR) becomes the study's report when nothing has been written
 * in it here yet; returns false, changing nothing, when the reader's own edits would be lost.
 */
export function restoreReport(report: Report): boolean {
  const current = useReportStore.getState().histories[report.studyUID]?.present;
  const restored = restoredJournal(current, report);
  if (!restored) return sameContent(current, report);
  useReportStore.setState((s) => ({ histories: { ...s.histories, [report.studyUID]: restored } }));
  return true;
}

/** Images just opened (imageId → saved name): reports that name them by their saved names now name them by imageId. */
export function bindOpenedImages(opened: Record<string, string>): void {
  useReportStore.setState((s) => ({ savedNames: { ...s.savedNames, ...opened }, histories: bindSavedImages(s.histories, opened) }));
}

/**
 * Images closed (back to the start screen): reports name them by their saved names again, as a
 * saved report does, so that when their study opens again (as new imageIds) bindOpenedImages finds them.
 */
export function unbindClosedImages(): void {
  useReportStore.setState((s) => {
    const histories = Object.fromEntries(
      Object.entries(s.histories).map(([uid, h]) => [uid, renameImagesInHistory(h, (imageId) => s.savedNames[imageId])]),
    );
    const changed = Object.keys(histories).some((uid) => histories[uid] !== s.histories[uid]);
    return { selectedFindingId: undefined, hoveredFindingId: undefined, ...(changed ? { histories } : {}) };
  });
}

/** The finding the reader is looking at (selected in the list or on the image). */
export function selectFinding(findingId: string | undefined): void {
  useReportStore.setState({ selectedFindingId: findingId });
}

/** The finding under the pointer in the report list. */
export function hoverFinding(findingId: string | undefined): void {
  useReportStore.setState({ hoveredFindingId: findingId });
}
