// A prior study beside the current one: a second viewer, linked to the first for window/level,
// zoom and pan (and scrolling when both series have the same geometry), closed again.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { canvasStats, dropPaths, expectImageShown, openSample } from './helpers';
import { findingColor } from '../src/viewer/findingColors';

/** The corner overlays of each viewer (they sit beside its viewport element). */
const current = (page: Page) => page.getByTestId('viewport').locator('..');
const prior = (page: Page) => page.getByTestId('prior-viewport').locator('..');

async function openBeside(page: Page): Promise<void> {
  const beside = page.getByTestId('open-beside');
  // Only the study that is not the current one offers it.
  await expect(beside).toHaveCount(1);
  await beside.click();
  await expect(beside).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('prior-viewport')).toBeVisible();
  await expectImageShown(page, 'prior-viewport');
}

/** The DX chest sample opened beside the CR one (dropped after it, so current); returns the page's errors as they come. */
async function openDxBesideCr(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openSample(page, 'chest-dx');
  await dropPaths(page, [join(process.cwd(), 'public/samples/chest-cr/IMG0001.dcm')]);
  await expect(current(page).getByTestId('overlay-series')).toContainText('CR');
  await openBeside(page);
  return errors;
}

test('a prior opens beside the current study, linked for window/level and zoom until unlinked, and closes', async ({ page }) => {
  const errors = await openDxBesideCr(page);
  // The two samples are two patients' films: shown beside for viewing, named so, and never compared.
  await expect(page.getByTestId('prior-title')).toContainText(/^Other patient · DX \d{4}-\d{2}-\d{2} · /);
  await expect(page.getByTestId('prior-order-note')).toContainText("another patient's study");
  await expect(page.getByTestId('prior-viewport')).toHaveAttribute('data-image-id', /.+/);
  await expect(prior(page).getByTestId('overlay-series')).toContainText('DX');

  // Linked (the default): the current viewer's window and zoom carry over to the prior.
  const link = page.getByTestId('prior-link');
  await expect(link).toHaveAttribute('aria-pressed', 'true');
  await expect(link).toHaveAttribute('data-scroll-linked', 'false');
  const before = await canvasStats(page, undefined, 'prior-viewport');
  await page.keyboard.press('1');
  await expect(current(page).getByTestId('overlay-wl')).toHaveText('W 400 L 40');
  await expect(prior(page).getByTestId('overlay-wl')).toHaveText('W 400 L 40');
  await expect.poll(async () => (await canvasStats(page, undefined, 'prior-viewport')).hash).not.toBe(before.hash);
  await page.keyboard.press('=');
  await expect(current(page).getByTestId('overlay-view')).toContainText('Zoom 125%');
  await expect(prior(page).getByTestId('overlay-view')).toContainText('Zoom 125%');

  // Both ways: window/level dragged on the prior reaches the current viewer.
  const wl = await current(page).getByTestId('overlay-wl').innerText();
  const box = (await page.getByTestId('prior-viewport').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 100, box.y + box.height / 2 + 60, { steps: 6 });
  await page.mouse.up();
  await expect(current(page).getByTestId('overlay-wl')).not.toHaveText(wl);
  await expect(prior(page).getByTestId('overlay-wl')).toHaveText(await current(page).getByTestId('overlay-wl').innerText());

  // Unlinked: the prior keeps its own window and zoom.
  await link.click();
  await expect(link).toHaveAttribute('aria-pressed', 'false');
  const priorWl = await prior(page).getByTestId('overlay-wl').innerText();
  // The keys act on the active viewport: the prior's since it was dragged on, the current one's once clicked.
  await page.getByTestId('viewport').click();
  await page.keyboard.press('4');
  await expect(current(page).getByTestId('overlay-wl')).toHaveText('W 2500 L 480');
  await page.keyboard.press('=');
  await expect(current(page).getByTestId('overlay-view')).toContainText('Zoom 156%');
  await expect(prior(page).getByTestId('overlay-wl')).toHaveText(priorWl);
  await expect(prior(page).getByTestId('overlay-view')).toContainText('Zoom 125%');

  // Linked again, then closed: the current viewer stays as it was.
  await link.click();
  await page.keyboard.press('=');
  await expect(current(page).getByTestId('overlay-view')).toContainText('Zoom 195%');
  await expect(prior(page).getByTestId('overlay-view')).toContainText('Zoom 195%');
  await page.getByTestId('prior-close').click();
  await expect(page.getByTestId('prior-viewport')).toHaveCount(0);
  await expect(page.getByTestId('open-beside')).toHaveAttribute('aria-pressed', 'false');
  await expect(current(page).getByTestId('overlay-wl')).toHaveText('W 2500 L 480');
  await page.keyboard.press('1');
  await expect(current(page).getByTestId('overlay-wl')).toHaveText('W 400 L 40');
  expect(errors).toEqual([]);
});

