// The reader's reporting settings, kept in this browser: macros, the critical-results list and the
// MRRT templates the reader imported. Nothing here is patient data.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_CRITICAL_RULES, type CriticalRule } from '../report/critical';
import { DEFAULT_MACROS, type Macro } from '../report/macros';
import type { Template } from '../report/template/template';

interface ReportingState {
  macros: Macro[];
  criticalRules: CriticalRule[];
  importedTemplates: Template[];
  /** The reporting settings dialog is open. */
  settingsOpen: boolean;
  setMacros: (macros: Macro[]) => void;
  setCriticalRules: (rules: CriticalRule[]) => void;
  /** A template with the same id as one imported before replaces it. */
  addTemplate: (template: Template) => void;
  setSettingsOpen: (open: boolean) => void;
}

export const useReportingStore = create<ReportingState>()(
  persist(
    (set) => ({
      macros: DEFAULT_MACROS,
      criticalRules: DEFAULT_CRITICAL_RULES,
      importedTemplates: [],
      settingsOpen: false,
      setMacros: (macros) => set({ macros }),
      setCriticalRules: (criticalRules) => set({ criticalRules }),
      addTemplate: (template) =>
        set((s) => ({ importedTemplates: [...s.importedTemplates.filter((t) => t.id !== template.id), template] })),
      setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
    }),
    {
      name: 'lucent-reporting',
      partialize: ({ macros, criticalRules, importedTemplates }) => ({ macros, criticalRules, importedTemplates }),
    },
  ),
);
