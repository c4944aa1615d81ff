// The viewer area: the viewport grid the hanging protocol lays out (src/app/viewportLayout.ts) — the
// current study's series, and a prior study's beside it when one is open — as the reader changed it
// (src/app/layouts.ts). The active viewport's viewer is the one the toolbar and the keys act on.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { activateViewport, showSeriesIn } from '../app/layouts';
import type { Series, Study } from '../dicom/studies';
import { findSeries, useAppStore } from '../store/appStore';
import type { ViewerController } from '../viewer/ViewerController';
import { setActiveViewer } from '../viewer/activeViewer';
import type { ImageViewer } from '../viewer/imageViewer';
import { gridOf, LAYOUTS, type Viewport } from '../viewer/services/viewportGrid';
import { OtherViewport } from './OtherViewport';
import { PriorPane } from './PriorPane';
import { StackViewer } from './StackViewer';
import { useViewportLayout } from './useViewportLayout';
import { ViewportCell } from './ViewportCell';
import { VolumeViewer } from './VolumeViewer';

const markShown = () => performance.mark('lucent:image-shown');
const FIRST = 'viewport-1';
/** The first viewport's plane in MPR, registered apart from the stack viewer it covers. */
const PLANE_OF_FIRST = 'viewport-1:plane';

type Register = (viewportId: string, viewer: ImageViewer | undefined) => void;

/** Each viewport's viewer, and the active one's published to the toolbar and the keys (the first's while it has none). */
function useViewerRegistry(activeViewportId: string): Register {
  const viewers = useRef(new Map<string, ImageViewer>());
  const active = useRef(activeViewportId);
  const publish = useCallback(() => {
    const first = viewers.current.get(PLANE_OF_FIRST) ?? viewers.current.get(FIRST);
    setActiveViewer(active.current === FIRST ? first : (viewers.current.get(active.current) ?? first));
  }, []);
  useEffect(() => {
    active.current = activeViewportId;
    publish();
  }, [activeViewportId, publish]);
  return useCallback(
    (viewportId, viewer) => {
      if (viewer) viewers.current.set(viewportId, viewer);
      else viewers.current.delete(viewportId);
      publish();
    },
    [publish],
  );
}

/** What every cell is drawn with. */
interface Cells {
  current: { study: Study; series: Series } | undefined;
  studies: Study[];
  /** The current study's viewer (a prior beside links to it). */
  mainViewer: ViewerController | undefined;
  /** The current study's stack viewer, and in MPR the first viewport's plane over it. */
  firstCell: ReactNode;
  /** The series the first viewport shows as a stack (none in MPR). */
  firstStackSeriesUID: string | undefined;
  register: Register;
}

