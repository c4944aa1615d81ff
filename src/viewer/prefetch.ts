// Streaming a PACS series: frames load outward from the one on screen, as many as the image memory
// budget holds, at Cornerstone's prefetch priority (what the reader looks at goes first); switching
// series or study drops what is still queued. Arrivals are counted from the loader's events.
import { cache, Enums, eventTarget, imageLoader } from '@cornerstonejs/core';

export const MIB = 2 ** 20;
/** The image cache's default limit: leaves room for the page, the model and the OS on a 4 GB laptop. */
export const DEFAULT_CACHE_MB = 1024;

/** The image memory budget (MiB): `?cacheMB=` for tests and benchmarks, else the setting kept in this browser. */
export function cacheBudgetMB(): number {
  const fromUrl = Number(new URLSearchParams(location.search).get('cacheMB'));
  const saved = Number(localStorage.getItem('lucent-cache-mb'));
  return fromUrl > 0 ? fromUrl : saved > 0 ? saved : DEFAULT_CACHE_MB;
}

/** Keeps the reader's budget in this browser and applies it at once (far images are evicted to fit). */
export function saveCacheBudget(mb: number): void {
  localStorage.setItem('lucent-cache-mb', String(Math.round(mb)));
  applyCacheBudget();
}

export function applyCacheBudget(): void {
  cache.setMaxCacheSize(cacheBudgetMB() * MIB);
  // Read by the browser tests and `npm run bench:pacs`: what the image cache holds against its limit.
  (globalThis as { lucentImageCache?: unknown }).lucentImageCache = {
    bytes: () => cache.getCacheSize(),
    limit: () => cache.getMaxCacheSize(),
  };
}

/** Frames from `from` outward: from, from+1, from−1, from+2… */
export function outwardOrder(count: number, from: number): number[] {
  const order = [from];
  for (let d = 1; order.length < count; d++) {
    if (from + d < count) order.push(from + d);
    if (from - d >= 0) order.push(from - d);
  }
  return order;
}

/**
 * Prefetch requests in flight at once. Lucent queues the rest itself: Cornerstone's retrieval pool
 * would send every queued frame at once (it allows 200 prefetch requests), leaving nothing to cancel
 * and the reader's own scrolling behind them.
 */
const IN_FLIGHT = 6;
let queue: string[] = [];
let inFlight = 0;

function pump(): void {
  while (inFlight < IN_FLIGHT && queue.length) {
    const imageId = queue.shift()!;
    if (cache.getImageLoadObject(imageId)) continue;
    inFlight++;
    imageLoader
      .loadAndCacheImage(imageId, { priority: 5, requestType: Enums.RequestType.Prefetch })
      .catch(() => undefined) // a frame that fails is asked for again when it is shown, and said then
      .finally(() => {
        inFlight--;
        pump();
      });
  }
}

/** Drops the prefetch requests still queued (the few in flight finish). */
export function cancelPrefetch(): void {
  queue = [];
}

/** Prefetches up to `maxFrames` of a stack outward from `from`. */
export function prefetchStack(imageIds: string[], from: number, maxFrames: number): void {
  cancelPrefetch();
  queue = outwardOrder(imageIds.length, Math.max(0, Math.min(imageIds.length - 1, from)))
    .slice(0, maxFrames)
    .map((index) => imageIds[index]);
  pump();
}

/** Calls `onArrived(imageId)` for every image the loader finishes; returns the unsubscribe. */
export function onImageArrived(onArrived: (imageId: string) => void): () => void {
  const listener = (event: Event) => {
    const imageId = (event as CustomEvent<{ image?: { imageId?: string } }>).detail?.image?.imageId;
    if (imageId) onArrived(imageId);
  };
  eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, listener);
  return () => eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, listener);
}
