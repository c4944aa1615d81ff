// Another series in a viewport of the grid, with its own view state (as a prior's); its overlays' test ids
// carry the viewport's, so the current study's stay unique.
import { useState } from 'react';
import type { Series, Study } from '../dicom/studies';
import { EMPTY_VIEW } from '../store/appStore';
import type { ImageViewer } from '../viewer/imageViewer';
import type { DisplayWindow } from '../viewer/services/viewportGrid';
import type { ViewState } from '../viewer/viewState';
import { StackViewer } from './StackViewer';

interface OtherProps {
  id: string;
  study: Study;
  series: Series;
  reportStudyUID?: string;
  onViewer: (viewer: ImageViewer | undefined) => void;
  openWindow?: DisplayWindow;
}

/** Another series of the current study in a viewport of its own, with its own view state (as a prior's). */
export function OtherViewport({ id, study, series, reportStudyUID, onViewer, openWindow }: OtherProps) {
  const [view, setView] = useState<ViewState>(EMPTY_VIEW);
  return (
    <StackViewer
      testid={id}
      name={id}
      study={study}
      series={series}
      reportStudyUID={reportStudyUID}
      view={view}
      onView={setView}
      onViewer={onViewer}
      openWindow={openWindow}
      overlayTestIdPrefix={`${id}-`}
    />
  );
}
