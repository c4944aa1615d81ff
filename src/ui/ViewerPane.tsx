// The viewer area: the current study's viewport, and a prior study's beside it when one is open.
import { useCallback, useState } from 'react';
import { findSeries, firstImageSeries, useAppStore } from '../store/appStore';
import type { ViewerController } from '../viewer/ViewerController';
import { setActiveViewer } from '../viewer/activeViewer';
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
  const prior = studies.find((s) => s.uid === priorStudyUID);
  const priorSeries = prior && firstImageSeries(prior);

  // Toolbar buttons and keyboard shortcuts act on the current study's viewer, also beside a prior.
  const onViewer = useCallback((created: ViewerController | undefined) => {
    setActiveViewer(created);
    setViewer(created);
  }, []);

  return (
    <div className="relative flex h-full min-h-0 min-w-0 flex-1">
      <StackViewer
        testid="viewport"
        study={active?.study}
        series={active?.series}
        reportStudyUID={active?.study.uid}
        view={view}
        onView={setView}
        onViewer={onViewer}
        onShown={markShown}
      />
      {prior && priorSeries && active && (
        <PriorPane
          key={prior.uid}
          study={prior}
          series={priorSeries}
          current={{ viewer, series: active.series, studyUID: active.study.uid }}
        />
      )}
    </div>
  );
}
