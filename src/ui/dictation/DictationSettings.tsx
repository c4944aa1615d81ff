// Dictation settings: the recogniser's language, the push-to-talk key and whether voice commands act.
import { checkDictation } from '../../app/dictation';
import { useDictationStore } from '../../store/dictationStore';

const input = 'rounded bg-neutral-800 px-1.5 py-0.5';

export function DictationSettings() {
  const { settings, setSettings } = useDictationStore();
  return (
    <section aria-label="Dictation settings" className="space-y-1 text-xs">
      <h2 className="text-lg font-semibold">Dictation</h2>
      <p className="text-neutral-400">On-device recognition only: speech is never sent anywhere.</p>
      <label className="flex items-center gap-2">
        Language
        <input
          aria-label="Dictation language"
          value={settings.lang}
          onChange={(e) => setSettings({ lang: e.target.value })}
          onBlur={() => void checkDictation()}
          className={`${input} w-24`}
        />
      </label>
      <label className="flex items-center gap-2">
        Push-to-talk key
        <input
          aria-label="Push-to-talk key"
          readOnly
          value={settings.pushToTalkKey}
          title="Press the key to use"
          onKeyDown={(e) => {
            if (e.key === 'Tab' || e.key === 'Escape') return;
            e.preventDefault();
            setSettings({ pushToTalkKey: e.key });
          }}
          className={`${input} w-24`}
        />
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          aria-label="Voice commands"
          checked={settings.commandsOn}
          onChange={(e) => setSettings({ commandsOn: e.target.checked })}
        />
        Voice commands (“next field”, “insert normal chest”, “scratch that”…)
      </label>
    </section>
  );
}
