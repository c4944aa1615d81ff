// Teaching: which finding is being explained, teaching mode, the ground truth of sample cases, the
// last comparison, and the resident's scores per case (kept in localStorage, so progress shows).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Comparison, ReferenceFinding } from '../teaching/compare';

export interface GroundTruth {
  imageId: string;
  /** Row, column spacing in mm of the image the boxes are on. */
  spacing: [number, number] | undefined;
  findings: ReferenceFinding[];
}

export interface Score {
  /** ISO 8601. */
  at: string;
  against: Comparison['against'];
  recall: number;
  precision: number;
  f1: number;
}

interface TeachingState {
  teachingMode: boolean;
  explainedFindingId: string | undefined;
  groundTruth: Record<string, GroundTruth>;
  comparison: { studyUID: string; result: Comparison } | undefined;
  /** Studies whose AI draft the resident has revealed (after comparing). */
  revealed: Record<string, boolean>;
  scores: Record<string, Score[]>;
  setTeachingMode: (on: boolean) => void;
  explain: (findingId: string | undefined) => void;
  setGroundTruth: (studyUID: string, truth: GroundTruth) => void;
  setComparison: (studyUID: string, result: Comparison | undefined) => void;
  reveal: (studyUID: string) => void;
}

/** Whether the model's findings are hidden for a study: in teaching mode, until the resident reveals them. */
export const hidesAiDraft = (s: Pick<TeachingState, 'teachingMode' | 'revealed'>, studyUID: string | undefined): boolean =>
  s.teachingMode && !(studyUID && s.revealed[studyUID]);

/** The findings a reader sees: the resident's own only while the AI draft is hidden. */
export const visibleFindings = <F extends { provenance: string }>(findings: F[], hideAi: boolean): F[] =>
  hideAi ? findings.filter((f) => f.provenance === 'human') : findings;

export const useTeachingStore = create<TeachingState>()(
  persist(
    (set) => ({
      teachingMode: false,
      explainedFindingId: undefined,
      groundTruth: {},
      comparison: undefined,
      revealed: {},
      scores: {},
      reveal: (studyUID) => set((s) => ({ revealed: { ...s.revealed, [studyUID]: true } })),
      setTeachingMode: (teachingMode) => set({ teachingMode, comparison: undefined, explainedFindingId: undefined }),
      explain: (explainedFindingId) => set({ explainedFindingId }),
      setGroundTruth: (studyUID, truth) => set((s) => ({ groundTruth: { ...s.groundTruth, [studyUID]: truth } })),
      setComparison: (studyUID, result) =>
        set((s) => {
          if (!result) return { comparison: undefined };
          const score: Score = {
            at: new Date().toISOString(),
            against: result.against,
            recall: result.recall,
            precision: result.precision,
            f1: result.f1,
          };
          return { comparison: { studyUID, result }, scores: { ...s.scores, [studyUID]: [...(s.scores[studyUID] ?? []), score] } };
        }),
    }),
    { name: 'lucent-teaching', partialize: (s) => ({ teachingMode: s.teachingMode, revealed: s.revealed, scores: s.scores }) },
  ),
);
