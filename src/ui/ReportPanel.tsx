// The report column: the model's state, the request context, the model's draft as it streams in,
// then the study's report for the reader to edit (text, accept/reject) with undo/redo.
import { useEffect, useRef, useState } from 'react';
import type { GroundedFinding } from '../model/grounding';
import type { Finding, Report } from '../report/report';
import { findSeries, useAppStore } from '../store/appStore';
import { useModelStore } from '../store/modelStore';
import { useReportStore } from '../store/reportStore';
import { findingColor } from './findingColors';
import { ModelStatus } from './ModelStatus';
import { SaveIndicator, SaveProblem } from './SaveIndicator';
import { Explanation } from './Explanation';
import { TeachingPanel } from './TeachingPanel';
import { ExportMenu } from './ExportMenu';
import { hidesAiDraft, useTeachingStore, visibleFindings } from '../store/teachingStore';
import { newId } from '../report/ids';
import { cancelDraft, draftReport, ensureModel, locateFinding } from './modelActions';

const boxesAttr = (boxes: number[][]) => JSON.stringify(boxes.map((b) => b.map((v) => Math.round(v * 10) / 10)));

function StreamedFinding({ finding, index }: { finding: GroundedFinding; index: number }) {
  return (
    <li data-testid="finding" data-boxes={boxesAttr(finding.boxes)} className="rounded border border-neutral-800 p-2">
      <p className="text-neutral-200">{finding.text || '…'}</p>
      <p className="mt-1 text-[11px] text-neutral-500">
        #{index + 1} · confidence {(finding.confidence * 100).toFixed(0)}%
      </p>
    </li>
  );
}

const PROVENANCE: Record<Finding['provenance'], string> = { ai: 'AI draft', 'ai-edited': 'AI, edited', human: 'reader' };

