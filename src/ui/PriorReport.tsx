// The prior's report, read-only, under its viewer: what the reader compares with, as PowerScribe
// shows the prior report beside the prior images. Folds to a line.
import { useState } from 'react';
import { reportOf } from '../app/priors';
import { recordOf } from '../report/content';
import { useReportStore } from '../store/reportStore';
import { useDocumentStore } from '../store/documentStore';
import { PdfButtons } from './PdfButtons';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function PriorReport({ studyUID }: { studyUID: string }) {
  const report = useReportStore((s) => s.histories[studyUID]?.present);
  // A PDF kept for the study changes what reportOf says.
  useDocumentStore((s) => s.byStudy[studyUID]);
  const [open, setOpen] = useState(true);
  // The prior as its record reads: a signed prior without what its reader left out.
  const content = report ? recordOf(report) : undefined;
  const findings = content?.findings ?? [];
  return (
    <section
      aria-label="Prior report"
      data-testid="prior-report-pane"
      className="max-h-[35%] shrink-0 overflow-y-auto border-t border-neutral-800 bg-neutral-950 px-2 py-1 text-xs text-neutral-300"
    >
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="w-full text-left text-[11px] uppercase tracking-wider text-neutral-400 hover:text-neutral-300"
      >
        {open ? '▾' : '▸'} {capitalised(reportOf(studyUID) ?? 'no report')}
      </button>
      {open && content && (findings.length > 0 || content.impression.trim()) && (
        <div data-testid="prior-report-text" className="mt-1 space-y-1">
          <ul className="list-disc pl-4">
            {findings.map((f) => (
              <li key={f.id}>{f.text}</li>
            ))}
          </ul>
          {content.impression.trim() && (
            <p>
              <span className="text-neutral-400">Impression: </span>
              {content.impression}
            </p>
          )}
        </div>
      )}
      {open && <PdfButtons studyUID={studyUID} />}
    </section>
  );
}
