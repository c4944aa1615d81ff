// The PACS the reader configured (DICOMweb root and authentication). The URL and the kind of
// authentication are remembered; a token or password is kept for this page only, never stored.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { PacsSettings } from '../dicom/dicomweb';

interface PacsState {
  settings: PacsSettings | undefined;
  setSettings: (settings: PacsSettings | undefined) => void;
}

export const PACS_STORAGE_KEY = 'lucent-pacs';

export const usePacsStore = create<PacsState>()(
  persist((set) => ({ settings: undefined, setSettings: (settings) => set({ settings }) }), {
    name: PACS_STORAGE_KEY,
    partialize: (s) => ({
      settings: s.settings && {
        url: s.settings.url,
        qidoUrl: s.settings.qidoUrl,
        wadoUrl: s.settings.wadoUrl,
        stowUrl: s.settings.stowUrl,
        auth: s.settings.auth,
        user: s.settings.user,
      },
    }),
  }),
);

/**
 * Deployments name their PACS in the page address: `?pacs=<DICOMweb root>` (and `&pacsAuth=bearer|basic`,
 * `&pacsQido=`, `&pacsWado=`, `&pacsStow=` for servers that split the services).
 * Read before the Content Security Policy is made, so the PACS origin is allowed from the first load.
 */
export function applyPacsUrlParameter(): void {
  const params = new URLSearchParams(location.search);
  const url = params.get('pacs');
  if (!url) return;
  const auth = params.get('pacsAuth');
  const optional = (name: string) => params.get(name) ?? undefined;
  usePacsStore.getState().setSettings({
    url,
    qidoUrl: optional('pacsQido'),
    wadoUrl: optional('pacsWado'),
    stowUrl: optional('pacsStow'),
    auth: auth === 'bearer' || auth === 'basic' ? auth : 'none',
  });
}
