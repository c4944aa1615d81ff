// The viewport layout's state: what the reader changed on screen (for the study and series it was
// changed on), the layout remembered per hanging rule, and the hanging protocol file the reader imported.
// The last two are kept in this browser (localStorage): reading preferences, no patient data.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { HangingRule } from '../viewer/services/hangingProtocol';
import type { RememberedLayout } from '../viewer/services/rememberedLayout';
import type { ViewportGrid } from '../viewer/services/viewportGrid';

/** The grid as the reader left it, and what it was laid out for (the series opened and the prior beside it). */
export interface GridOnScreen {
  key: string;
  grid: ViewportGrid;
}

interface LayoutState {
  /** Rules the reader imported, tried before Lucent's own; none: Lucent's own only. */
  importedRules: HangingRule[];
  /** The file they came from. */
  importedFrom: string | undefined;
  /** Per rule id, the layout the reader last chose for a study that rule laid out. */
  remembered: Record<string, RememberedLayout>;
  onScreen: GridOnScreen | undefined;
  setImportedRules: (rules: HangingRule[], from: string | undefined) => void;
  /** Keeps a rule's layout, or forgets it (undefined). */
  setRemembered: (ruleId: string, layout: RememberedLayout | undefined) => void;
  setOnScreen: (onScreen: GridOnScreen | undefined) => void;
}

export const useLayoutStore = create<LayoutState>()(
  persist(
    (set) => ({
      importedRules: [],
      importedFrom: undefined,
      remembered: {},
      onScreen: undefined,
      setImportedRules: (importedRules, importedFrom) => set({ importedRules, importedFrom }),
      setRemembered: (ruleId, layout) =>
        set((s) => {
          const { [ruleId]: _, ...others } = s.remembered;
          return { remembered: layout ? { ...others, [ruleId]: layout } : others };
        }),
      setOnScreen: (onScreen) => set({ onScreen }),
    }),
    {
      name: 'lucent-layouts',
      partialize: ({ importedRules, importedFrom, remembered }) => ({ importedRules, importedFrom, remembered }),
    },
  ),
);
