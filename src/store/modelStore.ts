// Model state for the UI: settings (kept in localStorage), loading progress, the loaded model's
// description, and the current draft as it streams. The model itself lives in its worker.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { RunStats } from '../model/engine';
import type { GroundedReport } from '../model/grounding';
import type { Precision } from '../model/manifest';
import type { LoadProgress } from '../model/modelFiles';
import type { BackendChoice, ModelInfo } from '../model/protocol';

export const DEFAULT_MANIFEST_URL = `${import.meta.env.BASE_URL}models/lucent-cxr-synth/manifest.json`;

export interface ModelSettings {
  backend: BackendChoice;
  /** undefined: the manifest's default precision. */
  precision: Precision | undefined;
  manifestUrl: string;
}

export interface DraftState {
  /** Which draft this is (modelTasks.ts): a late answer of an older one changes nothing. */
  id: number;
  imageId: string;
  /** 'refused': the image is not one the model reads (error says why); Draft anyway forces it. */
  status: 'running' | 'done' | 'cancelled' | 'error' | 'refused';
  report: GroundedReport | undefined;
  stats: RunStats | undefined;
  /** Why it failed, or why the image was refused. */
  error: string | undefined;
  /** What forcing the draft on a refused image means, kept for the report when teaching reveals the draft. */
  warnings: string[];
}

interface ModelState {
  settings: ModelSettings;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Where the model comes from, in words (a URL or a local folder). */
  sourceLabel: string;
  progress: LoadProgress | undefined;
  info: ModelInfo | undefined;
  error: string | undefined;
  draft: DraftState | undefined;
  /** Tasks asked of the model in this page (drafts, describe, locate), counted when asked; shown for tests. */
  requests: number;
  /** The last image a model task was refused on, and why (inputCheck.ts). */
  refusal: { imageId: string; reason: string; task: 'draft' | 'describe' | 'locate' } | undefined;
  /** Images the reader chose to draft anyway, with the reason they were refused (carried as a warning). */
  forced: Record<string, string>;
  settingsOpen: boolean;
  setSettings: (settings: Partial<ModelSettings>) => void;
  setSettingsOpen: (open: boolean) => void;
}

export const useModelStore = create<ModelState>()(
  persist(
    (set) => ({
      settings: { backend: 'auto', precision: undefined, manifestUrl: DEFAULT_MANIFEST_URL },
      status: 'idle',
      sourceLabel: '',
      progress: undefined,
      info: undefined,
      error: undefined,
      draft: undefined,
      requests: 0,
      refusal: undefined,
      forced: {},
      settingsOpen: false,
      setSettings: (partial) => set((s) => ({ settings: { ...s.settings, ...partial } })),
      setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
    }),
    { name: 'lucent-model-settings', partialize: (s) => ({ settings: s.settings }) },
  ),
);
