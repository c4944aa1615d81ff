// MPR beside the stack, on a generated 600-slice 512×512 CT streamed from a test Orthanc, in headless
// Chromium against the production build, side by side in one run:
//  - stack (as today): first image after Open, scrolling frames/s, peak JS heap and image cache;
//  - MPR (the series opened, then MPR pressed at once): first image on all three planes, axial-plane
//    scrolling frames/s once the volume is in, crosshair-drag frames/s (the sagittal plane following a
//    line dragged on the axial), peak JS heap and image cache against the configured budget.
// Usage: tsx scripts/bench/mpr.ts BASE_URL ORTHANC_PORT
import type { Page } from '@playwright/test';
import { makeLargeCt } from '../pacs/largeCt';
import { startOrthanc } from '../pacs/orthanc';
import { msToLit, newPage, watchMemory } from './page';

const base = process.argv[2] ?? 'http://127.0.0.1:4183/';
const port = Number(process.argv[3] ?? 8045);
const SLICES = 600;
const PLANES = ['viewport-1', 'viewport-2', 'viewport-3'];

/** The large CT found in the PACS panel; returns its Open button. */
async function findStudy(page: Page) {
  await page.goto(`${base}?pacs=${encodeURIComponent('/pacs-proxy/dicom-web')}`);
  await page.getByLabel('Patient name').fill('Large');
  await page.getByRole('button', { name: 'Search' }).click();
  const open = page.getByTestId('pacs-study').filter({ hasText: 'LARGE0001' }).getByRole('button', { name: 'Open' });
  await open.waitFor();
  return open;
}

/** Steps `steps` slices with the keyboard on the active viewport, waiting for each render of `testid`: frames/s. */
function scrollFps(page: Page, testid: string, steps: number): Promise<number> {
  return page.evaluate(
    async ([id, n]) => {
      const el = document.querySelector(`[data-testid=${id}]`)!;
      const t0 = performance.now();
      for (let k = 0; k < n; k++) {
        const done = new Promise((resolve) => el.addEventListener('CORNERSTONE_IMAGE_RENDERED', resolve, { once: true }));
        window.dispatchEvent(new KeyboardEvent('keydown', { key: k < n / 2 ? 'ArrowDown' : 'ArrowUp' }));
        await done;
      }
      return n / ((performance.now() - t0) / 1000);
    },
    [testid, steps] as const,
  );
}

/** Drags the sagittal plane's line across the axial plane, each move waiting for the sagittal plane to render: frames/s. */
async function crosshairDragFps(page: Page, moves: number): Promise<number> {
  await page.keyboard.press('s');
  const box = (await page.getByTestId('viewport-1').boundingBox())!;
  const [x0, y] = [box.x + box.width / 2, box.y + box.height * 0.2];
  await page.mouse.move(x0, y);
  await page.mouse.down();
  const t0 = Date.now();
  for (let k = 1; k <= moves; k++) {
    const rendered = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.querySelector('[data-testid=viewport-3]')!.addEventListener('CORNERSTONE_IMAGE_RENDERED', resolve, { once: true }),
        ),
    );
    await page.mouse.move(x0 - (k * box.width * 0.3) / moves, y);
    await rendered;
  }
  const fps = moves / ((Date.now() - t0) / 1000);
  await page.mouse.up();
  return fps;
}

async function waitForVolume(page: Page): Promise<void> {
  await page.getByTestId('viewport-1-progress').waitFor({ state: 'detached', timeout: 600_000 });
}

async function measureStack() {
  const { browser, page } = await newPage();
  const open = await findStudy(page);
  const peak = await watchMemory(page);
  const firstImage = await msToLit(page, () => open.click());
  await page
    .getByTestId('series-progress')
    .and(page.locator(`[data-loaded="${SLICES}"]`))
    .waitFor({ timeout: 600_000 });
  const fps = await scrollFps(page, 'viewport', 200);
  const memory = await peak();
  const budget = await page.evaluate(() => (window as unknown as { lucentImageCache: { limit: () => number } }).lucentImageCache.limit());
  await browser.close();
  return { firstImage, fps, ...memory, budget: budget / 2 ** 20 };
}

async function measureMpr() {
  const { browser, page } = await newPage();
  const open = await findStudy(page);
  const peak = await watchMemory(page);
  await open.click();
  await page.getByTestId('mpr-button').waitFor();
  const firstImage = await msToLit(page, () => page.getByTestId('mpr-button').click(), PLANES);
  await waitForVolume(page);
  await page.getByTestId('viewport-1').click();
  const fps = await scrollFps(page, 'viewport-1', 200);
  const dragFps = await crosshairDragFps(page, 40);
  const memory = await peak();
  await browser.close();
  return { firstImage, fps, dragFps, ...memory };
}

const orthanc = await startOrthanc(port);
try {
  const t0 = performance.now();
  await orthanc.storeBytes(makeLargeCt(SLICES));
  console.log(`Generated and stored a ${SLICES}-slice 512×512 CT in Orthanc in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const stack = await measureStack();
  const mpr = await measureMpr();
  const volumeMiB = (SLICES * 512 * 512 * 2) / 2 ** 20;
  console.log('\n| PACS CT, 600 × 512², streamed | stack (axial) | MPR (3 planes) |\n|---|---|---|');
  console.log(`| first image after Open / MPR | ${stack.firstImage.toFixed(0)} ms | ${mpr.firstImage.toFixed(0)} ms (all three planes) |`);
  console.log(`| scrolling | ${stack.fps.toFixed(1)} frames/s | ${mpr.fps.toFixed(1)} frames/s (axial plane) |`);
  console.log(`| crosshair drag | — | ${mpr.dragFps.toFixed(1)} frames/s (sagittal following) |`);
  console.log(`| peak JS heap | ${stack.heap.toFixed(0)} MiB | ${mpr.heap.toFixed(0)} MiB |`);
  console.log(`| peak image cache | ${stack.cache.toFixed(0)} MiB | ${mpr.cache.toFixed(0)} MiB |`);
  console.log(
    `\nThe volume is ${volumeMiB.toFixed(0)} MiB of 16-bit voxels; the image memory budget is ${stack.budget.toFixed(0)} MiB: ` +
      `peak cache within it: ${mpr.cache <= stack.budget ? 'PASS' : 'MISS'}.`,
  );
} finally {
  await orthanc.stop();
}
