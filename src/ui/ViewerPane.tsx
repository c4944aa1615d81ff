// The viewer area: the viewport grid the hanging protocol lays out (src/app/viewportLayout.ts) — the
// current study's series, and a prior study's beside it when one is open.
import { useCallback, useMemo, useState } from 'react';
import { viewportLayout } from '../app/viewportLayout';
import type { Series, Study } from '../dicom/studies';
import { EMPTY_VIEW, findSeries, useAppStore } from '../store/appStore';
import type { ViewerController } from '../viewer/ViewerController';
import type { ViewState } from '../viewer/viewState';
import { setActiveViewer } from '../viewer/activeViewer';
import { gridOf, LAYOUTS, type Viewport } from '../viewer/services/viewportGrid';
import { PriorPane } from './PriorPane';
import { StackViewer } from './StackViewer';

const markShown = () => performance.mark('lucent:image-shown');

export function ViewerPane() {
  const [viewer, setViewer] = useState<ViewerController>();
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const priorStudyUID = useAppStore((s) => s.priorStudyUID);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const active = findSeries(studies, activeSeriesUID);
  const layout = useMemo(() => viewportLayout({ studies, activeSeriesUID, priorStudyUID }), [studies, activeSeriesUID, priorStudyUID]);

  // Toolbar buttons and keyboard shortcuts act on the current study's viewer, also beside a prior.
  const onViewer = useCallback((created: ViewerController | undefined) => {
    setActiveViewer(created);
    setViewer(created);
  }, []);

  // The first viewport holds the current study's viewer, also before a series is open (it initialises
  // Cornerstone); the grid keeps it mounted as a prior opens and closes beside it.
  const cell = (viewport: Viewport, index: number) => {
    const shown = viewport.displaySet && findSeries(studies, viewport.displaySet.seriesUID);
    if (shown && active && viewport.displaySet?.role === 'prior')
      return (
        <PriorPane
          key={`${viewport.id}:${shown.study.uid}`}
          study={shown.study}
          series={shown.series}
          current={{ viewer, series: active.series, studyUID: active.study.uid }}
        />
      );
    if (index > 0 && shown) return <OtherViewport key={viewport.id} id={viewport.id} {...shown} reportStudyUID={active?.study.uid} />;
    if (index > 0) return <div key={viewport.id} data-testid={`${viewport.id}-empty`} className="h-full min-h-0 min-w-0 bg-black" />;
    return (
      <StackViewer
        key={viewport.id}
        testid="viewport"
        study={shown?.study}
        series={shown?.series}
        reportStudyUID={active?.study.uid}
        view={view}
        onView={setView}
        onViewer={onViewer}
        onShown={markShown}
      />
    );
  };

  const grid = layout?.grid ?? gridOf('1x1', []);
  const { rows, columns } = LAYOUTS[grid.layout];
  return (
    <div
      data-testid="viewport-grid"
      data-layout={grid.layout}
      data-protocol={layout?.rule?.id ?? ''}
      className="relative grid h-full min-h-0 min-w-0 flex-1"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
    >
      {grid.viewports.map(cell)}
    </div>
  );
}

/** Another series of the current study in a viewport of its own, with its own view state (as a prior's). */
function OtherViewport({ id, study, series, reportStudyUID }: { id: string; study: Study; series: Series; reportStudyUID?: string }) {
  const [view, setView] = useState<ViewState>(EMPTY_VIEW);
  return <StackViewer testid={id} name={id} study={study} series={series} reportStudyUID={reportStudyUID} view={view} onView={setView} />;
}
