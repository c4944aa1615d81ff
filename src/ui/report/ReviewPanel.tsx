// Attending review: the changes to the resident's preliminary as tracked changes (words added and
// removed, findings added, removed and rejected, regions moved); once final, the resident's feedback
// by finding, their counts over the reports kept here and their teaching-mode scores.
import { changesToPreliminary, feedbackOf, residentRecord } from '../../app/review';
import type { TrackedChange, WordChange } from '../../report/changes';
import type { Report } from '../../report/types';
import { preliminaryVersion } from '../../report/review';

function Words({ words }: { words: WordChange[] }) {
  return (
    <>
      {words.map((w, i) =>
        w.added ? (
          <ins key={i} className="bg-emerald-950 text-emerald-300 no-underline">
            {w.text}
          </ins>
        ) : w.removed ? (
          <del key={i} className="bg-red-950 text-red-300">
            {w.text}
          </del>
        ) : (
          <span key={i}>{w.text}</span>
        ),
      )}
    </>
  );
}

const LABEL: Record<TrackedChange['kind'], string> = {
  added: 'Finding added',
  removed: 'Finding removed',
  rejected: 'Finding rejected',
  restored: 'Finding restored',
  edited: 'Finding edited',
  'region-moved': 'Region moved',
  field: 'Field changed',
  indication: 'Indication changed',
  impression: 'Impression changed',
};

function Change({ change }: { change: TrackedChange }) {
  return (
    <li data-testid="tracked-change" data-kind={change.kind} className="rounded bg-neutral-900 px-2 py-1">
      <span className="text-neutral-400">{LABEL[change.kind]}: </span>
      {'words' in change ? (
        <Words words={change.words} />
      ) : (
        <span
          className={
            change.kind === 'added'
              ? 'text-emerald-300'
              : change.kind === 'removed' || change.kind === 'rejected'
                ? 'text-red-300 line-through'
                : ''
          }
        >
          {change.text}
        </span>
      )}
    </li>
  );
}

function Feedback({ report }: { report: Report }) {
  const feedback = feedbackOf(report);
  const resident = preliminaryVersion(report)?.reader;
  if (!feedback || !resident) return null;
  const record = residentRecord(resident);
  return (
    <div data-testid="resident-feedback" className="space-y-1">
      <h4 className="text-neutral-400">Feedback for {resident}</h4>
      {feedback.items.length || feedback.impressionRewritten ? (
        <ul className="space-y-0.5">
          {feedback.items.map((item, i) => (
            <li key={i} data-testid="feedback-item" data-kind={item.kind}>
              <span className="text-amber-300">{item.kind}</span> — {item.text}
            </li>
          ))}
          {feedback.impressionRewritten && (
            <li data-testid="feedback-item" data-kind="impression rewritten">
              <span className="text-amber-300">impression rewritten</span>
            </li>
          )}
        </ul>
      ) : (
        <p className="text-emerald-300">The attending changed nothing.</p>
      )}
      <p className="text-neutral-400">
        Over {record.reviews} reviewed report{record.reviews === 1 ? '' : 's'} in this browser
        {record.teachingF1 !== undefined
          ? ` · teaching mode: mean F1 ${record.teachingF1.toFixed(2)} ` +
            `over ${record.comparisons} comparison${record.comparisons === 1 ? '' : 's'}`
          : ''}
        :
      </p>
      <ul>
        {record.counts.map((c) => (
          <li key={`${c.type}-${c.kind}`} data-testid="feedback-count">
            {c.type.replace(/_/g, ' ')}: {c.kind} × {c.count}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReviewPanel({ report }: { report: Report }) {
  const changes = changesToPreliminary(report);
  if (!changes) return null;
  return (
    <section aria-label="Review" data-testid="review" className="space-y-2 rounded border border-sky-900 p-2 text-xs">
      <h3 className="text-xs uppercase tracking-wider text-sky-300">
        {report.status === 'preliminary' ? 'Review of the preliminary' : 'Changes to the preliminary'}
      </h3>
      {changes.length ? (
        <ul className="space-y-1">
          {changes.map((c, i) => (
            <Change key={i} change={c} />
          ))}
        </ul>
      ) : (
        <p data-testid="no-changes" className="text-neutral-400">
          No changes yet.
        </p>
      )}
      <Feedback report={report} />
    </section>
  );
}
