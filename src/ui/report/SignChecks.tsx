// The checks before signing, in one dialog: each problem takes the reader to its place; blocking
// ones must be fixed, warnings may be signed over.
import type { CheckTarget, SignCheck } from '../../report/signChecks';
import { selectFinding } from '../../app/reportSession';
import { Dialog } from '../Dialog';

function goTo(target: CheckTarget): void {
  const focus = (selector: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
  if (target.kind === 'finding') {
    selectFinding(target.findingId);
    focus(`[data-finding-id="${target.findingId}"] textarea`);
  } else if (target.kind === 'field') {
    focus(`#field-${CSS.escape(target.fieldId)}`);
  } else {
    focus('[data-testid="impression"]');
  }
}

export function SignChecks({ checks, onClose, onSignAnyway }: { checks: SignCheck[]; onClose: () => void; onSignAnyway: () => void }) {
  const blocking = checks.some((c) => c.severity === 'blocking');
  return (
    <Dialog label="Checks before signing" onClose={onClose} className="w-[32rem] space-y-3">
      <h2 className="text-lg font-semibold">Before signing</h2>
      <ul className="space-y-1" data-testid="sign-checks">
        {checks.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              data-testid="sign-check"
              data-severity={c.severity}
              data-check={c.id}
              className="w-full rounded px-2 py-1 text-left hover:bg-neutral-800"
              onClick={() => {
                onClose();
                goTo(c.target);
              }}
            >
              <span className={c.severity === 'blocking' ? 'text-red-300' : 'text-amber-300'}>
                {c.severity === 'blocking' ? '✕ Must fix: ' : '⚠ Check: '}
              </span>
              {c.message}
            </button>
          </li>
        ))}
      </ul>
      <div className="flex justify-end gap-2">
        <button type="button" className="rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700" onClick={onClose}>
          Back to the report
        </button>
        {!blocking && (
          <button type="button" className="rounded bg-emerald-800 px-3 py-1 hover:bg-emerald-700" onClick={onSignAnyway}>
            Sign anyway
          </button>
        )}
      </div>
    </Dialog>
  );
}
