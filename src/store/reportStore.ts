// One report per study, each with its undo/redo history. The report domain (src/report) does the
// editing; this store keeps the histories, tells React when they change, and saves every change to
// IndexedDB (through idb-keyval) so that a reload or a crash loses nothing.
import { del, get, set as save } from 'idb-keyval';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { describeEdit, withAudit } from '../report/audit';
import { commit, redo, startHistory, undo, type History } from '../report/history';
import { emptyReport, isUntouched, type Report, type ReportEdit } from '../report/report';
import { canEdit, transition, type ReviewAction } from '../report/review';
import { useReaderStore } from './readerStore';
import { renameImagesInHistory } from '../report/savedImages';
import { trackSave } from './saveStatus';

interface ReportState {
  histories: Record<string, History>;
  /** The finding the reader is looking at (selected in the list or on the image). */
  selectedFindingId: string | undefined;
  /** The finding under the pointer in the report list. */
  hoveredFindingId: string | undefined;
  hover: (findingId: string | undefined) => void;
  /** The study's report, made when there is none; `modality` feeds the guideline rules. */
  open: (studyUID: string, indication: string, modality?: string) => void;
  edit: (studyUID: string, edit: ReportEdit, coalesceKey?: string) => void;
  undo: (studyUID: string) => void;
  redo: (studyUID: string) => void;
  select: (findingId: string | undefined) => void;
  /**
   * A report stored elsewhere (a Lucent SR) becomes the study's report when nothing has been written
   * in it here yet; returns false, changing nothing, when the reader's own edits would be lost.
   */
  restore: (report: Report) => boolean;
  /** Signing, amending and addenda (review.ts) start a new undo history: none can be undone. Throws on an illegal move. */
  review: (studyUID: string, action: ReviewAction) => void;
  /** Addenda being written, by study: kept like any edit. */
  addendumDrafts: Record<string, string>;
  setAddendumDraft: (studyUID: string, text: string) => void;
  /**
   * The saved name (savedImages.ts) of each image opened in this session, by imageId. Reports are
   * saved with these names and bound back to imageIds as images open; not saved itself.
   */
  savedNames: Record<string, string>;
  /** Images just opened: reports that name them by their saved names now name them by imageId. */
  bindImages: (savedNames: Record<string, string>) => void;
}

/** Undo steps kept across a reload, per study (the session itself keeps up to history.LIMIT). */
const SAVED_STEPS = 50;

const indexedDbStorage = createJSONStorage(() => ({
  getItem: async (name: string) => (await get<string>(name)) ?? null,
  setItem: (name: string, value: string) => trackSave(() => save(name, value)),
  removeItem: (name: string) => del(name),
}));

type Saved = Pick<ReportState, 'histories' | 'addendumDrafts'>;

/**
 * The audit trail lives on the present report only: undo and redo carry it over (carryAudit), so
 * the states behind and ahead keep none of their own — else every saved undo step would hold a copy
 * of the whole trail.
 */
function trailOnPresentOnly(before: History, after: History): History {
  const strip = (r: Report): Report => {
    if (r !== before.present || !r.audit) return r;
    const { audit: _trail, ...rest } = r;
    return rest;
  };
  // An edit or a redo puts the old present last behind; an undo puts it first ahead.
  const last = after.past.at(-1);
  const first = after.future[0];
  return {
    ...after,
    past: last && strip(last) !== last ? [...after.past.slice(0, -1), strip(last)] : after.past,
    future: first && strip(first) !== first ? [strip(first), ...after.future.slice(1)] : after.future,
  };
}

/** Undo and redo move the report back or forth, never its audit trail, which gains the step. */
function carryAudit(before: History, after: History, action: string): History {
  if (after === before) return after;
  const reader = useReaderStore.getState().reader;
  const present = withAudit({ ...after.present, audit: before.present.audit }, reader, action, new Date());
  return trailOnPresentOnly(before, { ...after, present });
}

function describeMove(action: ReviewAction, after: Report): string {
  const signed = after.versions.at(-1);
  switch (action.kind) {
    case 'sign':
      return `Signed the ${signed?.kind === 'preliminary' ? 'preliminary' : 'final'} report (version ${signed?.version})`;
    case 'amend':
      return 'Reopened the final report for an amendment';
    case 'start-addendum':
      return 'Started an addendum';
    case 'cancel-addendum':
      return 'Cancelled the addendum';
    case 'sign-addendum':
      return `Signed addendum ${after.addenda?.length}: “${action.text.trim()}”`;
  }
}

