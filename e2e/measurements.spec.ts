// The measuring tools on images with known truth (a phantom the test makes): sizes, densities,
// angles and values as the geometry says; a measurement made a finding that writes its sentence,
// fills the template and gets the guideline's follow-up; the same nodule measured on a prior gives
// its change and doubling time; the SR carries the measurements (#40).
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloaded, dropPaths, expectAccessible, expectValidSR, forgetSavedReports, typeFinding } from './helpers';
import { PHANTOM, writePhantom } from './fixtures/phantom';
import { at, click, cx, cy, drag, imageRect, measureSphere, openPhantom, radiusPx, valuesOf } from './measuring';

test('each measuring tool reads the known truth of a generated CT, and an image without spacing measures in px', async ({ page }) => {
  const r = await openPhantom(page);
  await measureSphere(page, r);
  await expect.poll(async () => (await valuesOf(page, 'bidirectional'))['short axis']).toBeGreaterThan(19);
  const sphere = await valuesOf(page, 'bidirectional');
  expect(Math.abs(sphere['long axis'] - PHANTOM.sphere.diameterMm)).toBeLessThanOrEqual(1);
  expect(Math.abs(sphere['short axis'] - PHANTOM.sphere.diameterMm)).toBeLessThanOrEqual(1);

  // An ellipse inside the noisy square (Cornerstone draws it from its centre out): its mean and SD in HU.
  await page.keyboard.press('o');
  const [x0, y0, x1, y1] = PHANTOM.density.box;
  const centre = [(x0 + x1) / 2, (y0 + y1) / 2];
  await drag(page, r, centre, [centre[0] + (x1 - x0) / 2 - 6, centre[1] + (y1 - y0) / 2 - 6]);
  await expect.poll(async () => (await valuesOf(page, 'ellipse')).mean).toBeDefined();
  const roi = await valuesOf(page, 'ellipse');
  expect(Math.abs(roi.mean - PHANTOM.density.mean)).toBeLessThanOrEqual(5);
  expect(Math.abs(roi.sd - PHANTOM.density.sd)).toBeLessThanOrEqual(2);
  await expect(page.locator('[data-testid=measurement][data-tool=ellipse]')).toContainText('HU');

  // An angle of 60°: the first arm drawn from its end to the vertex, the second clicked.
  await page.keyboard.press('a');
  const vertex = [30, 110];
  await drag(page, r, [70, 110], vertex);
  const arm = [vertex[0] + 40 * Math.cos(Math.PI / 3), vertex[1] - 40 * Math.sin(Math.PI / 3)];
  await page.mouse.move(...at(r, arm), { steps: 6 });
  await click(page, r, arm);
  await expect.poll(async () => (await valuesOf(page, 'angle')).angle).toBeDefined();
  expect(Math.abs((await valuesOf(page, 'angle')).angle - 60)).toBeLessThanOrEqual(1);

  // The probe on the flat square reads its value (on the centre slice: Cornerstone's own probe reads none off a stack's first image).
  await page.keyboard.press('q');
  await expect(page.getByTestId('measuring-tool')).toHaveValue('probe');
  // Clear of the other tools' text boxes, which would take the click.
  await page.mouse.move(...at(r, [86, 108]), { steps: 4 });
  await page.waitForTimeout(300);
  await page.mouse.down();
  await page.mouse.up();
  await expect.poll(async () => (await valuesOf(page, 'probe')).value).toBe(PHANTOM.flat.hu);

  // The screen capture states no spacing: a length in px, said uncalibrated.
  await page.getByTestId('series-thumbnail').filter({ hasText: 'Screen capture' }).click();
  await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/1');
  const capture = await imageRect(page);
  await page.keyboard.press('m');
  await drag(page, capture, [cx - radiusPx, cy], [cx + radiusPx, cy]);
  const length = page.locator('[data-testid=measurement][data-tool=length]').last();
  await expect(length).toContainText(/Length \d+(\.\d+)? px \(uncalibrated\)/);
  expect(Math.abs((await valuesOf(page, 'length')).length - 2 * radiusPx)).toBeLessThanOrEqual(2);

  // Delete from the keyboard, and undo.
  await expect(page.getByTestId('measurement')).toHaveCount(5);
  await length.getByTestId('measurement-show').focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('measurement')).toHaveCount(4);
  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect(page.getByTestId('measurement')).toHaveCount(5);
});