test('two CTs of the same geometry scroll together while linked', async ({ page }) => {
  test.setTimeout(120_000);
  // The CT sample again as another study: every UID of the sample shares one root, changed here.
  const dir = mkdtempSync(join(tmpdir(), 'lucent-prior-'));
  mkdirSync(join(dir, 'ct-again'));
  const files = unzipSync(readFileSync('public/samples/ct-chest.zip'));
  const [root, other] = [Buffer.from('1.2.826.0.1.3680043.8.498.'), Buffer.from('1.2.826.0.1.3680043.8.499.')];
  for (const [name, bytes] of Object.entries(files)) {
    if (!name.endsWith('.dcm')) continue;
    const copy = Buffer.from(bytes);
    for (let at = copy.indexOf(root); at >= 0; at = copy.indexOf(root, at + 1)) other.copy(copy, at);
    writeFileSync(join(dir, 'ct-again', name.split('/').pop()!), copy);
  }
  await openSample(page, 'ct-chest');
  const original = await page.getByTestId('viewport').getAttribute('data-image-id');
  await dropPaths(page, [join(dir, 'ct-again')]);
  await expect(page.getByTestId('viewport')).not.toHaveAttribute('data-image-id', original!);
  await expect(current(page).getByTestId('overlay-slice')).toContainText('Im 1/120');
  await openBeside(page);
  await expect(page.getByTestId('prior-link')).toHaveAttribute('data-scroll-linked', 'true');

  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowDown');
  await expect(current(page).getByTestId('overlay-slice')).toContainText('Im 4/120');
  await expect(page.getByTestId('prior-viewport')).toHaveAttribute('data-slice-index', '3');
  // Scrolling the prior moves the current viewer too.
  const box = (await page.getByTestId('prior-viewport').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let k = 0; k < 4; k++) await page.mouse.wheel(0, 100);
  await expect(page.getByTestId('prior-viewport')).toHaveAttribute('data-slice-index', '7');
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-slice-index', '7');

  await page.getByTestId('prior-link').click();
  await page.keyboard.press('End');
  await expect(current(page).getByTestId('overlay-slice')).toContainText('Im 120/120');
  await expect(page.getByTestId('prior-viewport')).toHaveAttribute('data-slice-index', '7');
});

test("the current report's regions are drawn on the viewer of their image, and select their finding from either", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openDxBesideCr(page);
  const priorImage = (await page.getByTestId('prior-viewport').getAttribute('data-image-id'))!;
  const currentImage = (await page.getByTestId('viewport').getAttribute('data-image-id'))!;

  // A region drawn on each viewer: a finding of the current report each, on that viewer's image.
  await page.keyboard.press('g');
  const draw = async (testid: string) => {
    const area = (await page.getByTestId(testid).boundingBox())!;
    await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.35);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width * 0.3 + 90, area.y + area.height * 0.35 + 70, { steps: 6 });
    await page.mouse.up();
  };
  const findings = page.getByTestId('finding');
  await draw('prior-viewport');
  await expect(findings).toHaveCount(1);
  await draw('viewport');
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toHaveAttribute('data-region-images', priorImage);
  await expect(findings.nth(1)).toHaveAttribute('data-region-images', currentImage);
  const [onPrior, onCurrent] = [
    (await findings.nth(0).getAttribute('data-region-ids'))!,
    (await findings.nth(1).getAttribute('data-region-ids'))!,
  ];
  const rect = (testid: string, regionId: string) => page.locator(`[data-testid=${testid}] svg [data-id="${regionId}-rect"]`);
  await expect(rect('prior-viewport', onPrior)).toBeVisible();
  await expect(rect('viewport', onPrior)).toHaveCount(0);
  await expect(rect('viewport', onCurrent)).toBeVisible();
  await expect(rect('prior-viewport', onCurrent)).toHaveCount(0);
  await expect(findings.nth(1)).toHaveAttribute('data-selected', 'true');

  // Region -> finding on the prior's viewer; finding -> region on the current one. The pointer rests
  // on an empty part of the current viewer before each look, so no rectangle is drawn as hovered.
  await page.keyboard.press('w');
  const main = (await page.getByTestId('viewport').boundingBox())!;
  const restPointer = () => page.mouse.move(main.x + main.width * 0.9, main.y + main.height * 0.9, { steps: 3 });
  await restPointer();
  // The region just drawn shows selected with its new finding, not in the finding's own colour (it once
  // stayed unselected: the report selected the finding while the annotation was still being tagged).
  await expect(rect('viewport', onCurrent)).not.toHaveAttribute('stroke', findingColor(1));
  const selected = await rect('viewport', onCurrent).getAttribute('stroke');
  const box = (await rect('prior-viewport', onPrior).boundingBox())!;
  await page.mouse.click(box.x + 1, box.y + box.height / 2);
  await expect(findings.nth(0)).toHaveAttribute('data-selected', 'true');
  await restPointer();
  await expect(rect('viewport', onCurrent)).not.toHaveAttribute('stroke', selected!);
  await findings.nth(1).click();
  await expect(findings.nth(1)).toHaveAttribute('data-selected', 'true');
  await restPointer();
  await expect(rect('viewport', onCurrent)).toHaveAttribute('stroke', selected!);

  // Closing the prior leaves the current viewer's regions, and the report keeps the prior's.
  await page.getByTestId('prior-close').click();
  await expect(rect('viewport', onCurrent)).toBeVisible();
  await expect(findings).toHaveCount(2);
  // Deleted, a finding's region goes from the image too (it was selected: Cornerstone's selection lets go of it).
  await findings.nth(1).click();
  await page.getByLabel('Delete finding 2').click();
  await expect(findings).toHaveCount(1);
  await expect(rect('viewport', onCurrent)).toHaveCount(0);
  expect(errors).toEqual([]);
});
