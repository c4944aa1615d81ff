// Files that could not be opened, each with its reason. The rest of the drop still loads.
import { useAppStore } from '../store/appStore';

export function LoadProblems() {
  const problems = useAppStore((s) => s.problems);
  const dismiss = useAppStore((s) => s.dismissProblems);
  if (problems.length === 0) return null;
  return (
    <section
      role="status"
      aria-label="Files not loaded"
      data-testid="load-problems"
      className={
        'absolute bottom-10 left-1/2 z-20 max-h-64 w-[min(40rem,90%)] -translate-x-1/2 overflow-y-auto ' +
        'rounded border border-amber-800 bg-neutral-900/95 p-3 text-sm shadow-xl'
      }
    >
      <header className="mb-2 flex items-center justify-between">
        <span className="font-semibold text-amber-300">
          {problems.length} file{problems.length === 1 ? '' : 's'} not loaded
        </span>
        <button type="button" onClick={dismiss} className="rounded bg-neutral-800 px-2 py-0.5 text-xs hover:bg-neutral-700">
          Dismiss
        </button>
      </header>
      <ul className="space-y-1">
        {problems.map((p, k) => (
          <li key={k} data-testid="load-problem" className="font-mono text-xs">
            <span className="text-neutral-100">{p.source}</span>: <span className="text-amber-200">{p.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
