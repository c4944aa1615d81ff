// The checks before signing, in one dialog: each problem takes the reader to its place; blocking
// ones must be fixed, warnings may be signed over.
import { isUndecidedCheck, type CheckTarget, type SignCheck } from '../../report/signChecks';
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

export function SignChecks({
  checks,
  onClose,
  onSignAnyway,
  onKeepAndSign,
}: {
  checks: SignCheck[];
  onClose: () => void;
  onSignAnyway: () => void;
  onKeepAndSign: () => void;
}) {
  const blocking = checks.some((c) => c.severity === 'blocking');
  const undecided = checks.filter(isUndecidedCheck).length;
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
      {undecided > 0 && (
        <p data-testid="undecided-note" className="text-neutral-300">
          {undecided === 1
            ? 'Signing leaves out the AI finding nobody has accepted: accept it to put it on record.'
            : `Signing leaves out the ${undecided} AI findings nobody has accepted: accept them to put them on record.`}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700" onClick={onClose}>
          Back to the report
        </button>
        {undecided > 0 && !blocking && (
          <button type="button" className="rounded bg-sky-700 px-3 py-1 hover:bg-sky-800" onClick={onKeepAndSign}>
            Accept {undecided === 1 ? 'it' : `all ${undecided}`} and sign
          </button>
        )}
        {!blocking && (
          <button type="button" className="rounded bg-emerald-800 px-3 py-1 hover:bg-emerald-900" onClick={onSignAnyway}>
            {undecided ? `Sign without ${undecided === 1 ? 'it' : 'them'}` : 'Sign anyway'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
