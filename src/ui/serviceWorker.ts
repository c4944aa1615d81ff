// Registers the service worker that vite-plugin-pwa (Workbox) generates for the production build
// and reports its progress: once everything is precached, Lucent works offline.
import { registerSW } from 'virtual:pwa-register';
import { useOfflineStore } from '../store/offlineStore';
import { errorMessage } from '../util/errorMessage';

export function startServiceWorker(): void {
  const set = useOfflineStore.setState;
  if (!import.meta.env.PROD) return set({ state: 'unavailable', detail: 'the development server does not install the offline cache' });
  if (!('serviceWorker' in navigator))
    return set({ state: 'unavailable', detail: 'this browser or page (not a secure context?) has no service workers' });
  set({ state: 'preparing' });
  const updateSW = registerSW({
    immediate: true,
    onOfflineReady: () => set({ state: 'ready' }),
    onNeedRefresh: () => set({ applyUpdate: () => void updateSW(true) }),
    // On later visits the worker is already installed and in control: nothing new to precache.
    onRegisteredSW: (_url, registration) => {
      if (registration?.active && navigator.serviceWorker.controller) set({ state: 'ready' });
    },
    onRegisterError: (error: unknown) => set({ state: 'failed', detail: errorMessage(error) }),
  });
}
