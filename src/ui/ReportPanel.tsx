// Placeholder column for the grounded report editor; shows the request context already.
import { findSeries, useAppStore } from '../store/appStore';

export function ReportPanel() {
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const active = findSeries(studies, activeSeriesUID);
  const reason = active?.series.instances.find((i) => i.header.requestReason)?.header.requestReason;
  return (
    <aside aria-label="Report" data-testid="report-panel" className="flex w-96 shrink-0 flex-col gap-4 overflow-y-auto border-l border-neutral-800 bg-neutral-950 p-4 text-sm">
      <h2 className="text-base font-semibold text-neutral-100">Report</h2>
      <section>
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Indication</h3>
        <p className="text-neutral-300">{reason || '—'}</p>
      </section>
      <section>
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Findings</h3>
        <p className="text-neutral-500">The grounded report draft will appear here.</p>
      </section>
      <section>
        <h3 className="mb-1 text-xs uppercase tracking-wider text-neutral-500">Impression</h3>
        <p className="text-neutral-500">—</p>
      </section>
    </aside>
  );
}
