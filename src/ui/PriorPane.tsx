// A prior study beside the current one: its first image series in a second viewer, under a header
// bar with the link and close buttons. The current study's report is drawn on it too (comparison
// findings have regions on the prior's images); its view state stays here, apart from the store's.
import { useState } from 'react';
import type { Series, Study } from '../dicom/studies';
import { EMPTY_VIEW, useAppStore } from '../store/appStore';
import type { ViewerController } from '../viewer/ViewerController';
import type { ViewState } from '../viewer/viewState';
import type { DisplayWindow } from '../viewer/services/viewportGrid';
import { usePriorLink } from './usePriorLink';
import { besideAs, readStudyBeside } from '../app/priors';
import { StackViewer } from './StackViewer';
import { formatDicomDate } from './format';
import { PriorReport } from './PriorReport';

interface Props {
  study: Study;
  series: Series;
  /** The current study's viewer and the series it shows. */
  current: { viewer: ViewerController | undefined; series: Series; studyUID: string };
  /** The prior's viewer once built (undefined when it goes), for the grid's active viewport. */
  onViewer?: (viewer: ViewerController | undefined) => void;
  /** The window it opens with (a hanging rule's); linked, the current viewer takes it too. */
  openWindow?: DisplayWindow;
}

/** Why a study beside is not compared with, in words. */
const NOT_COMPARED = {
  newer: 'This study is newer than the one you are reading: Lucent compares only with an earlier study.',
  'same day': 'Both studies are of the same day and their times do not tell which came first: Lucent compares with neither.',
  'other patient': "This is another patient's study: Lucent compares only with the same patient's earlier study.",
} as const;

export function PriorPane({ study, series, current, onViewer, openWindow }: Props) {
  const [view, setView] = useState<ViewState>(EMPTY_VIEW);
  const [viewer, setViewer] = useState<ViewerController>();
  const [linked, setLinked] = useState(true);
  const closePrior = useAppStore((s) => s.closePrior);
  const currentImageId = useAppStore((s) => s.view.imageId);
  const scrolls = usePriorLink(linked, { ...current, imageId: currentImageId }, { viewer, series, imageId: view.imageId });

  const linkTitle = linked
    ? `Linked: window/level, zoom and pan${scrolls ? ', scrolling' : ' (scrolling only links series of the same geometry)'}.` +
      ' Click to unlink.'
    : 'Link window/level, zoom and pan (and scrolling, for series of the same geometry)';
  const button = 'rounded px-2 py-0.5 text-[11px]';
  const currentStudy = useAppStore((s) => s.studies.find((x) => x.uid === current.studyUID));
  const as = currentStudy ? besideAs(study, currentStudy) : 'prior';
  const role = { prior: 'Prior', newer: 'Newer', 'same day': 'Same day', 'other patient': 'Other patient' }[as];
  return (
    <section
      aria-label="Prior study"
      data-testid="prior-pane"
      className="flex h-full min-h-0 min-w-0 flex-1 flex-col border-l-2 border-neutral-700"
    >
      <header className="flex h-7 shrink-0 items-center gap-2 border-b border-neutral-800 bg-neutral-900 px-2 text-xs text-neutral-300">
        <span data-testid="prior-title" className="min-w-0 flex-1 truncate" title={study.description}>
          {role} · {series.modality} {formatDicomDate(study.date)} · {study.description || 'Study'}
        </span>
        <button
          type="button"
          data-testid="prior-link"
          data-scroll-linked={linked && scrolls}
          aria-pressed={linked}
          title={linkTitle}
          onClick={() => setLinked(!linked)}
          className={`${button} ${linked ? 'bg-sky-700 text-white' : 'bg-neutral-800 text-neutral-200 hover:bg-neutral-700'}`}
        >
          Link
        </button>
        <button
          type="button"
          data-testid="prior-close"
          aria-label="Close prior"
          title="Close the prior study"
          onClick={closePrior}
          className={`${button} bg-neutral-800 text-neutral-200 hover:bg-neutral-700`}
        >
          ✕
        </button>
      </header>
      {as !== 'prior' && (
        <p
          role="note"
          data-testid="prior-order-note"
          className="flex items-center gap-2 bg-amber-950/80 px-2 py-1 text-[11px] text-amber-200"
        >
          <span className="flex-1">{NOT_COMPARED[as]}</span>
          {as === 'newer' && (
            <button
              type="button"
              data-testid="read-newer"
              onClick={readStudyBeside}
              className="rounded bg-amber-800 px-2 py-0.5 text-white hover:bg-amber-700"
            >
              Read this one, the other as prior
            </button>
          )}
        </p>
      )}
      <StackViewer
        testid="prior-viewport"
        name="Prior"
        study={study}
        series={series}
        reportStudyUID={current.studyUID}
        view={view}
        onView={setView}
        openWindow={openWindow}
        onViewer={(created) => {
          setViewer(created);
          onViewer?.(created);
        }}
      />
      <PriorReport studyUID={study.uid} />
    </section>
  );
}
