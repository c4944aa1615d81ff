// Whether this site can work without a network: the production build's service worker precaches it.
import { create } from 'zustand';

export type OfflineState = 'unavailable' | 'preparing' | 'ready' | 'failed';

interface OfflineStatus {
  state: OfflineState;
  detail: string | undefined;
  /** Set when a newer version is cached and waits for a reload; calling it activates it and reloads. */
  applyUpdate: (() => void) | undefined;
}

export const useOfflineStore = create<OfflineStatus>(() => ({ state: 'unavailable', detail: undefined, applyUpdate: undefined }));
