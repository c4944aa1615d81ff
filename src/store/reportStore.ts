// One report per study, each with its undo/redo history. The report domain (src/report) does the
// editing; this store only keeps the histories and tells React when they change.
import { create } from 'zustand';
import { commit, redo, startHistory, undo, type History } from '../report/history';
import { emptyReport, type Report, type ReportEdit } from '../report/report';

interface ReportState {
  histories: Record<string, History>;
  /** The finding the reader is looking at (selected in the list or on the image). */
  selectedFindingId: string | undefined;
  open: (studyUID: string, indication: string) => void;
  edit: (studyUID: string, edit: ReportEdit, coalesceKey?: string) => void;
  undo: (studyUID: string) => void;
  redo: (studyUID: string) => void;
  select: (findingId: string | undefined) => void;
}

export const useReportStore = create<ReportState>()((set) => {
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
    open: (studyUID, indication) =>
      set((s) => (s.histories[studyUID] ? s : { histories: { ...s.histories, [studyUID]: startHistory(emptyReport(studyUID, indication)) } })),
    edit: (studyUID, edit, coalesceKey) => update(studyUID, (h) => commit(h, edit, coalesceKey)),
    undo: (studyUID) => update(studyUID, undo),
    redo: (studyUID) => update(studyUID, redo),
    select: (selectedFindingId) => set({ selectedFindingId }),
  };
});

export function reportOf(studyUID: string | undefined): Report | undefined {
  return studyUID ? useReportStore.getState().histories[studyUID]?.present : undefined;
}
