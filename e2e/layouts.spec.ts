// Layouts and hanging protocols (#39): a study opens laid out by its rule (a chest radiograph's PA
// beside its lateral, a chest CT in three planes, beside its prior's); the reader changes the layout,
// drags a series onto a viewport, makes a viewport active for the keys, and finds the change again on
// the next study of the rule; the report's regions show on every viewport showing their image; a rule
// file of the reader's own comes before Lucent's.
import { expect, test, type Page } from '@playwright/test';
import { dropPaths, expectImageShown } from './helpers';
import { writeChestCt, writeChestPaLateral } from './fixtures/layoutStudies';

const grid = (page: Page) => page.getByTestId('viewport-grid');
const cell = (page: Page, n: number) => page.getByTestId(`cell-viewport-${n}`);
/** The test id of the n-th viewport's element, and the prefix of its overlays' (the first is the current study's). */
const viewport = (n: number) => (n === 1 ? 'viewport' : `viewport-${n}`);
const overlay = (page: Page, n: number, name: string) =>
  n === 1
    ? page.getByTestId('viewport').locator('..').getByTestId(`overlay-${name}`) // a prior's overlays share these test ids
    : page.getByTestId(`viewport-${n}-overlay-${name}`);

async function open(page: Page, files: string[]): Promise<void> {
  await page.goto('./');
  // The page listens for drops once it is drawn.
  await expect(page.getByRole('heading', { name: 'Open a study' })).toBeVisible();
  await dropPaths(page, files);
  await expect(page.getByTestId('overlay-slice')).toBeVisible();
}

test('a chest PA and lateral hang side by side; the reader regrids, drags a series in, picks the active viewport', async ({ page }) => {
  test.setTimeout(180_000);
  const files = writeChestPaLateral();
  await open(page, files);
  await expect(grid(page)).toHaveAttribute('data-protocol', 'chest-radiograph-pa-lateral');
  await expect(grid(page)).toHaveAttribute('data-layout', '1x2');
  await expect(overlay(page, 1, 'series')).toContainText('Chest PA');
  await expect(overlay(page, 2, 'series')).toContainText('Chest lateral');
  await expectImageShown(page, viewport(2));

  // The active viewport is marked, and the keys act on it alone.
  await expect(cell(page, 1)).toHaveAttribute('data-active', 'true');
  await page.getByTestId(viewport(2)).click();
  await expect(cell(page, 2)).toHaveAttribute('data-active', 'true');
  await expect(cell(page, 1)).toHaveAttribute('data-active', 'false');
  await page.keyboard.press('i');
  await expect(overlay(page, 2, 'view')).toContainText('Inverted');
  await expect(overlay(page, 1, 'view')).not.toContainText('Inverted');

  // 2x2 keeps both; the PA dragged from the series list into the third, the lateral opened by keyboard into the fourth.
  await page.getByTestId('layout-picker').selectOption('2x2');
  await expect(grid(page)).toHaveAttribute('data-layout', '2x2');
  await expect(overlay(page, 2, 'series')).toContainText('Chest lateral');
  await expect(page.getByTestId('viewport-3-empty')).toBeVisible();
  const thumbnails = page.getByTestId('series-thumbnail');
  await thumbnails.nth(0).dragTo(cell(page, 3));
  await expect(overlay(page, 3, 'series')).toContainText('Chest PA');
  await expect(cell(page, 3)).toHaveAttribute('data-active', 'true');
  const pa = (await page.getByTestId(viewport(1)).getAttribute('data-image-id'))!;
  await expect(page.getByTestId(viewport(3))).toHaveAttribute('data-image-id', pa);
  await page.keyboard.press('.');
  await expect(cell(page, 4)).toHaveAttribute('data-active', 'true');
  await thumbnails.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(overlay(page, 4, 'series')).toContainText('Chest lateral');
  await expect(overlay(page, 1, 'series')).toContainText('Chest PA');

  // A region drawn on the PA in the first viewport: its finding's region shows on the third (the PA
  // again), not on the lateral.
  await page.keyboard.press('g');
  const area = (await page.getByTestId(viewport(1)).boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.3 + 60, area.y + area.height * 0.35 + 50, { steps: 6 });
  await page.mouse.up();
  const finding = page.getByTestId('finding');
  await expect(finding).toHaveCount(1);
  await expect(finding).toHaveAttribute('data-region-images', pa);
  const region = (await finding.getAttribute('data-region-ids'))!;
  const rect = (n: number) => page.locator(`[data-testid=${viewport(n)}] svg [data-id="${region}-rect"]`);
  await expect(rect(1)).toBeVisible();
  await expect(rect(3)).toBeVisible();
  await expect(rect(2)).toHaveCount(0);

  // The choice is kept for the rule: the same kind of study, opened in a new page, hangs as left.
  await open(page, writeChestPaLateral('2.25.3939.7'));
  await expect(grid(page)).toHaveAttribute('data-protocol', 'chest-radiograph-pa-lateral');
  await expect(grid(page)).toHaveAttribute('data-layout', '2x2');
  await expect(overlay(page, 3, 'series')).toContainText('Chest PA');
  await expect(overlay(page, 4, 'series')).toContainText('Chest lateral');
  // Back to the rule's own layout.
  await page.getByTestId('layout-picker').selectOption('rule');
  await expect(grid(page)).toHaveAttribute('data-layout', '1x2');
});

