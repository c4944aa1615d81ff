// Whether the reports reached IndexedDB. Kept apart from the report store: the report store's
// persistence reports here, and writing this state must not trigger another save.
import { create } from 'zustand';

export type SaveState = 'saved' | 'saving' | 'failed';

interface SaveStatus {
  state: SaveState;
  /** Why the last save failed, in words a reader can act on. */
  problem: string | undefined;
  savedAt: number | undefined;
}

export const useSaveStatus = create<SaveStatus>(() => ({ state: 'saved', problem: undefined, savedAt: undefined }));

/** The browser's refusal, said plainly: a full quota above all, which must never be swallowed. */
export function describeSaveError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String((error as Error)?.message ?? error))) {
    return (
      'the browser’s storage for this site is full. Your edits are kept on this page only: ' +
      'free space on the disk or in the browser’s stored site data, or export the report before closing the page.'
    );
  }
  return (
    `the browser refused to store the report (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}). ` +
    'Your edits are kept on this page only; export the report before closing the page.'
  );
}

let latest = 0;

/**
 * Run a save so that its progress and failure show in the UI instead of vanishing as an unhandled
 * rejection. Each save writes everything, so only the newest one's outcome is shown.
 */
export async function trackSave(save: () => Promise<void>): Promise<void> {
  const ticket = ++latest;
  useSaveStatus.setState({ state: 'saving' });
  try {
    await save();
    if (ticket === latest) useSaveStatus.setState({ state: 'saved', problem: undefined, savedAt: Date.now() });
  } catch (error) {
    if (ticket === latest) useSaveStatus.setState({ state: 'failed', problem: describeSaveError(error) });
  }
}
