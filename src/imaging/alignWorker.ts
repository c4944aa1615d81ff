// Aligns two films off the UI thread (a few hundred milliseconds of arithmetic on large films).
import { alignFilms, type Film } from './align';

self.onmessage = (event: MessageEvent<{ prior: Film; current: Film }>) => {
  try {
    self.postMessage({ alignment: alignFilms(event.data.prior, event.data.current) });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
