// The report's audit trail as a timeline: every change, who made it (and in which role), when, and
// on which version. Read-only: nothing here edits it.
import type { Report } from '../../report/types';

export function AuditTimeline({ report }: { report: Report }) {
  const audit = report.audit ?? [];
  if (!audit.length) return null;
  return (
    <details data-testid="audit" className="text-xs">
      <summary className="cursor-pointer text-neutral-400">
        History ({audit.length} change{audit.length === 1 ? '' : 's'})
      </summary>
      <ol className="mt-1 space-y-0.5 border-l border-neutral-800 pl-2">
        {audit.map((e, i) => (
          <li key={i} data-testid="audit-entry" data-role={e.role} data-version={e.version} className="text-neutral-400">
            <span className="text-neutral-400">
              {new Date(e.at).toLocaleString()} · v{e.version} · {e.reader} ({e.role}):
            </span>{' '}
            {e.action}
          </li>
        ))}
      </ol>
    </details>
  );
}
