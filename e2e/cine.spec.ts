// Cine (the slices played in a loop, stopped by the button or N, and by another series) and the window
// presets of the active series: a CT's on keys 1–9, none on a radiograph.
import { expect, test, type Page } from '@playwright/test';
import { dropPaths, openSample } from './helpers';
import { PHANTOM, writePhantom } from './fixtures/phantom';
import { MULTIFRAME, writeMultiframe } from './fixtures/multiframe';

/** Drops files on the start screen once it is there (a drop before the page listens is lost). */
async function openFiles(page: Page, paths: string[]): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Open a study' })).toBeVisible();
  await dropPaths(page, paths);
}

const sliceIndex = async (page: Page) => Number(await page.getByTestId('viewport').getAttribute('data-slice-index'));

/** The slice indices shown over `ms`, read every 20 ms, each change once. */
async function indicesOver(page: Page, ms: number): Promise<number[]> {
  const seen = await page.getByTestId('viewport').evaluate(
    (element, ms) =>
      new Promise<number[]>((resolve) => {
        const read: number[] = [];
        const timer = setInterval(() => read.push(Number(element.getAttribute('data-slice-index'))), 20);
        setTimeout(() => (clearInterval(timer), resolve(read)), ms);
      }),
    ms,
  );
  return seen.filter((index, i) => i === 0 || index !== seen[i - 1]);
}

/**
 * Cine went through every slice and from the last back to the first. (Not every step shows: while a slice
 * first loads the overlay may skip one, or show two that load out of order.)
 */
function expectLooping(indices: number[], count: number): void {
  const said = indices.join(' ');
  expect(
    [...new Set(indices)].sort((a, b) => a - b),
    said,
  ).toEqual(Array.from({ length: count }, (_, k) => k));
  const steps = indices.slice(1).map((to, i) => `${indices[i]}>${to}`);
  expect(steps, said).toContain(`${count - 1}>0`);
}

test('cine plays a CT in a loop at the chosen rate, stops by button, key and series change; key 2 is the lung window', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await openFiles(page, writePhantom());
  await expect(page.getByTestId('overlay-slice')).toContainText(`Im 1/${PHANTOM.slices}`);

  // The chest CT's presets: key 2 is the lung window, on the overlay; the list offers the abdomen too.
  await page.keyboard.press('2');
  await expect(page.getByTestId('overlay-wl')).toHaveText('W 1500 L -600');
  await page.getByLabel('Window preset').selectOption({ label: '7 · Abdomen (400/50)' });
  await expect(page.getByTestId('overlay-wl')).toHaveText('W 400 L 50');

  const cine = page.getByTestId('cine');
  await expect(page.getByTestId('cine-fps')).toHaveValue('15');
  await page.getByTestId('cine-fps').selectOption('10');
  await cine.click();
  await expect(cine).toHaveAttribute('aria-pressed', 'true');
  expectLooping(await indicesOver(page, 3000), PHANTOM.slices);

  // Stopped, the slice stays where it is.
  await cine.click();
  await expect(cine).toHaveAttribute('aria-pressed', 'false');
  const stoppedAt = await sliceIndex(page);
  await page.waitForTimeout(1000);
  expect(await sliceIndex(page)).toBe(stoppedAt);

  // N plays and stops it too.
  await page.keyboard.press('n');
  await expect(cine).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => sliceIndex(page)).not.toBe(stoppedAt);
  await page.keyboard.press('n');
  await expect(cine).toHaveAttribute('aria-pressed', 'false');

  // Another series stops it: the next is the phantom's screen capture, one image, which has no presets.
  await page.keyboard.press('n');
  await expect(cine).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(']');
  await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/1');
  await expect(cine).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByLabel('Window preset')).toBeDisabled();
  await expect(page.getByLabel('Window preset')).toContainText('No presets for OT');

  // The rate is kept in this browser.
  await page.reload();
  await openFiles(page, writePhantom());
  await expect(page.getByTestId('cine-fps')).toHaveValue('10');
  expect(errors).toEqual([]);
});

test("cine plays a multi-frame file's frames in a loop", async ({ page }) => {
  await page.goto('./');
  await openFiles(page, [writeMultiframe()]);
  await expect(page.getByTestId('overlay-slice')).toContainText(`Im 1/${MULTIFRAME.frames}`);
  await page.getByTestId('cine').click();
  expectLooping(await indicesOver(page, 3000), MULTIFRAME.frames);
  await page.getByTestId('cine').click();
  await expect(page.getByTestId('cine')).toHaveAttribute('aria-pressed', 'false');
});

test('a radiograph gets no CT window from the preset keys, and the help lists the presets and cine', async ({ page }) => {
  await openSample(page, 'chest-dx');
  const wl = page.getByTestId('overlay-wl');
  const opened = await wl.innerText();
  await page.keyboard.press('2');
  await page.keyboard.press('1');
  await page.waitForTimeout(500);
  await expect(wl).toHaveText(opened);
  await expect(wl).not.toHaveText('W 1500 L -600');
  await expect(page.getByLabel('Window preset')).toContainText('No presets for DX');

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Window preset: Lung (W 1500 / L -600); on a head CT: Subdural (W 200 / L 75)');
  await expect(help).toContainText('CT only: an MR or a radiograph has no presets');
  await expect(help).toContainText('Cine: play the slices in a loop, or stop');
});
