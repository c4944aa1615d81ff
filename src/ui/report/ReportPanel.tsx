// The report column: the model's state, the request context, the model's draft as it streams in,
// then the study's report for the reader to edit (text, accept/reject) with undo/redo.
import { cancelDraft, startDraft } from '../../app/modelTasks';
import { redoReport, toggleTeachingMode, undoReport } from '../../app/reportCommands';
import { reportSession } from '../../app/reportSession';
import { findSeries, useAppStore } from '../../store/appStore';
import { useModelStore } from '../../store/modelStore';
import { useReportStore } from '../../store/reportStore';
import { useReportingStore } from '../../store/reportingStore';
import { useReaderStore } from '../../store/readerStore';
import { canEdit } from '../../report/review';
import { hidesAiDraft, useTeachingStore, visibleFindings } from '../../store/teachingStore';
import { DictationBar } from '../dictation/DictationBar';
import { ModelStatus } from '../ModelStatus';
import { SaveIndicator, SaveProblem } from '../SaveIndicator';
import { AddFinding } from './AddFinding';
import { AuditTimeline } from './AuditTimeline';
import { ReviewPanel } from './ReviewPanel';
import { DraftStats } from './DraftStats';
import { FindingRow } from './FindingRow';
import { ImportedNote } from './ImportedNote';
import { describePrior } from '../../report/comparison/text';
import { Refusal } from './Refusal';
import { SignOff } from './SignOff';
import { StreamedFinding } from './StreamedFinding';
import { StructuredSections } from './StructuredSections';
import { TeachingPanel } from './TeachingPanel';
import { TemplatePicker } from './TemplatePicker';
import { handleTextKeys, textBoxFocus } from './textKeys';

