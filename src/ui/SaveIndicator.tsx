// Tells the reader whether the report is safely stored in the browser, and says so loudly when it is not.
import { useSaveStatus } from '../store/saveStatus';

const LABELS = { saved: 'Saved', saving: 'Saving…', failed: 'Not saved' } as const;

export function SaveIndicator() {
  const state = useSaveStatus((s) => s.state);
  return (
    <span
      data-testid="save-status"
      data-state={state}
      className={`text-xs ${state === 'failed' ? 'text-red-300' : 'text-neutral-400'}`}
      title="Reports are kept in this browser (IndexedDB) after every change"
    >
      {LABELS[state]}
    </span>
  );
}

export function SaveProblem() {
  const problem = useSaveStatus((s) => (s.state === 'failed' ? s.problem : undefined));
  if (!problem) return null;
  return (
    <p role="alert" data-testid="save-problem" className="rounded border border-red-800 bg-red-950/60 px-2 py-1.5 text-xs text-red-200">
      Not saved: {problem}
    </p>
  );
}
