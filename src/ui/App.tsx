import { useEffect, useState, type DragEvent } from 'react';
import { useAppStore } from '../store/appStore';
import { HelpPanel } from './HelpPanel';
import { TextRequestDialog } from './TextRequestDialog';
import { LoadProblems } from './LoadProblems';
import { ModelSettings } from './ModelSettings';
import { ReportingSettings } from './ReportingSettings';
import { OfflineStatus } from './OfflineStatus';
import { ReportPanel } from './report/ReportPanel';
import { SeriesPanel } from './SeriesPanel';
import { MeasurementsPanel } from './MeasurementsPanel';
import { StartScreen } from './StartScreen';
import { Toolbar } from './Toolbar';
import { ViewerPane } from './ViewerPane';
import { handleShortcut } from './shortcuts';
import { openDroppedFiles } from '../app/loading';
import { initCornerstone } from '../viewer/cornerstone';
import { SERIES_DRAG_TYPE } from './ViewportCell';

export function App() {
  const hasStudy = useAppStore((s) => s.studies.length > 0);
  const loading = useAppStore((s) => s.loading);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // Start Cornerstone while the reader picks a study, not after.
    void initCornerstone();
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, []);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    await openDroppedFiles(event.dataTransfer);
  };

  return (
    <div
      className="relative flex h-full flex-col"
      data-testid="app"
      onDragOver={(e) => {
        // A series dragged from the series list onto a viewport is no file to open.
        if (e.dataTransfer.types.includes(SERIES_DRAG_TYPE)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <Toolbar />
      <main className="flex min-h-0 flex-1">
        {/* Series above, measurements below: one column of fixed width, so the viewer never moves under a drawing pointer. */}
        {hasStudy && (
          <div className="flex w-44 shrink-0 flex-col border-r border-neutral-800 bg-neutral-950">
            <SeriesPanel />
            <MeasurementsPanel />
          </div>
        )}
        {/* The viewer is mounted from the start (under the start screen) so its WebGL context is ready before the first study. */}
        <div className="relative flex min-w-0 flex-1">
          <ViewerPane />
          {!hasStudy && (
            <div className="absolute inset-0 z-10 flex bg-neutral-950">
              <StartScreen />
            </div>
          )}
        </div>
        {hasStudy && <ReportPanel />}
      </main>
      <footer className="flex h-6 shrink-0 items-center gap-4 border-t border-neutral-800 bg-neutral-900 px-3 text-[11px] text-neutral-400">
        <span className="text-amber-300">Not for clinical use — research and demonstration software.</span>
        <span>Images never leave this browser.</span>
        <OfflineStatus />
        {loading && (
          <span data-testid="loading" className="ml-auto">
            Loading {loading.label}: {loading.done}/{loading.total}
          </span>
        )}
      </footer>
      <LoadProblems />
      <HelpPanel />
      <TextRequestDialog />
      <ModelSettings />
      <ReportingSettings />
      {dragging && (
        <div
          className={
            'pointer-events-none absolute inset-0 z-40 flex items-center justify-center ' +
            'border-4 border-dashed border-sky-500 bg-sky-950/40 text-lg text-sky-200'
          }
        >
          Drop DICOM files, folders or .zip archives
        </div>
      )}
    </div>
  );
}
