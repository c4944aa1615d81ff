// What the PACS and MPR benchmarks share: a headless Chromium page with precise memory figures, the
// page's peak JS heap and image cache, and the time until viewports show a lit image.
import { chromium, type Page } from '@playwright/test';

const args = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-precise-memory-info',
];

/** A page whose evaluated functions run as tsx compiled them (esbuild names functions with a `__name` helper). */
export async function newPage() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  await page.addInitScript('window.__name = (f) => f');
  return { browser, page };
}

/** Peak JS heap and image cache (MiB), sampled in the page every 100 ms from now on. */
export async function watchMemory(page: Page): Promise<() => Promise<{ heap: number; cache: number }>> {
  await page.evaluate(() => {
    const w = window as unknown as { benchPeak: { heap: number; cache: number }; lucentImageCache?: { bytes: () => number } };
    w.benchPeak = { heap: 0, cache: 0 };
    setInterval(() => {
      const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
      w.benchPeak.heap = Math.max(w.benchPeak.heap, heap);
      w.benchPeak.cache = Math.max(w.benchPeak.cache, w.lucentImageCache?.bytes() ?? 0);
    }, 100);
  });
  return () =>
    page.evaluate(() => {
      const p = (window as unknown as { benchPeak: { heap: number; cache: number } }).benchPeak;
      return { heap: p.heap / 2 ** 20, cache: p.cache / 2 ** 20 };
    });
}

/** In the page: ms from `start()` until every viewport named shows a lit image (over 5 % of its canvas). */
export async function msToLit(page: Page, start: () => Promise<void>, testids: string[] = ['viewport']): Promise<number> {
  await page.evaluate(() => ((window as unknown as { benchT0: number }).benchT0 = performance.now()));
  await start();
  return page.evaluate(async (ids) => {
    const lit = (id: string) => {
      const canvas = document.querySelector(`[data-testid=${id}] canvas`) as HTMLCanvasElement | null;
      if (!canvas || canvas.width === 0) return false;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 64) if (data[i] > 16) n++;
      return n / (data.length / 64) > 0.05;
    };
    await new Promise<void>((resolve) => {
      const poll = () => (ids.every(lit) ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    return performance.now() - (window as unknown as { benchT0: number }).benchT0;
  }, testids);
}
