// The image viewport with its corner overlays and slice scrollbar.
import { useEffect, useRef, useState } from 'react';
import { findSeries, useAppStore } from '../store/appStore';
import { ViewerController } from '../viewer/ViewerController';
import { setActiveViewer } from '../viewer/activeViewer';
import { initCornerstone } from '../viewer/cornerstone';
import { useReportStore } from '../store/reportStore';
import { hidesAiDraft, useTeachingStore, visibleFindings } from '../store/teachingStore';
import { CornerOverlays } from './CornerOverlays';
import { findingColor } from './findingColors';
import { describeRegion } from './modelActions';
import { newId } from '../report/ids';

export function ViewerPane() {
  const elementRef = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<ViewerController>();
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const primaryTool = useAppStore((s) => s.primaryTool);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const active = findSeries(studies, activeSeriesUID);

  useEffect(() => {
    let cancelled = false;
    let created: ViewerController | undefined;
    void initCornerstone().then(() => {
      // StrictMode unmounts once before the real mount: never build a viewer for that one.
      if (cancelled) return;
      created = new ViewerController(elementRef.current!, setView);
      setActiveViewer(created);
      setViewer(created);
    });
    return () => {
      cancelled = true;
      setActiveViewer(undefined);
      created?.destroy();
    };
  }, [setView]);

  useEffect(() => viewer?.setPrimaryTool(primaryTool), [viewer, primaryTool]);

  // The open study's report regions on the image, and the selected finding, both ways.
  const studyUID = active?.study.uid;
  useEffect(() => {
    if (!viewer || !studyUID) return;
    let shownSelection: string | undefined;
    const layer = viewer.createRegionLayer({
      // Selected on the image: already in view, so no re-centring under the reader's pointer.
      onSelect: (findingId) => {
        shownSelection = findingId;
        useReportStore.getState().select(findingId);
      },
      onChange: (findingId, region) => useReportStore.getState().edit(studyUID, { type: 'setRegion', findingId, region }, `region:${region.id}`),
      onDrawn: (region) => {
        // A drawn region starts a finding of the reader's; the model proposes its sentence.
        const findingId = newId();
        const store = useReportStore.getState();
        store.edit(studyUID, { type: 'addFinding', finding: { id: findingId, text: '', regions: [region] } });
        store.select(findingId);
        // In teaching mode the resident writes the sentence: the model proposes nothing.
        if (!useTeachingStore.getState().teachingMode) void describeRegion(studyUID, findingId, region.imageId, region.box);
        return findingId;
      },
    });
    const update = () => {
      const { histories, selectedFindingId, hoveredFindingId } = useReportStore.getState();
      // Teaching mode hides the model's findings, regions included, until the resident reveals them.
      const findings = visibleFindings(histories[studyUID]?.present.content.findings ?? [], hidesAiDraft(useTeachingStore.getState(), studyUID));
      layer.sync(
        findings.flatMap((f, i) =>
          f.regions.map((r) => ({
            id: r.id,
            findingId: f.id,
            imageId: r.imageId,
            box: r.box,
            color: findingColor(i),
            dashed: f.decision === 'rejected' || !!r.proposed,
            emphasised: f.id === hoveredFindingId,
          })),
        ),
      );
      layer.select(selectedFindingId);
      if (selectedFindingId !== shownSelection) {
        shownSelection = selectedFindingId;
        // A newly selected finding: its first region's image, centred on the region.
        const region = findings.find((f) => f.id === selectedFindingId)?.regions[0];
        if (region) void viewer.showRegion(region.imageId, region.box);
      }
    };
    update();
    const unsubscribes = [useReportStore.subscribe(update), useTeachingStore.subscribe(update)];
    return () => {
      unsubscribes.forEach((u) => u());
      layer.destroy();
    };
  }, [viewer, studyUID]);

  // Where the model looked for the finding being explained.
  useEffect(() => {
    if (!viewer || !studyUID) return;
    const layer = viewer.createHeatmapLayer();
    const update = () => {
      const id = useTeachingStore.getState().explainedFindingId;
      const finding = useReportStore.getState().histories[studyUID]?.present.content.findings.find((f) => f.id === id);
      layer.show(finding?.evidence);
    };
    update();
    const unsubscribes = [useTeachingStore.subscribe(update), useReportStore.subscribe(update)];
    return () => {
      unsubscribes.forEach((u) => u());
      layer.dispose();
    };
  }, [viewer, studyUID]);

  const imageIds = active?.series.imageIds;
  useEffect(() => {
    if (!viewer || !imageIds?.length) return;
    // Radiographs and single images open as they are; stacks open at the first slice.
    void viewer.showStack(imageIds, 0).then(() => {
      performance.mark('lucent:image-shown');
    });
  }, [viewer, imageIds]);

  return (
    <div className="relative flex h-full min-h-0 flex-1 bg-black">
      <div className="relative h-full min-w-0 flex-1">
        <div
          ref={elementRef}
          data-testid="viewport"
          data-slice-index={view.sliceIndex}
          data-image-id={view.imageId ?? ''}
          className="absolute inset-0 outline-none"
          tabIndex={-1}
        />
        {active && <CornerOverlays study={active.study} series={active.series} view={view} />}
        {view.error && (
          <div role="alert" className="absolute inset-x-0 top-1/2 mx-auto w-fit max-w-[80%] -translate-y-1/2 rounded bg-red-950/90 px-4 py-2 text-sm text-red-200">
            This image could not be shown: {view.error}
          </div>
        )}
      </div>
      {view.sliceCount > 1 && (
        <div className="flex w-6 items-stretch justify-center border-l border-neutral-800 bg-neutral-950 py-2">
          <input
            type="range"
            aria-label="Slice"
            data-testid="slice-scrollbar"
            min={0}
            max={view.sliceCount - 1}
            value={view.sliceIndex}
            onChange={(e) => viewer?.scrollTo(Number(e.target.value))}
            className="h-full w-4 cursor-pointer accent-sky-500 [direction:ltr] [writing-mode:vertical-lr]"
          />
        </div>
      )}
    </div>
  );
}
