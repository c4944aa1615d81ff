// Dictation's state (what the recogniser is doing, the words heard so far, the microphone level) and
// the reader's dictation settings, kept in this browser.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type DictationStatus =
  /** Not asked yet. */
  | 'idle'
  | 'checking'
  /** No on-device recogniser in this browser: dictation is refused (nothing may go to a cloud). */
  | 'unsupported'
  /** The recogniser is there but the language pack is not installed. */
  | 'pack-missing'
  | 'installing'
  | 'ready'
  | 'listening'
  /** Stopped after listening (the push-to-talk key let go, or Stop): ready to go on. */
  | 'paused'
  | 'no-microphone'
  | 'error';

export interface DictationSettings {
  /** BCP 47 language of the recogniser. */
  lang: string;
  /** KeyboardEvent.key held for push-to-talk. */
  pushToTalkKey: string;
  /** Whole utterances like "next field" act as commands; off, everything is written. */
  commandsOn: boolean;
}

interface DictationState {
  status: DictationStatus;
  /** Why the status is what it is, in words. */
  message: string;
  /** Words heard but not final yet, shown greyed. */
  interim: string;
  /** Microphone level, 0…1. */
  level: number;
  settings: DictationSettings;
  set: (patch: Partial<Pick<DictationState, 'status' | 'message' | 'interim' | 'level'>>) => void;
  setSettings: (patch: Partial<DictationSettings>) => void;
}

export const useDictationStore = create<DictationState>()(
  persist(
    (set) => ({
      status: 'idle',
      message: '',
      interim: '',
      level: 0,
      settings: { lang: 'en-US', pushToTalkKey: 'F4', commandsOn: true },
      set: (patch) => set(patch),
      setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
    }),
    { name: 'lucent-dictation', partialize: ({ settings }) => ({ settings }) },
  ),
);
