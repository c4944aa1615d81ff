// The footer's word on offline use: preparing (the site is being cached), ready, or why not.
import { useOfflineStore } from '../store/offlineStore';

const LABELS = {
  unavailable: 'Online only',
  preparing: 'Caching for offline use…',
  ready: 'Available offline',
  failed: 'Offline cache failed',
} as const;

export function OfflineStatus() {
  const { state, detail, applyUpdate } = useOfflineStore();
  return (
    <span data-testid="offline-status" data-state={state} title={detail} className={state === 'failed' ? 'text-red-300' : undefined}>
      {LABELS[state]}
      {applyUpdate && (
        <button type="button" onClick={applyUpdate} className="ml-2 rounded bg-sky-800 px-1.5 text-sky-100 hover:bg-sky-700">
          Update ready: reload
        </button>
      )}
    </span>
  );
}
