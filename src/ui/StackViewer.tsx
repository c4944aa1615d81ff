// One image viewport with its corner overlays and slice scrollbar, driving its own ViewerController:
// the current study's (ViewerPane) and a prior's beside it (PriorPane) are two of these.
import { useEffect, useRef, useState } from 'react';
import type { Series, Study } from '../dicom/studies';
import { useAppStore } from '../store/appStore';
import { ViewerController } from '../viewer/ViewerController';
import type { ViewState } from '../viewer/viewState';
import type { DisplayWindow } from '../viewer/services/viewportGrid';
import { initCornerstone } from '../viewer/cornerstone';
import { bindReportOverlay } from '../viewer/reportOverlay';
import { reportOverlaySource } from '../app/reportOverlay';
import { CornerOverlays } from './CornerOverlays';

interface Props {
  /** The viewport element's test id ('viewport' for the current study). */
  testid: string;
  /** Names a second viewer's slice scrollbar apart from the current study's ('Prior'). */
  name?: string;
  study: Study | undefined;
  series: Series | undefined;
  /** The study whose report is drawn on the images (the current one, also beside a prior). */
  reportStudyUID: string | undefined;
  view: ViewState;
  onView: (view: ViewState) => void;
  /** The viewer once built (undefined when it goes). */
  onViewer?: (viewer: ViewerController | undefined) => void;
  /** Called each time a stack's first image is on screen. */
  onShown?: () => void;
  /** The window a stack opens with (a hanging protocol's lung window); none: the image's own. */
  openWindow?: DisplayWindow;
  /** Test ids of the corner overlays, for a viewport of the grid other than the current study's and a prior's. */
  overlayTestIdPrefix?: string;
}

export function StackViewer(props: Props) {
  const { testid, name, study, series, reportStudyUID, view, onView, onViewer, onShown, openWindow, overlayTestIdPrefix } = props;
  const elementRef = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<ViewerController>();
  const primaryTool = useAppStore((s) => s.primaryTool);
  // The viewer lives across renders; it reports through the latest callbacks.
  const callbacks = useRef({ onView, onViewer, onShown, openWindow });
  callbacks.current = { onView, onViewer, onShown, openWindow };

  useEffect(() => {
    let cancelled = false;
    let created: ViewerController | undefined;
    void initCornerstone().then(() => {
      // StrictMode unmounts once before the real mount: never build a viewer for that one.
      if (cancelled) return;
      created = new ViewerController(elementRef.current!, (v) => callbacks.current.onView(v));
      setViewer(created);
      callbacks.current.onViewer?.(created);
    });
    return () => {
      cancelled = true;
      if (created) callbacks.current.onViewer?.(undefined);
      created?.destroy();
    };
  }, []);

  useEffect(() => viewer?.setPrimaryTool(primaryTool), [viewer, primaryTool]);

  // The report on the image: regions, selection both ways, the explained finding's heat map.
  useEffect(
    () => (viewer && reportStudyUID ? bindReportOverlay(viewer, reportOverlaySource(reportStudyUID)) : undefined),
    [viewer, reportStudyUID],
  );

  const imageIds = series?.imageIds;
  useEffect(() => {
    if (!viewer || !imageIds?.length) return;
    // Radiographs and single images open as they are; stacks open at the first slice.
    void viewer.showStack(imageIds, 0).then(() => {
      const opening = callbacks.current.openWindow;
      if (opening) viewer.setWindow(opening.width, opening.center);
      callbacks.current.onShown?.();
    });
  }, [viewer, imageIds]);

  return (
    <div className="relative flex h-full min-h-0 min-w-0 flex-1 bg-black">
      <div className="relative h-full min-w-0 flex-1">
        <div
          ref={elementRef}
          data-testid={testid}
          data-slice-index={view.sliceIndex}
          data-image-id={view.imageId ?? ''}
          className="absolute inset-0 outline-none"
          tabIndex={-1}
        />
        {study && series && <CornerOverlays study={study} series={series} view={view} testIdPrefix={overlayTestIdPrefix} />}
        {view.error && (
          <div
            role="alert"
            className={
              'absolute inset-x-0 top-1/2 mx-auto w-fit max-w-[80%] -translate-y-1/2 rounded ' +
              'bg-red-950/90 px-4 py-2 text-sm text-red-200'
            }
          >
            This image could not be shown: {view.error}
          </div>
        )}
      </div>
      {view.sliceCount > 1 && (
        <div className="flex w-6 items-stretch justify-center border-l border-neutral-800 bg-neutral-950 py-2">
          <input
            type="range"
            aria-label={name ? `${name} slice` : 'Slice'}
            data-testid={name ? `${name.toLowerCase()}-slice-scrollbar` : 'slice-scrollbar'}
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
