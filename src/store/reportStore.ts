// One report per study, each with its undo/redo history. The report session (src/app/reportSession.ts)
// makes every change; this store keeps the histories, tells React when they change, and saves every
// change to IndexedDB (through idb-keyval) so that a reload or a crash loses nothing.
import { del, get, set as save } from 'idb-keyval';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { History } from '../report/history';
import { bindSavedImages, renameImagesInHistory } from '../report/savedImages';
import type { SignCheck } from '../report/signChecks';
import { trackSave } from './saveStatus';

/**
 * What the report session (src/app/reportSession.ts) publishes: the reports with their undo
 * histories, and what the reader is looking at. The store holds no commands: the session owns
 * every change to a report, React only reads.
 */
export interface ReportState {
  histories: Record<string, History>;
  /** The finding the reader is looking at (selected in the list or on the image). */
  selectedFindingId: string | undefined;
  /** The finding under the pointer in the report list. */
  hoveredFindingId: string | undefined;
  /** Addenda being written, by study: kept like any edit. */
  addendumDrafts: Record<string, string>;
  /** The checks that stopped a signature, by study, shown until the reader closes them or signs anyway. */
  signChecks: Record<string, SignCheck[]>;
  /**
   * The saved name (savedImages.ts) of each image opened in this session, by imageId. Reports are
   * saved with these names and bound back to imageIds as images open; not saved itself.
   */
  savedNames: Record<string, string>;
}

/** Undo steps kept across a reload, per study (the session itself keeps up to history.LIMIT). */
const SAVED_STEPS = 50;

const indexedDbStorage = createJSONStorage(() => ({
  getItem: async (name: string) => (await get<string>(name)) ?? null,
  setItem: (name: string, value: string) => trackSave(() => save(name, value)),
  removeItem: (name: string) => del(name),
}));

type Saved = Pick<ReportState, 'histories' | 'addendumDrafts'>;

export const useReportStore = create<ReportState>()(
  persist(
    (): ReportState => ({
      histories: {},
      selectedFindingId: undefined,
      hoveredFindingId: undefined,
      addendumDrafts: {},
      signChecks: {},
      savedNames: {},
    }),
    {
      name: 'lucent-reports',
      storage: indexedDbStorage,
      partialize: (s): Saved => ({
        addendumDrafts: s.addendumDrafts,
        histories: Object.fromEntries(
          Object.entries(s.histories).map(([uid, h]) => [
            uid,
            renameImagesInHistory(
              { ...h, past: h.past.slice(-SAVED_STEPS), future: h.future.slice(0, SAVED_STEPS), lastKey: undefined },
              (id) => s.savedNames[id],
            ),
          ]),
        ),
      }),
      // Saved reports win over the empty ones opened before the save was read back, and name the
      // images already open by their imageIds.
      merge: (saved, current) => {
        const restored = bindSavedImages((saved as Saved | undefined)?.histories ?? {}, current.savedNames);
        return {
          ...current,
          histories: { ...current.histories, ...restored },
          addendumDrafts: { ...(saved as Saved | undefined)?.addendumDrafts, ...current.addendumDrafts },
        };
      },
    },
  ),
);
