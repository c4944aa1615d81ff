// The cine frame rate the reader chose, kept in this browser: the toolbar's Cine plays at it (src/app/cine.ts).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export const DEFAULT_CINE_FPS = 15;
/** The rates offered, frames per second (Cornerstone's cine takes any from 1 to 60). */
export const CINE_RATES = [1, 2, 4, 6, 8, 10, 12, 15, 20, 24, 30, 40, 50, 60];

interface CineState {
  framesPerSecond: number;
  setFramesPerSecond: (fps: number) => void;
}

export const useCineStore = create<CineState>()(
  persist(
    (set) => ({
      framesPerSecond: DEFAULT_CINE_FPS,
      setFramesPerSecond: (fps) => set({ framesPerSecond: Math.max(1, Math.min(60, Math.round(fps) || DEFAULT_CINE_FPS)) }),
    }),
    { name: 'lucent-cine', partialize: ({ framesPerSecond }) => ({ framesPerSecond }) },
  ),
);
