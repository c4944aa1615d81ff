// `npm run bench:pacs`: a generated 600-slice 512×512 CT in a real Orthanc, opened through the PACS
// panel of the production build in headless Chromium, streamed (Lucent's way now) and retrieved whole
// (?pacsRetrieve=whole, the way before), side by side in one run: time to the first image, time to
// the whole series, peak page memory (JS heap and image cache) and stack-scroll frames/s; then the
// first image of the local chest radiograph. Usage: tsx scripts/bench/pacs.ts BASE_URL ORTHANC_PORT
import type { Page } from '@playwright/test';
import { makeLargeCt } from '../pacs/largeCt';
import { startOrthanc } from '../pacs/orthanc';
import { msToLit, newPage, watchMemory } from './page';

const base = process.argv[2] ?? 'http://127.0.0.1:4183/';
const port = Number(process.argv[3] ?? 8044);
const SLICES = 600;
/** Steps through every slice with the keyboard, waiting for each render: frames per second. */
function scrollFps(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid=viewport]')!;
    const count = Number(document.querySelector<HTMLInputElement>('[data-testid=slice-scrollbar]')!.max) + 1;
    const t0 = performance.now();
    for (let k = 1; k < count; k++) {
      const done = new Promise((resolve) => el.addEventListener('CORNERSTONE_IMAGE_RENDERED', resolve, { once: true }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
      await done;
    }
    return (count - 1) / ((performance.now() - t0) / 1000);
  });
}

async function measure(mode: 'stream' | 'whole') {
  const { browser, page } = await newPage();
  const query = `?pacs=${encodeURIComponent('/pacs-proxy/dicom-web')}${mode === 'whole' ? '&pacsRetrieve=whole' : ''}`;
  await page.goto(base + query);
  await page.getByLabel('Patient name').fill('Large');
  await page.getByRole('button', { name: 'Search' }).click();
  const open = page.getByTestId('pacs-study').filter({ hasText: 'LARGE0001' }).getByRole('button', { name: 'Open' });
  await open.waitFor();
  const peak = await watchMemory(page);
  const firstImage = await msToLit(page, () => open.click());
  // Where the first image's time went: the server's metadata answer (streaming only).
  const metadataMs = await page.evaluate(() => {
    const [start] = performance.getEntriesByName('lucent:open-requested');
    const [done] = performance.getEntriesByName('lucent:pacs-metadata');
    return start && done ? done.startTime - start.startTime : undefined;
  });
  // The whole series: every frame arrived (streaming), or already there (whole retrieval).
  const wholeSeries =
    mode === 'whole'
      ? firstImage
      : await page.evaluate(async (slices) => {
          const t0 = (window as unknown as { benchT0: number }).benchT0;
          await new Promise<void>((resolve) => {
            const poll = () =>
              document.querySelector('[data-testid=series-progress]')?.getAttribute('data-loaded') === String(slices)
                ? resolve()
                : setTimeout(poll, 50);
            poll();
          });
          return performance.now() - t0;
        }, SLICES);
  const fps = await scrollFps(page);
  const memory = await peak();
  await browser.close();
  return { firstImage, wholeSeries, fps, metadataMs, ...memory };
}

async function localRadiograph(): Promise<number[]> {
  const { browser, page } = await newPage();
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    await page.goto(base);
    const sample = page.getByTestId('sample-chest-dx');
    await sample.waitFor();
    times.push(await msToLit(page, () => sample.click()));
  }
  await browser.close();
  return times.sort((a, b) => a - b);
}

const orthanc = await startOrthanc(port);
try {
  const t0 = performance.now();
  await orthanc.storeBytes(makeLargeCt(SLICES));
  console.log(`Generated and stored a ${SLICES}-slice 512×512 CT in Orthanc in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const stream = await measure('stream');
  const whole = await measure('whole');
  const row = (label: string, s: number, w: number, unit: string, digits = 0) =>
    console.log(`| ${label} | ${s.toFixed(digits)} ${unit} | ${w.toFixed(digits)} ${unit} | ${(w / s).toFixed(2)}× |`);
  console.log('\n| PACS CT, 600 × 512² | streamed (now) | whole-study retrieval (before) | before / now |\n|---|---|---|---|');
  row('first image after Open', stream.firstImage, whole.firstImage, 'ms');
  row('whole series arrived', stream.wholeSeries, whole.wholeSeries, 'ms');
  row('peak JS heap', stream.heap, whole.heap, 'MiB');
  row('peak image cache', stream.cache, whole.cache, 'MiB');
  row('stack scrolling', stream.fps, whole.fps, 'frames/s', 1);
  if (stream.metadataMs !== undefined)
    console.log(
      `\nOf the streamed first image, ${stream.metadataMs.toFixed(0)} ms were the server's WADO-RS metadata answer ` +
        `for the ${SLICES} instances.`,
    );
  const local = await localRadiograph();
  console.log(
    `\nLocal chest radiograph (chest-dx), first image after a click: median ${local[2].toFixed(0)} ms ` +
      `(min ${local[0].toFixed(0)}, max ${local[4].toFixed(0)}, 5 runs)`,
  );
  console.log(
    `Targets: PACS first image ≤ 1000 ms: ${stream.firstImage <= 1000 ? 'PASS' : 'MISS'}; ` +
      `local radiograph ≤ 300 ms: ${local[2] <= 300 ? 'PASS' : 'MISS'}; ` +
      `scrolling ≥ 30 frames/s: ${stream.fps >= 30 ? 'PASS' : 'MISS'}`,
  );
} finally {
  await orthanc.stop();
}