const mapHistories = (histories: Record<string, History>, change: (h: History) => History): Record<string, History> => {
  const changed = Object.entries(histories).map(([uid, h]) => [uid, change(h)] as const);
  return changed.every(([uid, h]) => h === histories[uid]) ? histories : Object.fromEntries(changed);
};

/** Saved names to this session's imageIds, for the images open now. */
const imageIdsByName = (savedNames: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(savedNames).map(([imageId, name]) => [name, imageId]));

export const useReportStore = create<ReportState>()(persist((set, get) => {
  const update = (studyUID: string, change: (h: History) => History) =>
    set((s) => {
      const history = s.histories[studyUID];
      if (!history) return s;
      const next = change(history);
      return next === history ? s : { histories: { ...s.histories, [studyUID]: next } };
    });
  return {
    histories: {},
    selectedFindingId: undefined,
    hoveredFindingId: undefined,
    hover: (hoveredFindingId) => set({ hoveredFindingId }),
    open: (studyUID, indication, modality = '') =>
      set((s) => {
        const history = s.histories[studyUID];
        if (!history) return { histories: { ...s.histories, [studyUID]: startHistory(emptyReport(studyUID, indication, modality)) } };
        // A report saved or restored without the study's modality learns it; not an edit of the reader's.
        if (!modality || history.present.content.modality) return s;
        const present = { ...history.present, content: { ...history.present.content, modality } };
        return { histories: { ...s.histories, [studyUID]: { ...history, present } } };
      }),
    // Only a reader who may edit it now changes a report (a preliminary is the attending's); each change is audited.
    edit: (studyUID, edit, coalesceKey) =>
      update(studyUID, (h) => {
        const reader = useReaderStore.getState().reader;
        if (!canEdit(h.present, reader.role)) return h;
        const next = commit(h, edit, coalesceKey);
        if (next === h) return h;
        return trailOnPresentOnly(h, { ...next, present: withAudit(next.present, reader, describeEdit(edit, h.present.content), new Date(), coalesceKey) });
      }),
    restore: (report) => {
      const current = get().histories[report.studyUID]?.present;
      if (current && !isUntouched(current)) return JSON.stringify(current.content) === JSON.stringify(report.content);
      // The SR does not say the study's modality: the report open here already knows it.
      const modality = report.content.modality ?? current?.content.modality;
      const restored = modality ? { ...report, content: { ...report.content, modality } } : report;
      set((s) => ({ histories: { ...s.histories, [report.studyUID]: startHistory(restored) } }));
      return true;
    },
    undo: (studyUID) => update(studyUID, (h) => carryAudit(h, undo(h), 'Undid an edit')),
    redo: (studyUID) => update(studyUID, (h) => carryAudit(h, redo(h), 'Redid an edit')),
    select: (selectedFindingId) => set({ selectedFindingId }),
    review: (studyUID, action) =>
      update(studyUID, (h) => {
        const reader = useReaderStore.getState().reader;
        const at = new Date();
        const next = transition(h.present, action, reader, at);
        const signed = action.kind === 'sign' ? next.versions.at(-1) : undefined;
        return startHistory(withAudit(next, reader, describeMove(action, next), at, undefined, signed?.version));
      }),
    addendumDrafts: {},
    setAddendumDraft: (studyUID, text) => set((s) => ({ addendumDrafts: { ...s.addendumDrafts, [studyUID]: text } })),
    savedNames: {},
    bindImages: (opened) =>
      set((s) => {
        const savedNames = { ...s.savedNames, ...opened };
        const byName = imageIdsByName(opened);
        return { savedNames, histories: mapHistories(s.histories, (h) => renameImagesInHistory(h, (id) => byName[id])) };
      }),
  };
}, {
  name: 'lucent-reports',
  storage: indexedDbStorage,
  partialize: (s): Saved => ({
    addendumDrafts: s.addendumDrafts,
    histories: Object.fromEntries(
      Object.entries(s.histories).map(([uid, h]) => [
        uid,
        renameImagesInHistory({ ...h, past: h.past.slice(-SAVED_STEPS), future: h.future.slice(0, SAVED_STEPS), lastKey: undefined }, (id) => s.savedNames[id]),
      ]),
    ),
  }),
  // Saved reports win over the empty ones opened before the save was read back, and name the
  // images already open by their imageIds.
  merge: (saved, current) => {
    const byName = imageIdsByName(current.savedNames);
    const restored = mapHistories((saved as Saved | undefined)?.histories ?? {}, (h) => renameImagesInHistory(h, (id) => byName[id]));
    return { ...current, histories: { ...current.histories, ...restored }, addendumDrafts: { ...(saved as Saved | undefined)?.addendumDrafts, ...current.addendumDrafts } };
  },
}));