export function ViewerPane() {
  const [mainViewer, setMainViewer] = useState<ViewerController>();
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const current = findSeries(studies, activeSeriesUID);
  const layout = useViewportLayout();
  const grid = layout?.grid ?? gridOf('1x1', []);
  const register = useViewerRegistry(grid.activeViewportId);

  const onMainViewer = useCallback(
    (created: ViewerController | undefined) => {
      register(FIRST, created);
      setMainViewer(created);
    },
    [register],
  );

  // The first viewport holds the current study's viewer, also before a series is open (it initialises
  // Cornerstone); the grid keeps it mounted as layouts change and a prior opens and closes beside it.
  const first = grid.viewports[0].displaySet;
  const shownFirst = first && findSeries(studies, first.seriesUID);
  const main = (
    <StackViewer
      testid="viewport"
      study={shownFirst?.study}
      series={shownFirst?.series}
      reportStudyUID={current?.study.uid}
      view={view}
      onView={setView}
      onViewer={onMainViewer}
      onShown={markShown}
      openWindow={first?.window}
    />
  );
  const plane = first?.volumePlane && first.orientation && shownFirst && (
    <VolumeViewer
      key={`${FIRST}:${shownFirst.series.uid}:plane`}
      testid={FIRST}
      {...shownFirst}
      orientation={first.orientation}
      window={first.window}
      reportStudyUID={current?.study.uid}
      onViewer={(viewer) => register(PLANE_OF_FIRST, viewer)}
    />
  );
  // In MPR the current study's viewer stays mounted (its report overlay, its measurements), hidden under the plane.
  const firstCell = (
    <div className="relative flex h-full min-h-0 min-w-0 flex-1">
      <div className={plane ? 'invisible absolute inset-0 flex' : 'flex h-full min-h-0 min-w-0 flex-1'}>{main}</div>
      {plane}
    </div>
  );
  const firstStackSeriesUID = plane ? undefined : shownFirst?.series.uid;
  const cells: Cells = { current, studies, mainViewer, firstCell, firstStackSeriesUID, register };

  const { rows, columns } = LAYOUTS[grid.layout];
  const several = grid.viewports.length > 1;
  return (
    <div
      data-testid="viewport-grid"
      data-layout={grid.layout}
      data-protocol={layout?.rule?.id ?? ''}
      data-active-viewport={grid.activeViewportId}
      className="relative grid h-full min-h-0 min-w-0 flex-1"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
    >
      {grid.viewports.map((viewport, index) => (
        <ViewportCell
          key={viewport.id}
          id={viewport.id}
          active={viewport.id === grid.activeViewportId}
          marked={several}
          label={`Viewport ${index + 1} of ${grid.viewports.length}`}
          onActivate={() => activateViewport(viewport.id)}
          onDropSeries={(seriesUID) => showSeriesIn(viewport.id, seriesUID)}
        >
          {cellFor(viewport, index, cells)}
        </ViewportCell>
      ))}
    </div>
  );
}

/** What one viewport of the grid shows. */
function cellFor(viewport: Viewport, index: number, cells: Cells): ReactNode {
  if (index === 0) return cells.firstCell;
  const displaySet = viewport.displaySet;
  const shown = displaySet && findSeries(cells.studies, displaySet.seriesUID);
  if (!displaySet || !shown) return <div data-testid={`${viewport.id}-empty`} className="h-full min-h-0 min-w-0 flex-1 bg-black" />;
  const onViewer = (viewer: ImageViewer | undefined) => cells.register(viewport.id, viewer);
  if (displaySet.role === 'prior' && cells.current)
    return (
      <PriorPane
        key={`${viewport.id}:${shown.study.uid}`}
        study={shown.study}
        series={shown.series}
        current={{ viewer: cells.mainViewer, series: cells.current.series, studyUID: cells.current.study.uid }}
        onViewer={onViewer}
        openWindow={displaySet.window}
      />
    );
  const reportStudyUID = cells.current?.study.uid;
  if (displaySet.orientation) return orientedCell(viewport, shown, cells, onViewer);
  return <OtherViewport key={viewport.id} id={viewport.id} {...shown} reportStudyUID={reportStudyUID} onViewer={onViewer} />;
}

/**
 * A viewport with a plane (displaySet.orientation): the plane reconstructed from the series' volume
 * (VolumeViewer, which says why and shows the stack where the series forms no volume). Beside the first
 * viewport's stack of the same series, the plane and the stack are linked (stackPlaneLink.ts).
 */
function orientedCell(
  viewport: Viewport,
  shown: { study: Study; series: Series },
  cells: Cells,
  onViewer: (viewer: ImageViewer | undefined) => void,
): ReactNode {
  const displaySet = viewport.displaySet!;
  const besideStack = cells.firstStackSeriesUID === shown.series.uid ? cells.mainViewer : undefined;
  return (
    <VolumeViewer
      key={`${viewport.id}:${shown.series.uid}:${displaySet.orientation}`}
      testid={viewport.id}
      {...shown}
      orientation={displaySet.orientation!}
      window={displaySet.window}
      reportStudyUID={cells.current?.study.uid}
      onViewer={onViewer}
      linkedStack={besideStack}
    />
  );
}
