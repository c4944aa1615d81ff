// Who is reading: name and role, set once in this browser and shown in the header. No login is
// invented; with a PACS the name travels in the SR's observer fields.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Reader } from '../report/types';

interface ReaderState {
  reader: Reader;
  setReader: (patch: Partial<Reader>) => void;
}

/** The name signed with before roles existed, kept. */
const earlierName = () => (typeof localStorage === 'undefined' ? '' : (localStorage.getItem('lucent-reader-name') ?? ''));

export const useReaderStore = create<ReaderState>()(
  persist(
    (set) => ({
      // An attending by default: one reader signing final, as Lucent worked before roles.
      reader: { name: earlierName(), role: 'attending' },
      setReader: (patch) => set((s) => ({ reader: { ...s.reader, ...patch } })),
    }),
    { name: 'lucent-reader', partialize: ({ reader }) => ({ reader }) },
  ),
);
