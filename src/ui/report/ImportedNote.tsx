// A note at the top of a report whose findings were read from another tool's SR: which tool and series (date, observer and UID on hover).
import type { ReportContent } from '../../report/types';

export function ImportedNote({ content }: { content: ReportContent }) {
  const from = content.importedFrom;
  if (!from) return null;
  const source = [from.manufacturer, from.description].filter(Boolean).join(' ') || 'no name given';
  const details = [from.date && `dated ${from.date}`, from.observer && `by ${from.observer}`, `SOP Instance UID ${from.sopInstanceUID}`]
    .filter(Boolean)
    .join(', ');
  return (
    <p
      role="note"
      data-testid="imported-report"
      title={details}
      className="shrink-0 rounded border border-sky-900 px-2 py-1 text-xs text-sky-300"
    >
      Findings read from another tool's {from.kind === 'text' ? 'report' : 'measurement report'}: {source}
    </p>
  );
}
