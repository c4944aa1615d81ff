// Reporting settings, kept in this browser: macros (trigger phrase, text with [fields]; exported and
// imported as a file) and the critical-results list (defaults on or off, their ACR category, and the
// reader's own words).
import { useState } from 'react';
import { addCriticalWords, addMacro, changeCriticalRule, changeMacro, exportMacros, importMacros } from '../app/reportingSettings';
import type { ActionableCategory, CriticalRule } from '../report/critical';
import type { Macro } from '../report/macros';
import { useReportingStore } from '../store/reportingStore';
import { errorMessage } from '../util/errorMessage';
import { Dialog } from './Dialog';
import { DictationSettings } from './dictation/DictationSettings';
import { FileButton } from './FileButton';
import { ImageMemorySetting } from './ImageMemorySetting';
import { HangingProtocolSettings } from './HangingProtocolSettings';

const input = 'rounded bg-neutral-800 px-1.5 py-0.5';

function MacroRow({ macro, onChange, onRemove }: { macro: Macro; onChange: (m: Macro) => void; onRemove: () => void }) {
  return (
    <li data-testid="macro" className="grid grid-cols-[8rem_1fr_auto] gap-1">
      <input
        aria-label="Macro trigger"
        value={macro.trigger}
        onChange={(e) => onChange({ ...macro, trigger: e.target.value, name: macro.name || e.target.value })}
        className={input}
      />
      <textarea
        aria-label={`Text of macro ${macro.trigger}`}
        value={macro.text}
        rows={2}
        onChange={(e) => onChange({ ...macro, text: e.target.value })}
        className={`${input} resize-none`}
      />
      <button
        type="button"
        aria-label={`Delete macro ${macro.trigger}`}
        className="px-1 text-neutral-400 hover:text-red-300"
        onClick={onRemove}
      >
        ✕
      </button>
    </li>
  );
}

function CriticalRow({ rule, onChange }: { rule: CriticalRule; onChange: (r: CriticalRule) => void }) {
  return (
    <li data-testid="critical-rule" className="flex items-center gap-2">
      <input
        type="checkbox"
        aria-label={`Critical: ${rule.label}`}
        checked={rule.enabled}
        onChange={(e) => onChange({ ...rule, enabled: e.target.checked })}
      />
      <span className="flex-1">
        {rule.label}
        {rule.match.kind === 'words' && <span className="text-neutral-400"> — words: {rule.match.words}</span>}
      </span>
      <select
        aria-label={`ACR category of ${rule.label}`}
        value={rule.category}
        onChange={(e) => onChange({ ...rule, category: Number(e.target.value) as ActionableCategory })}
        className={input}
      >
        <option value={1}>Category 1 (minutes)</option>
        <option value={2}>Category 2 (hours)</option>
        <option value={3}>Category 3 (days)</option>
      </select>
    </li>
  );
}

export function ReportingSettings() {
  const { settingsOpen, macros, criticalRules, setSettingsOpen } = useReportingStore();
  const [message, setMessage] = useState('');
  const [words, setWords] = useState('');
  if (!settingsOpen) return null;
  return (
    <Dialog label="Reporting settings" onClose={() => setSettingsOpen(false)} className="max-h-[85vh] w-[40rem] space-y-3 overflow-y-auto">
      <h2 className="text-lg font-semibold">Macros</h2>
      <p className="text-xs text-neutral-400">Type a trigger in any report text box and press Ctrl+Space; Tab jumps to the next [field].</p>
      <ul className="space-y-1">
        {macros.map((m, i) => (
          <MacroRow key={m.id} macro={m} onChange={(x) => changeMacro(i, x)} onRemove={() => changeMacro(i, undefined)} />
        ))}
      </ul>
      <div className="flex gap-2 text-xs">
        <button type="button" className="rounded bg-neutral-800 px-2 py-1 hover:bg-neutral-700" onClick={addMacro}>
          Add macro
        </button>
        <button type="button" className="rounded bg-neutral-800 px-2 py-1 hover:bg-neutral-700" onClick={exportMacros}>
          Export macros
        </button>
        <FileButton
          accept=".json,application/json"
          inputTestId="macro-file"
          className="rounded bg-neutral-800 px-2 py-1 hover:bg-neutral-700"
          onFile={async (chosen) =>
            setMessage(await importMacros(chosen).then((n) => `Imported ${n} macro${n === 1 ? '' : 's'}.`, errorMessage))
          }
        >
          Import macros…
        </FileButton>
      </div>
      {message && (
        <p role="status" className="text-xs text-neutral-300">
          {message}
        </p>
      )}
      <h2 className="text-lg font-semibold">Critical results</h2>
      <p className="text-xs text-neutral-400">
        An accepted finding on this list needs a communication record before the report can be signed.
      </p>
      <ul className="space-y-1 text-xs">
        {criticalRules.map((r, i) => (
          <CriticalRow key={r.id} rule={r} onChange={(x) => changeCriticalRule(i, x)} />
        ))}
      </ul>
      <form
        className="flex gap-2 text-xs"
        onSubmit={(e) => {
          e.preventDefault();
          if (addCriticalWords(words)) setWords('');
        }}
      >
        <input
          aria-label="Critical words"
          placeholder="Your own: words or phrases, comma-separated (e.g. free air, pneumoperitoneum)"
          value={words}
          onChange={(e) => setWords(e.target.value)}
          className={`${input} flex-1`}
        />
        <button type="submit" className="rounded bg-neutral-800 px-2 py-1 hover:bg-neutral-700">
          Add
        </button>
      </form>
      <DictationSettings />
      <ImageMemorySetting />
      <HangingProtocolSettings />
    </Dialog>
  );
}
