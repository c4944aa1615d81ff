// Dictation controls: the Dictate toggle, push-to-talk (a held key, F4 by default as on dictation
// microphones), the state in words, a level meter and the words heard so far, greyed until final.
import { useEffect } from 'react';
import {
  applyUtterance,
  checkDictation,
  dictateButton,
  installLanguagePack,
  onUtterance,
  startDictation,
  stopDictation,
} from '../../app/dictation';
import type { Template } from '../../report/template/template';
import { useDictationStore, type DictationStatus } from '../../store/dictationStore';
import { reportFields, trackReportFocus } from './reportFields';

const STATUS: Partial<Record<DictationStatus, string>> = {
  checking: 'Checking on-device recognition…',
  ready: 'Dictation ready',
  listening: 'Listening',
};
const paused = (key: string) => `Paused — hold ${key} or press Dictate to go on`;

/** The words the recogniser may favour: the template's sections and fields. */
const termsOf = (template: Template | undefined) => template?.sections.flatMap((s) => [s.name, ...s.fields.map((f) => f.label)]) ?? [];

export function DictationBar({ template }: { template: Template | undefined }) {
  const { status, message, interim, level, settings } = useDictationStore();
  const listening = status === 'listening';

  useEffect(() => {
    void checkDictation();
    document.addEventListener('focusin', trackReportFocus);
    const unregister = onUtterance((utterance) => applyUtterance(utterance, reportFields));
    return () => {
      document.removeEventListener('focusin', trackReportFocus);
      unregister();
    };
  }, []);

  // Push-to-talk: listening while the key is held.
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.key !== settings.pushToTalkKey) return;
      e.preventDefault();
      if (!e.repeat) void startDictation(termsOf(template));
    };
    const up = (e: KeyboardEvent) => {
      if (e.key === settings.pushToTalkKey) stopDictation();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [settings.pushToTalkKey, template]);

  const said = status === 'paused' ? paused(settings.pushToTalkKey) : (STATUS[status] ?? message);
  return (
    <div data-testid="dictation" data-status={status} className="space-y-1 text-xs">
      <div className="flex items-center gap-2">
        <button
          type="button"
          data-testid="dictate"
          aria-pressed={listening}
          {...dictateButton(status, message, settings.pushToTalkKey)}
          className="rounded bg-neutral-800 px-2 py-0.5 hover:bg-neutral-700 disabled:opacity-40 aria-pressed:bg-red-900"
          onClick={() => (listening ? stopDictation() : void startDictation(termsOf(template)))}
        >
          {listening ? '■ Stop dictation' : 'Dictate'}
        </button>
        {status === 'pack-missing' && (
          <button
            type="button"
            data-testid="install-language"
            className="rounded bg-sky-900 px-2 py-0.5 hover:bg-sky-800"
            onClick={() => void installLanguagePack()}
          >
            Install language pack
          </button>
        )}
        {listening && (
          <span
            className="h-1.5 w-16 overflow-hidden rounded bg-neutral-800"
            data-testid="dictation-level"
            data-level={level.toFixed(2)}
            title="Microphone level"
          >
            <span className="block h-full bg-emerald-500" style={{ width: `${Math.round(level * 100)}%` }} />
          </span>
        )}
        <span
          data-testid="dictation-state"
          className={
            status === 'listening'
              ? 'text-emerald-300'
              : status === 'ready' || status === 'idle' || status === 'paused'
                ? 'text-neutral-400'
                : 'text-amber-300'
          }
        >
          {said}
        </span>
      </div>
      {interim && (
        <p data-testid="dictation-interim" className="italic text-neutral-400">
          {interim}
        </p>
      )}
    </div>
  );
}
