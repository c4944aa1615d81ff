// Keeps PACS series streaming: when a series from the PACS comes on screen its frames are
// prefetched outward from the one shown, within the image memory budget (and the reader is told when
// the series is larger than it); another series or study cancels what is still queued. Counts the
// frames that have arrived, per series, for the progress bars.
import { findSeries, useAppStore } from '../store/appStore';
import { useStreamStore } from '../store/streamStore';
import { cacheBudgetMB, cancelPrefetch, MIB, onImageArrived, prefetchStack, saveCacheBudget } from '../viewer/prefetch';

export { DEFAULT_CACHE_MB } from '../viewer/prefetch';

/** Of the budget, the share prefetching may fill: the rest is for the images the reader scrolls to. */
const PREFETCH_SHARE = 0.8;

let watching = false;
const arrived = new Map<string, Set<string>>();
const seriesOfImage = new Map<string, string>();

function seriesFrameBytes(instances: { header: { rows: number; columns: number } }[]): number {
  const first = instances[0]?.header;
  // Decoded 16-bit greyscale, as Cornerstone keeps CT and radiographs.
  return first ? first.rows * first.columns * 2 : 0;
}

function onSeriesShown(): void {
  const { studies, activeSeriesUID, view } = useAppStore.getState();
  const active = findSeries(studies, activeSeriesUID);
  const ids = active?.series.imageIds ?? [];
  if (!active || !ids[0]?.startsWith('wadors:')) {
    cancelPrefetch();
    useStreamStore.getState().setBudgetNote('');
    return;
  }
  for (const id of ids) seriesOfImage.set(id, active.series.uid);
  const budgetMB = cacheBudgetMB();
  const frameBytes = seriesFrameBytes(active.series.instances);
  const fits = frameBytes ? Math.floor((budgetMB * MIB * PREFETCH_SHARE) / frameBytes) : ids.length;
  const seriesMB = Math.round((frameBytes * ids.length) / MIB);
  useStreamStore
    .getState()
    .setBudgetNote(
      fits < ids.length
        ? `This series (about ${seriesMB} MB) is larger than the image memory budget (${budgetMB} MB): ` +
            'the slices near the one on screen are kept, the others are fetched again as you scroll.'
        : '',
    );
  useStreamStore.getState().setProgress(active.series.uid, arrived.get(active.series.uid)?.size ?? 0, ids.length);
  prefetchStack(ids, Math.max(0, ids.indexOf(view.imageId ?? '')), fits);
}

/** Starts watching (once): series changes start and cancel prefetching; arrivals update the progress. */
export function watchStreaming(): void {
  if (watching) return;
  watching = true;
  let lastSeries: string | undefined;
  useAppStore.subscribe((s) => {
    if (s.activeSeriesUID === lastSeries) return;
    lastSeries = s.activeSeriesUID;
    onSeriesShown();
  });
  let pending = false;
  onImageArrived((imageId) => {
    const series = seriesOfImage.get(imageId);
    if (!series) return;
    const seen = arrived.get(series) ?? new Set<string>();
    seen.add(imageId);
    arrived.set(series, seen);
    if (pending) return;
    // A few progress updates a second keep React off the loading path.
    pending = true;
    setTimeout(() => {
      pending = false;
      for (const [uid, set] of arrived) {
        const total = useStreamStore.getState().progress[uid]?.total;
        if (total) useStreamStore.getState().setProgress(uid, set.size, total);
      }
    }, 100);
  });
  onSeriesShown();
}

/** The image memory budget (MiB) in force, for the settings. */
export const imageMemoryBudget = cacheBudgetMB;

/** A new budget from the settings: kept in this browser, applied now, the open series' note redone. */
export function setImageMemoryBudget(mb: number): void {
  saveCacheBudget(mb);
  if (watching) onSeriesShown();
}
