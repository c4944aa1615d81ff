// The image viewport with its corner overlays and slice scrollbar.
import { useEffect, useRef, useState } from 'react';
import { findSeries, useAppStore } from '../store/appStore';
import { ViewerController } from '../viewer/ViewerController';
import { setActiveViewer } from '../viewer/activeViewer';
import { initCornerstone } from '../viewer/cornerstone';
import { bindReportOverlay } from '../viewer/reportOverlay';
import { reportOverlaySource } from '../app/reportOverlay';
import { CornerOverlays } from './CornerOverlays';

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

  // The open study's report on the image: regions, selection both ways, the explained finding's heat map.
  const studyUID = active?.study.uid;
  useEffect(() => (viewer && studyUID ? bindReportOverlay(viewer, reportOverlaySource(studyUID)) : undefined), [viewer, studyUID]);

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
