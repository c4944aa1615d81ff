// Sign-off: who signs (name and role, kept in this browser), the checks before signing, then the
// signature — a preliminary for a resident or fellow, the final for an attending; once final,
// an addendum or an amendment. The versions and addenda are listed.
import { reportSession } from '../../app/reportSession';
import type { Report, ReaderRole } from '../../report/types';
import { READER_ROLES, signsAs } from '../../report/review';
import { useReaderStore } from '../../store/readerStore';
import { useReportStore } from '../../store/reportStore';
import { Addenda } from './Addenda';
import { ExportMenu } from './ExportMenu';
import { SignChecks } from './SignChecks';

const KIND = { preliminary: 'Preliminary', final: 'Final' } as const;

export function SignOff({ report }: { report: Report }) {
  const { reader, setReader } = useReaderStore();
  const session = reportSession(report.studyUID);
  const checks = useReportStore((s) => s.signChecks[report.studyUID]) ?? [];
  const willSign = signsAs(report, reader.role);
  const final = report.status === 'signed' || report.status === 'addendum';
  return (
    <section
      aria-label="Sign-off"
      data-testid="sign-off"
      data-status={report.status}
      className="space-y-2 border-t border-neutral-800 pt-3 text-xs"
    >
      <ExportMenu report={report} />
      {report.versions.map((v) => (
        <p key={v.version} data-testid="signed-version" data-kind={v.kind ?? 'final'} className="text-neutral-400">
          Version {v.version} signed by {v.reader}
          {v.role ? ` (${v.role})` : ''}, {new Date(v.signedAt).toLocaleString()} — {KIND[v.kind ?? 'final']}
        </p>
      ))}
      <Addenda report={report} />
      {final ? (
        report.status === 'signed' && (
          <div className="flex items-center gap-2">
            <span className="text-emerald-300">
              Final{report.versions.at(-1) ? ` — signed by ${report.versions.at(-1)!.reader}` : ''}, read-only.
            </span>
            <button
              type="button"
              className="ml-auto rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700"
              onClick={() => session.startAddendum()}
            >
              Add addendum
            </button>
            <button type="button" className="rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700" onClick={() => session.amend()}>
              Amend
            </button>
          </div>
        )
      ) : (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            session.requestSign();
          }}
        >
          {report.status === 'amending' && <span className="text-amber-300">Amending</span>}
          {report.status === 'preliminary' && (
            <span className="text-sky-300">
              Preliminary —{' '}
              {reader.role === 'attending' ? 'your edits are tracked until you sign the final' : 'awaiting the attending’s review'}
            </span>
          )}
          <input
            aria-label="Reader"
            placeholder="Reader's name"
            value={reader.name}
            onChange={(e) => setReader({ name: e.target.value })}
            className="min-w-0 flex-1 rounded bg-neutral-900 px-2 py-1"
          />
          <select
            aria-label="Role"
            value={reader.role}
            onChange={(e) => setReader({ role: e.target.value as ReaderRole })}
            className="rounded bg-neutral-900 px-1 py-1"
          >
            {READER_ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <button
            type="submit"
            disabled={!reader.name.trim() || !willSign}
            data-signs-as={willSign ?? ''}
            title={willSign ? `Signs the ${willSign} report` : 'A preliminary is signed final by an attending'}
            className="rounded bg-emerald-800 px-3 py-1 hover:bg-emerald-900 disabled:opacity-40"
          >
            Sign report
          </button>
          {willSign && (
            <span className="w-full text-neutral-400">
              Signs as {willSign === 'final' ? 'the final report' : 'a preliminary, for an attending to review'}.
            </span>
          )}
        </form>
      )}
      {checks.length > 0 && (
        <SignChecks
          checks={checks}
          onClose={() => session.closeSignChecks()}
          onSignAnyway={() => session.signAnyway()}
          onKeepAndSign={() => session.keepUndecidedAndSign()}
        />
      )}
    </section>
  );
}
