// The hanging protocols in use: Lucent's own, or a file of the reader's own rules tried before them
// (kept in this browser), imported as macros are, and the way back to Lucent's own.
import { useState } from 'react';
import { backToBundledProtocols, importHangingProtocols } from '../app/layouts';
import { useLayoutStore } from '../store/layoutStore';
import { errorMessage } from '../util/errorMessage';
import { FileButton } from './FileButton';

const button = 'rounded bg-neutral-800 px-2 py-1 hover:bg-neutral-700';

export function HangingProtocolSettings() {
  const importedFrom = useLayoutStore((s) => s.importedFrom);
  const count = useLayoutStore((s) => s.importedRules.length);
  const [message, setMessage] = useState('');
  return (
    <section aria-label="Hanging protocols" className="space-y-1 text-xs">
      <h2 className="text-lg font-semibold">Hanging protocols</h2>
      <p data-testid="hanging-protocols-in-use" className="text-neutral-400">
        {importedFrom
          ? `Your ${count} rule${count === 1 ? '' : 's'} from ${importedFrom} lay studies out first, then Lucent's own.`
          : "Lucent's own rules lay studies out (a JSON file of the same shape as hangingProtocols.json can add yours)."}
      </p>
      <div className="flex gap-2">
        <FileButton
          accept=".json,application/json"
          inputTestId="hanging-protocol-file"
          className={button}
          onFile={async (chosen) =>
            setMessage(await importHangingProtocols(chosen).then((n) => `Imported ${n} hanging rule${n === 1 ? '' : 's'}.`, errorMessage))
          }
        >
          Import hanging protocols…
        </FileButton>
        {importedFrom && (
          <button
            type="button"
            className={button}
            onClick={() => {
              backToBundledProtocols();
              setMessage("Back to Lucent's own hanging protocols.");
            }}
          >
            Use Lucent's own rules
          </button>
        )}
      </div>
      {message && (
        <p role="status" data-testid="hanging-protocol-message" className="text-neutral-300">
          {message}
        </p>
      )}
    </section>
  );
}
