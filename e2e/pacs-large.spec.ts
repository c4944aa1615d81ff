// A 600-slice 512×512 CT from the test Orthanc (made here, never committed) streams: its first image
// shows before half its frames have arrived, the last slice can be scrolled to, the image cache keeps
// to a low budget, and opening another study cancels the frames still queued.
import { expect, test, type Page } from '@playwright/test';
import { ORTHANC_PORT } from '../playwright.config';
import { expectImageShown, findAndOpen, sliceText } from './helpers';
import { makeLargeCt } from '../scripts/pacs/largeCt';
import { startOrthanc, type Orthanc } from '../scripts/pacs/orthanc';

const PACS = '/pacs-proxy/dicom-web';
const SLICES = 600;
const BUDGET_MB = 64;
let orthanc: Orthanc | undefined;
test.afterEach(async () => {
  await orthanc?.stop();
  orthanc = undefined;
});

const cacheBytes = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { lucentImageCache: { bytes: () => number } }).lucentImageCache.bytes());

test('a 600-slice CT streams from the PACS within a low memory budget, and another study cancels its queue', async ({ page }) => {
  test.setTimeout(300_000);
  orthanc = await startOrthanc(ORTHANC_PORT);
  await orthanc.storeBytes(makeLargeCt(SLICES));
  await orthanc.store(['public/samples/chest-dx/IMG0001.dcm']);

  // Each frame answers after 600 ms, as over a slow hospital network: the prefetch is still running
  // when the study is switched (at 300 ms a slow test machine got through 94 frames by then).
  const frames: string[] = [];
  await page.route('**/frames/**', async (route) => {
    frames.push(route.request().url());
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  await page.goto(`./?pacs=${encodeURIComponent(PACS)}&cacheMB=${BUDGET_MB}`);
  await findAndOpen(page, 'Large', 'LARGE0001');
  const progress = page.getByTestId('series-progress');
  await expect(progress).toHaveAttribute('data-total', String(SLICES));
  expect(Number(await progress.getAttribute('data-loaded')), 'frames arrived when the first image showed').toBeLessThan(SLICES / 2);
  expect(await sliceText(page)).toMatch(new RegExp(`^Im 1/${SLICES}`));
  await expect(page.getByTestId('budget-note')).toContainText(`larger than the image memory budget (${BUDGET_MB} MB)`);
  expect(frames.some((u) => u.includes('/instances/'))).toBe(true);
  expect(frames.length, 'no whole-study retrieval: frames are asked one by one').toBeLessThan(SLICES);

  // The last slice, far outside what was prefetched, comes when scrolled to.
  await page.getByTestId('viewport').click();
  await page.keyboard.press('End');
  await expect.poll(() => sliceText(page)).toMatch(new RegExp(`^Im ${SLICES}/${SLICES}`));
  await expectImageShown(page);
  expect(await cacheBytes(page)).toBeLessThanOrEqual(BUDGET_MB * 2 ** 20);

  // Another study from the PACS: what the CT still had queued is not asked for — only the
  // prefetches already in flight (6 at most) land once it shows.
  const large = () => frames.filter((u) => u.includes('2.25.4711')).length;
  await page.getByTestId('pacs-open').click();
  await findAndOpen(page, 'chest');
  await expect(page.getByRole('dialog', { name: 'PACS' })).toHaveCount(0);
  await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/1');
  const atSwitch = large();
  await page.waitForTimeout(3_000);
  expect(large() - atSwitch).toBeLessThanOrEqual(6);
  // The budget's prefetch (about 100 frames of 0.5 MB in 64 MB) was cut short.
  expect(large(), 'the CT was not fetched whole, nor its whole prefetch').toBeLessThan(80);
  expect(await cacheBytes(page)).toBeLessThanOrEqual(BUDGET_MB * 2 ** 20);
});
