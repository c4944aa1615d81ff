// The prior's report, read-only, under its viewer: what the reader compares with, as PowerScribe
// shows the prior report beside the prior images. Folded to a line until opened.
import { useState } from 'react';
import { reportedFindings } from '../report/report';
import { useReportStore } from '../store/reportStore';
import { useDocumentStore } from '../store/documentStore';
import { openDocument } from '../app/priors';

export function PriorReport({ studyUID }: { studyUID: string }) {
  const report = useReportStore((s) => s.histories[studyUID]?.present);
  const documents = useDocumentStore((s) => s.byStudy[studyUID]);
  const [open, setOpen] = useState(true);
  const content = report?.content;
  const findings = content ? reportedFindings(content) : [];
  const has = !!content && (findings.length > 0 || !!content.impression.trim());
  const what = !has ? (documents?.length ? 'PDF report' : 'No report') : content.importedFrom ? `Measurement report (${content.importedFrom.manufacturer || 'another tool'})` : report.status === 'draft' ? 'Draft report' : report.status === 'preliminary' ? 'Preliminary report' : 'Signed report';
  return (
    <section aria-label="Prior report" data-testid="prior-report-pane" className="max-h-[35%] shrink-0 overflow-y-auto border-t border-neutral-800 bg-neutral-950 px-2 py-1 text-xs text-neutral-300">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="w-full text-left text-[11px] uppercase tracking-wider text-neutral-500 hover:text-neutral-300">
        {open ? '▾' : '▸'} {what}
      </button>
      {open && has && (
        <div data-testid="prior-report-text" className="mt-1 space-y-1">
          <ul className="list-disc pl-4">
            {findings.map((f) => (
              <li key={f.id}>{f.text}</li>
            ))}
          </ul>
          {content.impression.trim() && (
            <p>
              <span className="text-neutral-500">Impression: </span>
              {content.impression}
            </p>
          )}
        </div>
      )}
      {open &&
        documents?.map((d) => (
          <button key={d.sopInstanceUID} type="button" onClick={() => openDocument(d)} className="mt-1 block text-sky-300 hover:underline">
            Open PDF: {d.title}
          </button>
        ))}
    </section>
  );
}
