// The PACS panel over an open study (the start screen has its own): search and open another study
// without leaving the one on screen; opening closes the dialog.
import { useEffect, useState } from 'react';
import { useAppStore } from '../store/appStore';
import { usePacsStore } from '../store/pacsStore';
import { Dialog } from './Dialog';
import { PacsPanel } from './PacsPanel';

export function PacsButton() {
  const [open, setOpen] = useState(false);
  const hasStudy = useAppStore((s) => s.studies.length > 0);
  const configured = usePacsStore((s) => !!s.settings);
  const studyCount = useAppStore((s) => s.studies.length);
  const [countWhenOpened, setCountWhenOpened] = useState(0);
  // A study opened from the dialog closes it.
  useEffect(() => {
    if (studyCount > countWhenOpened) setOpen(false);
  }, [studyCount, countWhenOpened]);
  if (!hasStudy || !configured) return null;
  return (
    <>
      <button
        type="button"
        data-testid="pacs-open"
        title="Search the PACS and open another study"
        className="rounded px-2 py-1 text-xs text-neutral-300 hover:bg-neutral-800"
        onClick={() => {
          setCountWhenOpened(studyCount);
          setOpen(true);
        }}
      >
        PACS
      </button>
      {open && (
        <Dialog label="PACS" onClose={() => setOpen(false)} className="max-h-[85vh] w-[44rem] overflow-y-auto">
          <PacsPanel />
        </Dialog>
      )}
    </>
  );
}
