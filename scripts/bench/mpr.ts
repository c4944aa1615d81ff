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

/** A render of the viewport, or false after 3 s (a missed frame is counted, not waited for). */
const RENDERED_OR_TIMEOUT = `(id) => new Promise((resolve) => {
  const el = document.querySelector('[data-testid=' + id + ']');
  const timer = setTimeout(() => resolve(false), 3000);
  el.addEventListener('CORNERSTONE_IMAGE_RENDERED', () => { clearTimeout(timer); resolve(true); }, { once: true });
})`;

/** Steps `steps` slices with the keyboard on the active viewport, waiting for each render of `testid`: frames/s and missed frames. */
function scrollFps(page: Page, testid: string, steps: number): Promise<{ fps: number; missed: number }> {
  return page.evaluate(
    async ([id, n, rendered]) => {
      const waitRender = eval(rendered) as (id: string) => Promise<boolean>;
      let missed = 0;
      const t0 = performance.now();
      for (let k = 0; k < n; k++) {
        const done = waitRender(id);
        window.dispatchEvent(new KeyboardEvent('keydown', { key: k < n / 2 ? 'ArrowDown' : 'ArrowUp' }));
        if (!(await done)) missed++;
      }
      return { fps: (n - missed) / ((performance.now() - t0) / 1000), missed };
    },
    [testid, steps, RENDERED_OR_TIMEOUT] as const,
  );
}

/** Drags the sagittal plane's line across the axial plane, each move waiting for the sagittal plane to render: frames/s. */
async function crosshairDragFps(page: Page, moves: number): Promise<{ fps: number; missed: number }> {
  await page.keyboard.press('s');
  const box = (await page.getByTestId('viewport-1').boundingBox())!;
  const [x0, y] = [box.x + box.width / 2, box.y + box.height * 0.2];
  await page.mouse.move(x0, y);
  await page.mouse.down();
  let missed = 0;
  const t0 = Date.now();
  for (let k = 1; k <= moves; k++) {
    const rendered = page.evaluate(([waitRender]) => (eval(waitRender) as (id: string) => Promise<boolean>)('viewport-3'), [
      RENDERED_OR_TIMEOUT,
    ] as const);
    await page.mouse.move(x0 - (k * box.width * 0.3) / moves, y);
    if (!(await rendered)) missed++;
  }
  const fps = (moves - missed) / ((Date.now() - t0) / 1000);
  await page.mouse.up();
  return { fps, missed };
}

async function waitForVolume(page: Page): Promise<void> {
  await page.getByTestId('viewport-1-progress').waitFor({ state: 'detached', timeout: 600_000 });
}

/** Progress on stderr, so that a slow stage shows where the time goes. */
const stage = (text: string) => console.error(`  … ${text}`);

async function measureStack() {
  const { browser, page } = await newPage();
  stage('stack: opening the series');
  const open = await findStudy(page);
  const peak = await watchMemory(page);
  const firstImage = await msToLit(page, () => open.click());
  stage('stack: waiting for every frame');
  // The progress bar is an empty element: attached, never "visible" to Playwright.
  await page
    .getByTestId('series-progress')
    .and(page.locator(`[data-loaded="${SLICES}"]`))
    .waitFor({ state: 'attached', timeout: 600_000 });
  stage('stack: scrolling');
  const { fps } = await scrollFps(page, 'viewport', 200);
  const memory = await peak();
  const budget = await page.evaluate(() => (window as unknown as { lucentImageCache: { limit: () => number } }).lucentImageCache.limit());
  await browser.close();
  return { firstImage, fps, ...memory, budget: budget / 2 ** 20 };
}

async function measureMpr() {
  const { browser, page } = await newPage();
  stage('MPR: opening the series, then MPR');
  const open = await findStudy(page);
  const peak = await watchMemory(page);
  await open.click();
  await page.getByTestId('mpr-button').waitFor();
  const firstImage = await msToLit(page, () => page.getByTestId('mpr-button').click(), PLANES);
  stage('MPR: waiting for the volume');
  await waitForVolume(page);
  stage('MPR: scrolling and dragging');
  await page.getByTestId('viewport-1').click();
  const scroll = await scrollFps(page, 'viewport-1', 100);
  stage(`MPR: scrolled (${scroll.missed} frames missed); dragging the crosshairs`);
  const drag = await crosshairDragFps(page, 30);
  const memory = await peak();
  await browser.close();
  return { firstImage, fps: scroll.fps, scrollMissed: scroll.missed, dragFps: drag.fps, dragMissed: drag.missed, ...memory };
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
  if (mpr.scrollMissed || mpr.dragMissed)
    console.log(`\n${mpr.scrollMissed} scroll steps and ${mpr.dragMissed} drag moves drew no frame within 3 s (not counted).`);
  console.log(
    `\nThe volume is ${volumeMiB.toFixed(0)} MiB of 16-bit voxels; the image memory budget is ${stack.budget.toFixed(0)} MiB: ` +
      `peak cache within it: ${mpr.cache <= stack.budget ? 'PASS' : 'MISS'}.`,
  );
} finally {
  await orthanc.stop();
}
