// Studies and their series as thumbnails; click to open.
import { useEffect, useRef } from 'react';
import type { Series, Study } from '../dicom/studies';
import { useStreamStore } from '../store/streamStore';
import { findSeries, firstImageSeries, useAppStore } from '../store/appStore';
import { drawThumbnail } from '../viewer/thumbnails';
import { openSeriesFromList } from '../app/layouts';
import { SERIES_DRAG_TYPE } from './ViewportCell';
import { formatDicomDate, formatPersonName } from './format';
import { PriorsList } from './PriorsList';

function Thumbnail({ series }: { series: Series }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const imageId = series.imageIds[Math.floor(series.imageIds.length / 2)];
  // Thumbnails decode after the main image is on screen: they share the decode workers with it.
  const viewerReady = useAppStore((s) => s.view.imageId !== undefined);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !imageId || !viewerReady) return;
    drawThumbnail(canvas, imageId).catch(() => {
      canvas.dataset.failed = 'true';
    });
  }, [imageId, viewerReady]);
  return (
    <div className="flex h-28 w-28 items-center justify-center overflow-hidden bg-black">
      <canvas ref={canvasRef} width={112} height={112} className="max-h-full max-w-full object-contain" />
    </div>
  );
}

/** Frames of a PACS series arrived so far, as a bar (absent for local series). */
function StreamProgress({ seriesUID }: { seriesUID: string }) {
  const progress = useStreamStore((s) => s.progress[seriesUID]);
  if (!progress) return null;
  const share = progress.total ? progress.loaded / progress.total : 0;
  return (
    <span
      data-testid="series-progress"
      data-loaded={progress.loaded}
      data-total={progress.total}
      title={`${progress.loaded} of ${progress.total} frames arrived`}
      className="h-1 w-full overflow-hidden rounded bg-neutral-800"
    >
      <span className="block h-full bg-sky-600" style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

function BudgetNote() {
  const note = useStreamStore((s) => s.budgetNote);
  return note ? (
    <p role="note" data-testid="budget-note" className="text-[11px] text-amber-300">
      {note}
    </p>
  ) : null;
}

/** Shows another study beside the current one for comparison (or closes it again). */
function OpenBeside({ study }: { study: Study }) {
  const isPrior = useAppStore((s) => s.priorStudyUID === study.uid);
  const openPrior = useAppStore((s) => s.openPrior);
  const closePrior = useAppStore((s) => s.closePrior);
  return (
    <button
      type="button"
      data-testid="open-beside"
      aria-pressed={isPrior}
      title={isPrior ? 'Shown beside the current study: click to close it' : 'Show this study beside the current one, to compare'}
      onClick={() => (isPrior ? closePrior() : openPrior(study.uid))}
      className={
        'mt-1 rounded px-2 py-0.5 text-[11px] ' +
        (isPrior ? 'bg-sky-700 text-white' : 'bg-neutral-800 text-neutral-200 hover:bg-neutral-700')
      }
    >
      Open beside
    </button>
  );
}

export function SeriesPanel() {
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const current = findSeries(studies, activeSeriesUID)?.study;
  const currentStudyUID = current?.uid;
  return (
    <nav aria-label="Series" className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto p-2">
      {current && <PriorsList study={current} />}
      {studies.map((study) => (
        <section key={study.uid} className="flex flex-col gap-2">
          <header className="text-xs text-neutral-400">
            <div className="truncate font-semibold text-neutral-200" title={formatPersonName(study.patientName)}>
              {formatPersonName(study.patientName) || 'Anonymous'}
            </div>
            <div className="truncate">{study.description}</div>
            <div>{formatDicomDate(study.date)}</div>
            {study.uid !== currentStudyUID && firstImageSeries(study) && <OpenBeside study={study} />}
          </header>
          {study.series.map((series) => (
            <button
              key={series.uid}
              type="button"
              data-testid="series-thumbnail"
              aria-pressed={series.uid === activeSeriesUID}
              title="Open (into the active viewport, when another than the first is), or drag onto a viewport"
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(SERIES_DRAG_TYPE, series.uid);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => openSeriesFromList(series.uid)}
              className={`flex flex-col items-center gap-1 rounded border p-1 text-[11px] ${
                series.uid === activeSeriesUID ? 'border-sky-500 bg-sky-950/40' : 'border-neutral-800 hover:border-neutral-600'
              }`}
            >
              <Thumbnail series={series} />
              <span className="w-full truncate text-neutral-300">
                {series.modality} {series.description || `Series ${series.number ?? ''}`}
              </span>
              <span className="text-neutral-400">
                {series.imageIds.length} image{series.imageIds.length === 1 ? '' : 's'}
              </span>
              <StreamProgress seriesUID={series.uid} />
            </button>
          ))}
        </section>
      ))}
      <BudgetNote />
    </nav>
  );
}