test('a chest CT hangs in three planes, the axial in the lung window, and beside its prior axial to axial', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, writeChestCt(true));
  await expect(grid(page)).toHaveAttribute('data-protocol', 'chest-ct-planes');
  await expect(grid(page)).toHaveAttribute('data-layout', '1x3');
  await expectImageShown(page, viewport(1));
  // Six slices make a thin strip across the coronal and sagittal planes: each shows its plane of the volume.
  for (const [n, plane] of [
    [2, 'coronal'],
    [3, 'sagittal'],
  ] as const) {
    await expect(page.getByTestId(viewport(n))).toHaveAttribute('data-orientation', plane);
    await expect(page.getByTestId(viewport(n))).not.toHaveAttribute('data-slice-count', '0');
  }
  await expect(overlay(page, 1, 'wl')).toHaveText('W 1500 L -600');
  await expect(overlay(page, 1, 'series')).toContainText('Chest 2mm');
  await expect(overlay(page, 3, 'series')).toContainText('Chest 2mm');

  await page.getByTestId('open-beside').click();
  await expect(grid(page)).toHaveAttribute('data-protocol', 'chest-ct-beside-prior');
  await expect(grid(page)).toHaveAttribute('data-layout', '1x2');
  await expect(page.getByTestId('prior-title')).toContainText(/^Prior · CT 2026-06-01/);
  await expectImageShown(page, 'prior-viewport');
  await expect(overlay(page, 1, 'wl')).toHaveText('W 1500 L -600');
  await expect(page.getByTestId('prior-viewport').locator('..').getByTestId('overlay-wl')).toHaveText('W 1500 L -600');
  await page.getByTestId('prior-close').click();
  await expect(grid(page)).toHaveAttribute('data-layout', '1x3');
});

test("a hanging protocol file of the reader's comes before Lucent's rules; a bad one is refused naming file and rule", async ({ page }) => {
  await open(page, writeChestCt());
  await expect(grid(page)).toHaveAttribute('data-protocol', 'chest-ct-planes');
  const rule = {
    id: 'my-ct',
    name: 'My CT',
    match: { modality: ['CT'] },
    layout: '2x1',
    viewports: [{ study: 'current', series: ['active'] }],
  };
  const file = (name: string, rules: unknown[]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ rules })) });
  await page.getByTestId('reporting-settings').click();
  const settings = page.getByRole('dialog', { name: 'Reporting settings' });
  await settings.getByTestId('hanging-protocol-file').setInputFiles(file('bad.json', [{ ...rule, id: 'broken', layout: '5x5' }]));
  await expect(settings.getByTestId('hanging-protocol-message')).toContainText('bad.json: rule 1 (broken): its layout "5x5"');
  await settings.getByTestId('hanging-protocol-file').setInputFiles(file('mine.json', [rule]));
  await expect(settings.getByTestId('hanging-protocol-message')).toHaveText('Imported 1 hanging rule.');
  await expect(settings.getByTestId('hanging-protocols-in-use')).toContainText('from mine.json');
  await expect(grid(page)).toHaveAttribute('data-protocol', 'my-ct');
  await expect(grid(page)).toHaveAttribute('data-layout', '2x1');
  // Kept in this browser, until the reader goes back to Lucent's own rules.
  await open(page, writeChestCt());
  await expect(grid(page)).toHaveAttribute('data-protocol', 'my-ct');
  await page.getByTestId('reporting-settings').click();
  await settings.getByRole('button', { name: "Use Lucent's own rules" }).click();
  await expect(grid(page)).toHaveAttribute('data-protocol', 'chest-ct-planes');
});
