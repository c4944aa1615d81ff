// Sign-off: the checks before signing run first; then the reader's name and the time are recorded
// and the report locks; amending reopens it.
import { useState } from 'react';
import type { SignCheck } from '../../report/signChecks';
import { checksForSigning } from '../../app/structuredReport';
import { SignChecks } from './SignChecks';
import { savedReaderName, signReport } from '../../app/reportCommands';
import type { Report } from '../../report/report';
import { useReportStore } from '../../store/reportStore';
import { ExportMenu } from './ExportMenu';

export function SignOff({ report }: { report: Report }) {
  const [reader, setReader] = useState(savedReaderName);
  const [checks, setChecks] = useState<SignCheck[]>([]);
  const { amend } = useReportStore.getState();
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
            const found = checksForSigning(report.content);
            if (found.length) setChecks(found);
            else signReport(report.studyUID, reader);
          }}
        >
          {report.status === 'amending' && <span className="text-amber-300">Amending</span>}
          <input aria-label="Reader" placeholder="Reader's name" value={reader} onChange={(e) => setReader(e.target.value)} className="min-w-0 flex-1 rounded bg-neutral-900 px-2 py-1" />
          <button type="submit" disabled={!reader.trim()} className="rounded bg-emerald-800 px-3 py-1 hover:bg-emerald-700 disabled:opacity-40">
            Sign report
          </button>
        </form>
      )}
      {checks.length > 0 && (
        <SignChecks
          checks={checks}
          onClose={() => setChecks([])}
          onSignAnyway={() => {
            setChecks([]);
            signReport(report.studyUID, reader);
          }}
        />
      )}
    </section>
  );
}
