// Reports kept as documents (Encapsulated PDFs) by study, for the reader to open: the priors list
// offers a prior's PDF report.
import { create } from 'zustand';
import type { StudyDocument } from '../report/import/document';

interface DocumentState {
  byStudy: Record<string, StudyDocument[]>;
  add: (documents: StudyDocument[]) => void;
}

export const useDocumentStore = create<DocumentState>()((set) => ({
  byStudy: {},
  add: (documents) =>
    set((state) => {
      const byStudy = { ...state.byStudy };
      for (const d of documents) {
        const kept = byStudy[d.studyUID] ?? [];
        // The same instance opened twice is kept once.
        if (!kept.some((k) => k.sopInstanceUID === d.sopInstanceUID)) byStudy[d.studyUID] = [...kept, d];
      }
      return { byStudy };
    }),
}));