function ReportFinding({ studyUID, finding, index, locked }: { studyUID: string; finding: Finding; index: number; locked: boolean }) {
  const edit = useReportStore((s) => s.edit);
  const selected = useReportStore((s) => s.selectedFindingId === finding.id);
  const select = useReportStore((s) => s.select);
  const hover = useReportStore((s) => s.hover);
  const count = useReportStore((s) => s.histories[studyUID]?.present.content.findings.length ?? 0);
  const item = useRef<HTMLLIElement>(null);
  // A region selected on the image brings its sentence into view.
  useEffect(() => {
    if (selected) item.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const decide = (decision: Finding['decision']) => edit(studyUID, { type: 'decide', findingId: finding.id, decision: finding.decision === decision ? 'pending' : decision });
  const rejected = finding.decision === 'rejected';
  const explained = useTeachingStore((s) => s.explainedFindingId === finding.id);
  const explain = useTeachingStore.getState().explain;
  return (
    <li
      ref={item}
      data-testid="finding"
      data-finding-id={finding.id}
      data-region-ids={finding.regions.map((r) => r.id).join(' ')}
      data-region-images={finding.regions.map((r) => r.imageId).join(' ')}
      data-boxes={boxesAttr(finding.regions.map((r) => r.box))}
      data-decision={finding.decision}
      data-provenance={finding.provenance}
      data-selected={selected}
      onFocus={() => select(finding.id)}
      onClick={() => select(finding.id)}
      onMouseEnter={() => hover(finding.id)}
      onMouseLeave={() => hover(undefined)}
      style={{ borderLeftColor: findingColor(index) }}
      className={`rounded border border-l-4 p-2 ${selected ? 'border-neutral-500 bg-neutral-900' : 'border-neutral-800'} ${rejected ? 'opacity-50' : ''}`}
    >
      <textarea
        aria-label={`Finding ${index + 1}`}
        value={finding.text}
        readOnly={locked}
        rows={Math.max(1, Math.ceil(finding.text.length / 44))}
        onChange={(e) => edit(studyUID, { type: 'editText', findingId: finding.id, text: e.target.value }, `text:${finding.id}`)}
        className={`w-full resize-none bg-transparent text-neutral-200 outline-none focus:bg-neutral-900 ${rejected ? 'line-through' : ''}`}
      />
      <div className="mt-1 flex items-center gap-2 text-[11px] text-neutral-500">
        <span>
          #{index + 1} · {PROVENANCE[finding.provenance]}
          {finding.confidence !== undefined && ` · confidence ${(finding.confidence * 100).toFixed(0)}%`}
          {finding.regions.length > 0 && ` · ${finding.regions.length} region${finding.regions.length > 1 ? 's' : ''}`}
        </span>
        <button
          type="button"
          aria-label={`Explain finding ${index + 1}`}
          aria-pressed={explained}
          title="Where the model looked, measurements and a teaching note (E)"
          className={`rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-amber-300 ${locked ? 'ml-auto' : ''}`}
          onClick={(e) => {
            e.stopPropagation();
            explain(explained ? undefined : finding.id);
          }}
        >
          Explain
        </button>
        {!locked && (
          <span className="ml-auto flex gap-1">
            <button type="button" aria-label={`Move finding ${index + 1} up`} disabled={index === 0} className="rounded px-1 hover:bg-neutral-800 disabled:opacity-30" onClick={() => edit(studyUID, { type: 'moveFinding', findingId: finding.id, toIndex: index - 1 })}>
              ↑
            </button>
            <button type="button" aria-label={`Move finding ${index + 1} down`} disabled={index === count - 1} className="rounded px-1 hover:bg-neutral-800 disabled:opacity-30" onClick={() => edit(studyUID, { type: 'moveFinding', findingId: finding.id, toIndex: index + 1 })}>
              ↓
            </button>
            <button type="button" aria-label={`Delete finding ${index + 1}`} className="rounded px-1 hover:bg-neutral-800" onClick={() => edit(studyUID, { type: 'removeFinding', findingId: finding.id })}>
              ✕
            </button>
            <button type="button" aria-pressed={finding.decision === 'accepted'} className="rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-emerald-300" onClick={() => decide('accepted')}>
              Accept
            </button>
            <button type="button" aria-pressed={rejected} className="rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-red-300" onClick={() => decide('rejected')}>
              Reject
            </button>
          </span>
        )}
      </div>
      {explained && <Explanation finding={finding} />}
      {finding.regions.length > 0 && !locked && (
        <div className="mt-1 flex flex-wrap gap-1 text-[11px]">
          {finding.regions.map((r, k) => (
            <span key={r.id} data-testid="region" data-proposed={!!r.proposed} className="flex items-center gap-1 rounded bg-neutral-900 px-1.5 text-neutral-400">
              {r.proposed ? 'proposed region' : `region ${k + 1}`}
              {r.proposed && (
                <button type="button" className="text-emerald-300 hover:underline" onClick={() => edit(studyUID, { type: 'setRegion', findingId: finding.id, region: { ...r, proposed: false } })}>
                  Keep
                </button>
              )}
              <button type="button" aria-label={`Remove region ${k + 1} of finding ${index + 1}`} className="hover:text-red-300" onClick={() => edit(studyUID, { type: 'removeRegion', findingId: finding.id, regionId: r.id })}>
                ✕
              </button>
            </span>
          ))}
        </div>
      )}
    </li>
  );
}

/** Adds a finding the reader types; the model then proposes its region (locate task). */
function AddFinding({ studyUID }: { studyUID: string }) {
  const [text, setText] = useState('');
  return (
    <form
      className="mt-2"
      onSubmit={(e) => {
        e.preventDefault();
        const sentence = text.trim();
        if (!sentence) return;
        const id = newId();
        const store = useReportStore.getState();
        store.edit(studyUID, { type: 'addFinding', finding: { id, text: sentence, regions: [] } });
        store.select(id);
        setText('');
        const imageId = useAppStore.getState().view.imageId;
        // In teaching mode the resident draws the region: the model proposes nothing.
        if (imageId && !useTeachingStore.getState().teachingMode) void locateFinding(studyUID, id, imageId, sentence);
      }}
    >
      <input
        aria-label="Add a finding"
        placeholder="Add a finding… (Enter)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="w-full rounded bg-neutral-900 px-2 py-1 text-neutral-200 outline-none placeholder:text-neutral-600 focus:ring-1 focus:ring-sky-700"
      />
    </form>
  );
}

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

const READER_KEY = 'lucent-reader-name';

/** Sign-off: the reader's name and the time are recorded and the report locks; amending reopens it. */
function SignOff({ report }: { report: Report }) {
  const [reader, setReader] = useState(() => localStorage.getItem(READER_KEY) ?? '');
  const { sign, amend } = useReportStore.getState();
  const last = report.versions.at(-1);
  return (
    <section aria-label="Sign-off" data-testid="sign-off" data-status={report.status} className="space-y-2 border-t border-neutral-800 pt-3 text-xs">
      <ExportMenu report={report} />
      {report.versions.map((v) => (
        <p key={v.version} data-testid="signed-version" className="text-neutral-400">
          Version {v.version} signed by {v.reader}, {new Date(v.signedAt).toLocaleString()}
        </p>
      ))}
      {report.status === 'signed' ? (
        <div className="flex items-center gap-2">
          <span className="text-emerald-300">Signed{last ? ` by ${last.reader}` : ''} — read-only.</span>
          <button type="button" className="ml-auto rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700" onClick={() => amend(report.studyUID)}>
            Amend
          </button>
        </div>
      ) : (
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reader.trim()) return;
            localStorage.setItem(READER_KEY, reader.trim());
            sign(report.studyUID, reader);
          }}
        >
          {report.status === 'amending' && <span className="text-amber-300">Amending</span>}
          <input aria-label="Reader" placeholder="Reader's name" value={reader} onChange={(e) => setReader(e.target.value)} className="min-w-0 flex-1 rounded bg-neutral-900 px-2 py-1" />
          <button type="submit" disabled={!reader.trim()} className="rounded bg-emerald-800 px-3 py-1 hover:bg-emerald-700 disabled:opacity-40">
            Sign report
          </button>
        </form>
      )}
    </section>
  );
}

