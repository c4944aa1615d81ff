// Frames streaming in from the PACS: how many of each series have arrived, and the image memory
// budget with what it means for the open series.
import { create } from 'zustand';

interface StreamState {
  /** Frames arrived and frames in all, by series UID (PACS series only). */
  progress: Record<string, { loaded: number; total: number }>;
  /** Said when the open series does not fit in the image memory budget. */
  budgetNote: string;
  setProgress: (seriesUID: string, loaded: number, total: number) => void;
  setBudgetNote: (note: string) => void;
}

export const useStreamStore = create<StreamState>()((set) => ({
  progress: {},
  budgetNote: '',
  setProgress: (seriesUID, loaded, total) => set((s) => ({ progress: { ...s.progress, [seriesUID]: { loaded, total } } })),
  setBudgetNote: (budgetNote) => set({ budgetNote }),
}));
