// Application state shared by the React components: what is open, what failed to
// load, and a mirror of the viewer's state for overlays. The viewer itself is driven
// through ViewerController; this store never holds pixel data.
import { create } from 'zustand';
import type { LoadProblem } from '../dicom/load';
import { mergeStudies, type LoadedInstance, type Series, type Study } from '../dicom/studies';
import { EMPTY_VIEW, type PrimaryTool, type ViewState } from '../viewer/ViewerController';

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
  view: ViewState;
  primaryTool: PrimaryTool;
  helpOpen: boolean;
  addInstances: (instances: LoadedInstance[], problems: LoadProblem[]) => void;
  setLoading: (loading: LoadingState | undefined) => void;
  openSeries: (uid: string) => void;
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
  view: EMPTY_VIEW,
  primaryTool: 'WindowLevel',
  helpOpen: false,
  addInstances: (instances, problems) =>
    set((state) => {
      const studies = mergeStudies(state.studies, instances);
      // Show what was just opened: the first series of the first study added.
      const addedStudy = studies.find((s) => s.uid === instances[0]?.header.studyInstanceUID);
      return {
        studies,
        problems: [...state.problems, ...problems],
        activeSeriesUID: addedStudy?.series[0]?.uid ?? state.activeSeriesUID,
      };
    }),
  setLoading: (loading) => set({ loading }),
  openSeries: (uid) => set({ activeSeriesUID: uid }),
  setView: (view) => set({ view }),
  setPrimaryTool: (primaryTool) => set({ primaryTool }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  dismissProblems: () => set({ problems: [] }),
  closeAll: () => set({ studies: [], problems: [], activeSeriesUID: undefined, view: EMPTY_VIEW }),
}));

export function findSeries(studies: Study[], uid: string | undefined): { study: Study; series: Series } | undefined {
  for (const study of studies) {
    const series = study.series.find((s) => s.uid === uid);
    if (series) return { study, series };
  }
  return undefined;
}

export function allSeries(studies: Study[]): Series[] {
  return studies.flatMap((s) => s.series);
}

export function allInstances(studies: Study[]): LoadedInstance[] {
  return allSeries(studies).flatMap((s) => s.instances);
}