test("circle and rectangle ROIs read the density, the Cobb angle its angle; an arrow takes its text in Lucent's dialog", async ({
  page,
}) => {
  const r = await openPhantom(page);
  const [x0, y0, x1, y1] = PHANTOM.density.box;
  const centre = [(x0 + x1) / 2, (y0 + y1) / 2];
  // A circle from its centre out, and a rectangle corner to corner, inside the noisy square.
  await page.keyboard.press('c');
  await drag(page, r, centre, [centre[0] + 14, centre[1]]);
  await page.keyboard.press('x');
  await drag(page, r, [x0 + 3, y0 + 3], [x1 - 3, y1 - 3]);
  for (const tool of ['circle', 'rectangle']) {
    await expect.poll(async () => (await valuesOf(page, tool)).mean).toBeDefined();
    const roi = await valuesOf(page, tool);
    expect(Math.abs(roi.mean - PHANTOM.density.mean)).toBeLessThanOrEqual(5);
    expect(Math.abs(roi.sd - PHANTOM.density.sd)).toBeLessThanOrEqual(2);
  }
  // A circle of radius 14 px at 0.5 mm: π·7² = 154 mm².
  expect(Math.abs((await valuesOf(page, 'circle')).area - Math.PI * 49)).toBeLessThanOrEqual(12);

  // A Cobb angle between a level line and one at 30°.
  await page.keyboard.press('y');
  await drag(page, r, [20, 70], [60, 70]);
  await drag(page, r, [20, 100], [20 + 40 * Math.cos(Math.PI / 6), 100 - 40 * Math.sin(Math.PI / 6)]);
  await expect.poll(async () => (await valuesOf(page, 'cobb')).angle).toBeDefined();
  expect(Math.abs((await valuesOf(page, 'cobb')).angle - 30)).toBeLessThanOrEqual(1);

  // An arrow: its text asked in Lucent's dialog, not the browser's prompt; edited from the panel.
  await page.keyboard.press('u');
  await drag(page, r, [70, 120], [50, 100]);
  const ask = page.getByRole('dialog', { name: 'Arrow text' });
  await expect(ask).toBeVisible();
  await expectAccessible(page, 'measurements panel with the arrow text dialog');
  await ask.getByRole('textbox').fill('Rib fracture');
  await ask.getByRole('textbox').press('Enter');
  const arrow = page.locator('[data-testid=measurement][data-tool=arrow]');
  await expect(arrow).toContainText('Rib fracture');
  await arrow.getByRole('button', { name: 'Edit text' }).click();
  await ask.getByRole('textbox').fill('Old rib fracture');
  await ask.getByRole('button', { name: 'OK' }).click();
  await expect(arrow).toContainText('Old rib fracture');
  await expect(page.getByTestId('viewport').locator('svg text').filter({ hasText: 'Old rib fracture' })).toHaveCount(1);
});

test('a bidirectional on a CT nodule becomes a finding: its size, the template field, the Fleischner follow-up; the SR carries it', async ({
  page,
}) => {
  const r = await openPhantom(page);
  await page.getByTestId('template-select').selectOption('lucent-chest-ct');
  await measureSphere(page, r);
  const row = page.locator('[data-testid=measurement][data-tool=bidirectional]');
  await expect.poll(async () => (await valuesOf(page, 'bidirectional'))['short axis']).toBeGreaterThan(19);
  await row.getByRole('button', { name: 'Finding' }).click();

  const finding = page.getByTestId('finding').filter({ hasText: 'nodule' });
  await expect(finding).toHaveCount(1);
  await expect(finding.getByRole('textbox').first()).toHaveValue(
    /^A (19|20|21)(\.\d)? × (19|20|21)(\.\d)? mm nodule \(series 3, image 3\)\.$/,
  );
  await expect(page.getByLabel('Largest nodule (mean diameter)')).toHaveValue(/^(19|20|21)(\.\d)?$/);
  await expect(finding.getByTestId('recommendation')).toContainText('Consider CT at 3 months, PET/CT or tissue sampling.');
  await expect(row).toContainText('In the report');

  // Selecting the sentence selects its measurement: another finding selected first, then the nodule's.
  await typeFinding(page, 'Small left pleural effusion.');
  await expect(row.getByTestId('measurement-show')).toHaveAttribute('aria-pressed', 'false');
  await finding.click();
  await expect(finding).toHaveAttribute('data-selected', 'true');
  await expect(row.getByTestId('measurement-show')).toHaveAttribute('aria-pressed', 'true');

  // The caliper moved out by 2 mm: the sentence and the field follow (both still as Lucent wrote them).
  const field = page.getByLabel('Largest nodule (mean diameter)');
  const fieldBefore = await field.inputValue();
  await drag(page, r, [cx + radiusPx, cy], [cx + radiusPx + 4, cy]);
  await expect(finding.getByRole('textbox').first()).toHaveValue(
    /^A (21|22|23)(\.\d)? × (19|20|21)(\.\d)? mm nodule \(series 3, image 3\)\.$/,
  );
  await expect(field).toHaveValue(/^(20|21|22)(\.\d)?$/);
  await expect(field).not.toHaveValue(fieldBefore);
  const said = await finding.getByRole('textbox').first().inputValue();

  const sr = await downloaded(page, 'export-sr');
  const { dump } = expectValidSR(sr.bytes, sr.name);
  expect(dump).toMatch(/Long Axis/);
  expect(dump).toMatch(/Cornerstone3DTools@\^0\.1\.0:Bidirectional/);

  // The SR read back beside its images: the same finding, its measurement drawn with its tool again.
  const dir = test.info().outputPath('sr');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, sr.name), sr.bytes);
  await page.goto('./');
  await forgetSavedReports(page);
  await dropPaths(page, [...writePhantom(), join(dir, sr.name)]);
  const reopened = page.getByTestId('finding').filter({ hasText: 'nodule' });
  await expect(reopened.getByRole('textbox').first()).toHaveValue(said);
  // Scrolled to its image (the third slice), the measurement is drawn there.
  await expect(page.getByTestId('overlay-slice')).toContainText(`Im 1/${PHANTOM.slices}`);
  for (let k = 0; k < PHANTOM.centreSlice; k++) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('overlay-slice')).toContainText(`Im ${PHANTOM.centreSlice + 1}/`);
  const back = page.locator('[data-testid=measurement][data-tool=bidirectional]');
  await expect(back).toContainText('In the report');
  await expect(back).toContainText(/Long axis (21|22|23)(\.\d)? mm, short axis (19|20|21)(\.\d)? mm/);
});

