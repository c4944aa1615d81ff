// Application state shared by the React components: what is open, what failed to
// load, and a mirror of the viewer's state for overlays. The viewer itself is driven
// through ViewerController; this store never holds pixel data.
import { create } from 'zustand';
import type { LoadProblem } from '../dicom/load';
import { mergeStudies, type LoadedInstance, type Series, type Study } from '../dicom/studies';
import type { PrimaryTool, ViewState } from '../viewer/viewState';

/** A viewer with nothing on it yet. */
export const EMPTY_VIEW: ViewState = {
  imageId: undefined,
  sliceIndex: 0,
  sliceCount: 0,
  window: undefined,
  zoom: 1,
  invert: false,
  rotation: 0,
  flipHorizontal: false,
  flipVertical: false,
  error: undefined,
};

export interface LoadingState {
  label: string;
  done: number;
  total: number;
}

interface AppState {
  studies: Study[];
  problems: LoadProblem[];
  loading: LoadingState | undefined;
  activeSeriesUID: string | undefined;
  /** A study shown beside the current one (the study of activeSeriesUID), for comparison. */
  priorStudyUID: string | undefined;
  view: ViewState;
  primaryTool: PrimaryTool;
  helpOpen: boolean;
  addInstances: (instances: LoadedInstance[], problems: LoadProblem[]) => void;
  setLoading: (loading: LoadingState | undefined) => void;
  openSeries: (uid: string) => void;
  /** Shows the study beside the current one; nothing when it is the current study. */
  openPrior: (studyUID: string) => void;
  closePrior: () => void;
  setView: (view: ViewState) => void;
  setPrimaryTool: (tool: PrimaryTool) => void;
  setHelpOpen: (open: boolean) => void;
  dismissProblems: () => void;
  closeAll: () => void;
}

export const useAppStore = create<AppState>()((set) => ({
  studies: [],
  problems: [],
  loading: undefined,
  activeSeriesUID: undefined,
  priorStudyUID: undefined,
  view: EMPTY_VIEW,
  primaryTool: 'WindowLevel',
  helpOpen: false,
  addInstances: (instances, problems) =>
    set((state) => {
      const studies = mergeStudies(state.studies, instances);
      // Show what was just opened: the first series of the newest study added (a follow-up opened
      // with its prior is reported, not the prior).
      const added = new Set(instances.map((i) => i.header.studyInstanceUID));
      const addedStudy = studies.find((s) => added.has(s.uid));
      const activeSeriesUID = addedStudy?.series[0]?.uid ?? state.activeSeriesUID;
      return {
        studies,
        problems: [...state.problems, ...problems],
        activeSeriesUID,
        priorStudyUID: priorBeside(studies, activeSeriesUID, state.priorStudyUID),
      };
    }),
  setLoading: (loading) => set({ loading }),
  openSeries: (uid) => set((state) => ({ activeSeriesUID: uid, priorStudyUID: priorBeside(state.studies, uid, state.priorStudyUID) })),
  openPrior: (studyUID) => set((state) => (priorBeside(state.studies, state.activeSeriesUID, studyUID) ? { priorStudyUID: studyUID } : {})),
  closePrior: () => set({ priorStudyUID: undefined }),
  setView: (view) => set({ view }),
  setPrimaryTool: (primaryTool) => set({ primaryTool }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  dismissProblems: () => set({ problems: [] }),
  closeAll: () => set({ studies: [], problems: [], activeSeriesUID: undefined, priorStudyUID: undefined, view: EMPTY_VIEW }),
}));

export function findSeries(studies: Study[], uid: string | undefined): { study: Study; series: Series } | undefined {
  for (const study of studies) {
    const series = study.series.find((s) => s.uid === uid);
    if (series) return { study, series };
  }
  return undefined;
}

/** The prior kept beside the current study: an open study other than the current one, else none. */
function priorBeside(studies: Study[], activeSeriesUID: string | undefined, priorStudyUID: string | undefined): string | undefined {
  const current = findSeries(studies, activeSeriesUID)?.study.uid;
  return priorStudyUID !== current && studies.some((s) => s.uid === priorStudyUID) ? priorStudyUID : undefined;
}

// The screens reach it through the store (they import no DICOM code at run time).
export { firstImageSeries } from '../dicom/studies';

export function allSeries(studies: Study[]): Series[] {
  return studies.flatMap((s) => s.series);
}

export function allInstances(studies: Study[]): LoadedInstance[] {
  return allSeries(studies).flatMap((s) => s.instances);
}
