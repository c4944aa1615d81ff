// Addenda: notes appended to the final report, each signed; the final itself never changes.
import { reportSession } from '../../app/reportSession';
import type { Report } from '../../report/types';
import { useReportStore } from '../../store/reportStore';

export function Addenda({ report }: { report: Report }) {
  const draft = useReportStore((s) => s.addendumDrafts[report.studyUID] ?? '');
  const session = reportSession(report.studyUID);
  return (
    <>
      {report.addenda?.map((a, i) => (
        <div key={a.signedAt + i} data-testid="addendum" className="rounded border border-neutral-800 p-2 text-neutral-300">
          <p className="text-neutral-400">
            Addendum {i + 1}, signed by {a.reader} ({a.role}), {new Date(a.signedAt).toLocaleString()}
          </p>
          <p className="whitespace-pre-wrap">{a.text}</p>
        </div>
      ))}
      {report.status === 'addendum' && (
        <form
          aria-label="Addendum"
          className="space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            session.signAddendum();
          }}
        >
          <textarea
            aria-label="Addendum text"
            value={draft}
            rows={3}
            placeholder="Addendum to the final report…"
            onChange={(e) => session.setAddendumDraft(e.target.value)}
            className="w-full rounded bg-neutral-900 px-2 py-1"
          />
          <div className="flex justify-end gap-2">
            <button
              type="button"
              className="rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700"
              onClick={() => session.cancelAddendum()}
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={!draft.trim()}
              className="rounded bg-emerald-800 px-3 py-1 hover:bg-emerald-900 disabled:opacity-40"
            >
              Sign addendum
            </button>
          </div>
        </form>
      )}
    </>
  );
}