test('the same nodule measured on the prior gives its change in mm and % and its doubling time, in the sentence and the SR', async ({
  page,
}) => {
  // Two studies, two viewers, six drags on a software GPU.
  test.slow();
  const priorMm = 16;
  const r = await openPhantom(page, { sphereMm: priorMm, date: '20260601' });
  await measureSphere(page, r);
  await expect.poll(async () => (await valuesOf(page, 'bidirectional'))['short axis']).toBeGreaterThan(19);
  await page.locator('[data-testid=measurement][data-tool=bidirectional]').getByRole('button', { name: 'Finding' }).click();
  const finding = page.getByTestId('finding').filter({ hasText: 'nodule' });
  await expect(finding).toHaveCount(1);

  // The prior beside, at the same slice; the nodule measured there too.
  await page.getByTestId('open-beside').click();
  await expect(page.getByTestId('prior-pane')).toBeVisible();
  await expect.poll(async () => (await imageRect(page, 'prior-viewport')).w).toBeGreaterThan(50);
  const priorSlice = page.getByTestId('prior-pane').getByTestId('overlay-slice');
  let prior = await imageRect(page, 'prior-viewport');
  await page.mouse.move(...at(prior, [64, 64]));
  for (let k = 0; k < PHANTOM.centreSlice; k++) {
    await page.mouse.wheel(0, 120);
    await expect(priorSlice).toContainText(`Im ${k + 2}/`);
  }
  prior = await imageRect(page, 'prior-viewport');
  const radius = priorMm / 2 / PHANTOM.spacingMm;
  await page.keyboard.press('b');
  await drag(page, prior, [cx - radius, cy], [cx + radius, cy]);
  await drag(page, prior, [cx, cy - (2 * radius) / 3], [cx, cy - radius]);
  await drag(page, prior, [cx, cy + (2 * radius) / 3], [cx, cy + radius]);
  const priorRow = page.locator('[data-testid=measurement][data-tool=bidirectional]').filter({ hasNotText: 'In the report' });
  await expect(priorRow).toContainText(/short axis 1[5-7](\.\d)? mm/);

  // Proposed by its place on the image; the reader confirms.
  await priorRow.getByRole('button', { name: /^Same lesion as/ }).click();
  const sentence = finding.getByRole('textbox').first();
  const said = [
    String.raw`^A \d+(\.\d)? × \d+(\.\d)? mm nodule \(series 3, image 3\)\. `,
    String.raw`Increased from 1[5-7] mm to (19|20|21) mm \(\+\d(\.\d)? mm, \+\d+ %\) since the prior of 2026-06-01; `,
    String.raw`volume doubling time \d+ days\.$`,
  ];
  await expect(sentence).toHaveValue(new RegExp(said.join('')));
  // 16 → 20 mm in 183 days: the volume ×1.95, doubling in 190 days; a millimetre either way moves it by about a third.
  const days = Number(/doubling time (\d+) days/.exec(await sentence.inputValue())![1]);
  expect(days).toBeGreaterThan(100);
  expect(days).toBeLessThan(330);

  // The report now compares with that prior, and its comparison section lists the tracked lesion.
  const text = (await downloaded(page, 'export-text')).bytes.toString();
  expect(text).toMatch(/Tracked lesions:\nNodule: 1[5-7] mm → (19|20|21) mm \(\+\d+ %\); volume doubling time \d+ days\./);
  expect(text).toContain('CT 2026-06-01, CT CHEST (generated phantom)');

  const sr = await downloaded(page, 'export-sr');
  const { dump } = expectValidSR(sr.bytes, sr.name);
  expect(dump).toMatch(/volume doubling time \d+ days/);
  expect(dump).toMatch(/increased since the prior study/);
  expect(dump.match(/Long Axis/g)?.length).toBe(2);
});
