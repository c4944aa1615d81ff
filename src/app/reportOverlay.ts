// The report overlay's source for one study: what the report and teaching stores say is on the
// image (teaching mode hides the model's findings, regions included, until the resident reveals
// them), and where the reader's selections, moves and drawings go.
import { drawnFindings } from '../report/content';
import { useReportStore } from '../store/reportStore';
import { hidesAiDraft, useTeachingStore, visibleFindings } from '../store/teachingStore';
import type { OverlaySource } from '../viewer/reportOverlay';
import { addDrawnFinding } from './reportCommands';
import { changeRegion } from './measurements';
import { selectFinding } from './reportSession';

export function reportOverlaySource(studyUID: string): OverlaySource {
  return {
    read: () => {
      const { histories, selectedFindingId, hoveredFindingId } = useReportStore.getState();
      const teaching = useTeachingStore.getState();
      const report = histories[studyUID]?.present;
      const all = report ? drawnFindings(report) : [];
      return {
        findings: visibleFindings(all, hidesAiDraft(teaching, studyUID)),
        selectedFindingId,
        hoveredFindingId,
        explainedEvidence: all.find((f) => f.id === teaching.explainedFindingId)?.evidence,
      };
    },
    subscribe: (listener) => {
      const unsubscribes = [useReportStore.subscribe(listener), useTeachingStore.subscribe(listener)];
      return () => unsubscribes.forEach((u) => u());
    },
    onSelect: selectFinding,
    onChange: (findingId, region) => changeRegion(studyUID, findingId, region),
    onDrawn: (region) => addDrawnFinding(studyUID, region),
  };
}