export function ReportPanel() {
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const active = findSeries(studies, activeSeriesUID);
  const studyUID = active?.study.uid;
  const imageId = useAppStore((s) => s.view.imageId);
  const draft = useModelStore((s) => s.draft);
  const modelStatus = useModelStore((s) => s.status);
  const history = useReportStore((s) => (studyUID ? s.histories[studyUID] : undefined));
  const teaching = useTeachingStore((s) => s.teachingMode);
  const running = draft?.status === 'running';

  const report = history?.present;
  const role = useReaderStore((s) => s.reader.role);
  const locked = !report || !canEdit(report, role);
  // Teaching mode hides the model's draft — streaming, and its findings — until the resident reveals it.
  const streamed = running && !teaching ? draft?.report : undefined;
  const hideAi = useTeachingStore((s) => hidesAiDraft(s, studyUID));
  const shownFindings = visibleFindings(report?.content.findings ?? [], hideAi);
  const setIndication = (text: string) => studyUID && reportSession(studyUID).edit({ type: 'setIndication', text }, 'indication');
  const setImpression = (text: string) => studyUID && reportSession(studyUID).edit({ type: 'setImpression', text }, 'impression');
  const indication = (
    <textarea
      aria-label="Indication"
      data-testid="indication"
      value={report?.content.indication ?? ''}
      readOnly={locked}
      rows={2}
      placeholder="—"
      onChange={(e) => setIndication(e.target.value)}
      onKeyDown={(e) => handleTextKeys(e, setIndication)}
      {...textBoxFocus}
      className="w-full resize-none bg-transparent text-neutral-300 outline-none focus:bg-neutral-900"
    />
  );
  const impression = (
    <textarea
      aria-label="Impression"
      data-testid="impression"
      data-by={report?.content.impressionBy ?? ''}
      value={(streamed ? streamed.impression : report?.content.impression) ?? ''}
      readOnly={locked || running}
      rows={Math.max(2, (report?.content.impression ?? '').split('\n').length)}
      placeholder="—"
      title={
        report?.content.impressionBy === 'proposed' ? 'Proposed from the accepted findings: it follows them until you edit it' : undefined
      }
      onChange={(e) => setImpression(e.target.value)}
      onKeyDown={(e) => handleTextKeys(e, setImpression)}
      {...textBoxFocus}
      className="w-full resize-none bg-transparent text-neutral-300 outline-none focus:bg-neutral-900"
    />
  );
  // The draft as it streams in, the prompts, and the box to type a finding: under the findings.
  const findingsExtra = (
    <>
      {draft?.status === 'error' && (
        <p role="alert" data-testid="draft-error" className="text-red-300">
          {draft.error}
        </p>
      )}
      {streamed && (
        <ol className="space-y-2" data-testid="findings" aria-busy="true">
          {streamed.findings.map((f, i) => (
            <StreamedFinding key={i} finding={f} index={i} />
          ))}
        </ol>
      )}
      {!streamed && !shownFindings.length && !running && !teaching && (
        <p className="text-neutral-400">Press Draft report (D) for the model's grounded draft of the image on screen.</p>
      )}
      {running && !teaching && !streamed?.findings.length && <p className="text-neutral-400">Reading the image…</p>}
      {report && !locked && (!running || teaching) && <AddFinding studyUID={report.studyUID} />}
    </>
  );
  return (
    <aside
      aria-label="Report"
      data-testid="report-panel"
      className="flex w-96 shrink-0 flex-col gap-4 overflow-y-auto border-l border-neutral-800 bg-neutral-950 p-4 text-sm"
    >
      {/* Wraps rather than clips: the panel is narrow and the header holds the draft button. */}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <h2 className="text-base font-semibold text-neutral-100">Report</h2>
        <SaveIndicator />
        <button
          type="button"
          className="ml-auto rounded px-1.5 py-0.5 text-xs text-neutral-400 hover:bg-neutral-800 disabled:opacity-30"
          disabled={!history?.past.length || locked}
          onClick={undoReport}
          title="Undo (Ctrl+Z)"
        >
          Undo
        </button>
        <button
          type="button"
          className="rounded px-1.5 py-0.5 text-xs text-neutral-400 hover:bg-neutral-800 disabled:opacity-30"
          disabled={!history?.future.length || locked}
          onClick={redoReport}
          title="Redo (Ctrl+Shift+Z)"
        >
          Redo
        </button>
        <button
          type="button"
          data-testid="reporting-settings"
          title="Macros, critical results and dictation"
          className="rounded px-1.5 py-0.5 text-xs text-neutral-400 hover:bg-neutral-800"
          onClick={() => useReportingStore.getState().setSettingsOpen(true)}
        >
          Settings
        </button>
        <button
          type="button"
          data-testid="teaching-mode"
          aria-pressed={teaching}
          title="Teaching mode: write your findings first, then compare (T)"
          className={
            'rounded px-1.5 py-0.5 text-xs text-neutral-400 hover:bg-neutral-800 aria-pressed:bg-amber-900 aria-pressed:text-amber-100'
          }
          onClick={toggleTeachingMode}
        >
          Teaching
        </button>
        {teaching ? null : running ? (
          <button
            type="button"
            data-testid="cancel-draft"
            className="rounded bg-neutral-800 px-3 py-1 text-xs hover:bg-neutral-700"
            onClick={cancelDraft}
          >
            Cancel
          </button>
        ) : (
          <button
            type="button"
            data-testid="draft"
            disabled={!imageId || modelStatus === 'error' || locked}
            className="rounded bg-sky-700 px-3 py-1 text-xs font-medium hover:bg-sky-800 disabled:opacity-40"
            onClick={() => startDraft()}
            title="Draft a grounded report of the image on screen (D)"
          >
            Draft report
          </button>
        )}
      </div>
      <SaveProblem />
      {report && <ImportedNote content={report.content} />}
      {!locked && <DictationBar template={report?.content.template} />}
      <ModelStatus />
      {!running && <Refusal imageId={imageId} canDraft={!teaching && !locked} />}
      {report?.content.warnings?.map((w) => (
        <p key={w} role="note" data-testid="report-warning" className="rounded border border-amber-800 p-2 text-xs text-amber-300">
          ⚠ {w}
        </p>
      ))}
      {report && <TemplatePicker report={report} locked={locked} />}
      {report?.content.template ? (
        <StructuredSections
          report={report}
          template={report.content.template}
          findings={shownFindings}
          locked={locked}
          indication={indication}
          impression={impression}
          findingsExtra={findingsExtra}
        />
      ) : (
        <>
          <section>
            <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-400">Indication</h3>
            {indication}
          </section>
          {report?.content.comparison && (
            <section aria-label="Comparison">
              <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-400">Comparison</h3>
              <p data-testid="report-comparison" className="text-sm text-neutral-200">
                {describePrior(report.content.comparison)}
              </p>
            </section>
          )}
          <section aria-label="Findings">
            <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-400">Findings</h3>
            {report && shownFindings.length > 0 && !streamed && (
              <ol className="space-y-2" data-testid="findings">
                {shownFindings.map((f, i) => (
                  <FindingRow key={f.id} studyUID={report.studyUID} finding={f} index={i} locked={locked} />
                ))}
              </ol>
            )}
            {findingsExtra}
          </section>
        </>
      )}
      {teaching && report && studyUID && (
        <TeachingPanel studyUID={studyUID} imageId={imageId} findings={report.content.findings} indication={report.content.indication} />
      )}
      {!report?.content.template && (
        <section>
          <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-400">Impression</h3>
          {impression}
        </section>
      )}
      {report && <ReviewPanel report={report} />}
      {report && !running && <SignOff report={report} />}
      {report && <AuditTimeline report={report} />}
      {draft && !teaching && <DraftStats draft={draft} />}
    </aside>
  );
}
