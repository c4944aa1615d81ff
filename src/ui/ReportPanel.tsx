// The report column: the model's state, the request context, and the grounded draft as it
// streams in. (The editor that turns the draft into the reader's report builds on this.)
import { useEffect } from 'react';
import type { GroundedFinding } from '../model/grounding';
import { findSeries, useAppStore } from '../store/appStore';
import { useModelStore } from '../store/modelStore';
import { ModelStatus } from './ModelStatus';
import { cancelDraft, draftReport, ensureModel } from './modelActions';

function Finding({ finding, index }: { finding: GroundedFinding; index: number }) {
  return (
    <li
      data-testid="finding"
      data-boxes={JSON.stringify(finding.boxes.map((b) => b.map((v) => Math.round(v * 10) / 10)))}
      data-confidence={finding.confidence.toFixed(3)}
      className="rounded border border-neutral-800 p-2"
    >
      <p className="text-neutral-200">{finding.text || '…'}</p>
      <p className="mt-1 text-[11px] text-neutral-500">
        #{index + 1} · confidence {(finding.confidence * 100).toFixed(0)}%
        {finding.boxes.length > 0 && ` · ${finding.boxes.length} region${finding.boxes.length > 1 ? 's' : ''}`}
      </p>
    </li>
  );
}

export function useIndication(): string {
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const active = findSeries(studies, activeSeriesUID);
  return active?.series.instances.find((i) => i.header.requestReason)?.header.requestReason ?? '';
}

export function startDraft(): void {
  const imageId = useAppStore.getState().view.imageId;
  const { studies, activeSeriesUID } = useAppStore.getState();
  const reason = findSeries(studies, activeSeriesUID)?.series.instances.find((i) => i.header.requestReason)?.header.requestReason ?? '';
  if (imageId) void draftReport(imageId, reason);
}

export function ReportPanel() {
  const indication = useIndication();
  const imageId = useAppStore((s) => s.view.imageId);
  const draft = useModelStore((s) => s.draft);
  const modelStatus = useModelStore((s) => s.status);
  const running = draft?.status === 'running';

  // Start downloading the model as soon as a study is open, so a draft does not wait for it.
  useEffect(() => void ensureModel(), []);

  const report = draft?.report;
  return (
    <aside aria-label="Report" data-testid="report-panel" className="flex w-96 shrink-0 flex-col gap-4 overflow-y-auto border-l border-neutral-800 bg-neutral-950 p-4 text-sm">
      <div className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-neutral-100">Report</h2>
        {running ? (
          <button type="button" data-testid="cancel-draft" className="ml-auto rounded bg-neutral-800 px-3 py-1 text-xs hover:bg-neutral-700" onClick={cancelDraft}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            data-testid="draft"
            disabled={!imageId || modelStatus === 'error'}
            className="ml-auto rounded bg-sky-700 px-3 py-1 text-xs font-medium hover:bg-sky-600 disabled:opacity-40"
            onClick={startDraft}
            title="Draft a grounded report of the image on screen (D)"
          >
            Draft report
          </button>
        )}
      </div>
      <ModelStatus />
      <section>
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Indication</h3>
        <p className="text-neutral-300">{indication || '—'}</p>
      </section>
      <section aria-label="Findings">
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Findings</h3>
        {!draft && <p className="text-neutral-500">Press Draft report (D) for the model's grounded draft of the image on screen.</p>}
        {draft?.status === 'error' && (
          <p role="alert" data-testid="draft-error" className="text-red-300">
            {draft.error}
          </p>
        )}
        {report && (
          <ol className="space-y-2" data-testid="findings">
            {report.findings.map((f, i) => (
              <Finding key={i} finding={f} index={i} />
            ))}
          </ol>
        )}
        {running && !report?.findings.length && <p className="text-neutral-500">Reading the image…</p>}
      </section>
      <section>
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Impression</h3>
        <p data-testid="impression" className="text-neutral-300">
          {report?.impression || '—'}
        </p>
      </section>
      {draft && draft.status !== 'running' && draft.stats && (
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