function activeStudy() {
  const { studies, activeSeriesUID } = useAppStore.getState();
  return findSeries(studies, activeSeriesUID);
}

const requestReasonOf = (active: ReturnType<typeof activeStudy>) => active?.series.instances.find((i) => i.header.requestReason)?.header.requestReason ?? '';

export function startDraft(): void {
  // Teaching mode drafts only when the resident compares (TeachingPanel).
  if (useTeachingStore.getState().teachingMode) return;
  const imageId = useAppStore.getState().view.imageId;
  const active = activeStudy();
  if (!imageId || !active) return;
  const report = useReportStore.getState().histories[active.study.uid]?.present;
  void draftReport(active.study.uid, imageId, report?.content.indication ?? requestReasonOf(active));
}

export function undoReport(): void {
  const uid = activeStudy()?.study.uid;
  if (uid) useReportStore.getState().undo(uid);
}

export function redoReport(): void {
  const uid = activeStudy()?.study.uid;
  if (uid) useReportStore.getState().redo(uid);
}

export function ReportPanel() {
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const active = findSeries(studies, activeSeriesUID);
  const studyUID = active?.study.uid;
  const reason = requestReasonOf(active);
  const imageId = useAppStore((s) => s.view.imageId);
  const draft = useModelStore((s) => s.draft);
  const modelStatus = useModelStore((s) => s.status);
  const history = useReportStore((s) => (studyUID ? s.histories[studyUID] : undefined));
  const { open, edit, undo, redo } = useReportStore.getState();
  const teaching = useTeachingStore((s) => s.teachingMode);
  const running = draft?.status === 'running';

  // Start downloading the model as soon as a study is open, so a draft does not wait for it.
  useEffect(() => void ensureModel(), []);
  // Every study gets its report, its indication taken from the request.
  useEffect(() => {
    if (studyUID) open(studyUID, reason);
  }, [studyUID, reason, open]);

  const report = history?.present;
  const locked = report?.status === 'signed';
  // Teaching mode hides the model's draft — streaming, and its findings — until the resident reveals it.
  const streamed = running && !teaching ? draft?.report : undefined;
  const hideAi = useTeachingStore((s) => hidesAiDraft(s, studyUID));
  const shownFindings = visibleFindings(report?.content.findings ?? [], hideAi);
  return (
    <aside aria-label="Report" data-testid="report-panel" className="flex w-96 shrink-0 flex-col gap-4 overflow-y-auto border-l border-neutral-800 bg-neutral-950 p-4 text-sm">
      <div className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-neutral-100">Report</h2>
        <SaveIndicator />
        <button type="button" className="ml-auto rounded px-1.5 py-0.5 text-xs text-neutral-400 hover:bg-neutral-800 disabled:opacity-30" disabled={!history?.past.length || locked} onClick={() => studyUID && undo(studyUID)} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" className="rounded px-1.5 py-0.5 text-xs text-neutral-400 hover:bg-neutral-800 disabled:opacity-30" disabled={!history?.future.length || locked} onClick={() => studyUID && redo(studyUID)} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button
          type="button"
          data-testid="teaching-mode"
          aria-pressed={teaching}
          title="Teaching mode: write your findings first, then compare (T)"
          className="rounded px-1.5 py-0.5 text-xs text-neutral-400 hover:bg-neutral-800 aria-pressed:bg-amber-900 aria-pressed:text-amber-100"
          onClick={() => useTeachingStore.getState().setTeachingMode(!teaching)}
        >
          Teaching
        </button>
        {teaching ? null : running ? (
          <button type="button" data-testid="cancel-draft" className="rounded bg-neutral-800 px-3 py-1 text-xs hover:bg-neutral-700" onClick={cancelDraft}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            data-testid="draft"
            disabled={!imageId || modelStatus === 'error' || locked}
            className="rounded bg-sky-700 px-3 py-1 text-xs font-medium hover:bg-sky-600 disabled:opacity-40"
            onClick={startDraft}
            title="Draft a grounded report of the image on screen (D)"
          >
            Draft report
          </button>
        )}
      </div>
      <SaveProblem />
      <ModelStatus />
      <section>
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Indication</h3>
        <textarea
          aria-label="Indication"
          data-testid="indication"
          value={report?.content.indication ?? ''}
          readOnly={locked}
          rows={2}
          placeholder="—"
          onChange={(e) => studyUID && edit(studyUID, { type: 'setIndication', text: e.target.value }, 'indication')}
          className="w-full resize-none bg-transparent text-neutral-300 outline-none focus:bg-neutral-900"
        />
      </section>
      <section aria-label="Findings">
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Findings</h3>
        {draft?.status === 'error' && (
          <p role="alert" data-testid="draft-error" className="text-red-300">
            {draft.error}
          </p>
        )}
        {streamed ? (
          <ol className="space-y-2" data-testid="findings" aria-busy="true">
            {streamed.findings.map((f, i) => (
              <StreamedFinding key={i} finding={f} index={i} />
            ))}
          </ol>
        ) : report && shownFindings.length ? (
          <ol className="space-y-2" data-testid="findings">
            {shownFindings.map((f, i) => (
              <ReportFinding key={f.id} studyUID={report.studyUID} finding={f} index={i} locked={locked} />
            ))}
          </ol>
        ) : (
          !running && !teaching && <p className="text-neutral-500">Press Draft report (D) for the model's grounded draft of the image on screen.</p>
        )}
        {running && !teaching && !streamed?.findings.length && <p className="text-neutral-500">Reading the image…</p>}
        {report && !locked && (!running || teaching) && <AddFinding studyUID={report.studyUID} />}
      </section>
      {teaching && report && studyUID && (
        <TeachingPanel studyUID={studyUID} imageId={imageId} findings={report.content.findings} indication={report.content.indication} />
      )}
      <section>
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Impression</h3>
        <textarea
          aria-label="Impression"
          data-testid="impression"
          value={(streamed ? streamed.impression : report?.content.impression) ?? ''}
          readOnly={locked || running}
          rows={2}
          placeholder="—"
          onChange={(e) => studyUID && edit(studyUID, { type: 'setImpression', text: e.target.value }, 'impression')}
          className="w-full resize-none bg-transparent text-neutral-300 outline-none focus:bg-neutral-900"
        />
      </section>
      {report && !running && <SignOff report={report} />}
      {draft && !teaching && draft.status !== 'running' && draft.stats && (
        <p data-testid="draft-stats" data-status={draft.status} data-tokens={draft.stats.tokens} className="text-[11px] text-neutral-500">
          {draft.status === 'cancelled' ? 'Cancelled after' : 'Drafted:'} {draft.stats.tokens} tokens · image {draft.stats.encodeMs.toFixed(0)} ms · first token{' '}
          {draft.stats.firstTokenMs.toFixed(0)} ms · {(draft.stats.decodeMs / 1000).toFixed(2)} s
          {draft.stats.stopped === 'limit' && ' · stopped at the token limit'}
          {draft.stats.stopped === 'repetition' && ' · stopped: the model repeated itself'}
        </p>
      )}
    </aside>
  );
}
