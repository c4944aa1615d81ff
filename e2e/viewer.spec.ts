import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { canvasStats, dragOnViewport, dropPaths, expectImageShown, openSample, sliceText } from './helpers';

const SAMPLES = ['chest-dx', 'chest-cr', 'ct-chest', 'mr-brain', 'real-chest-cr', 'real-ct'];
/** One sample per decoding path is enough on the dev server too: native 16-bit, JPEG-LS in a zip, JPEG 2000. */
const DEV_SAMPLES = new Set(['chest-dx', 'ct-chest', 'real-chest-cr']);

test.describe('samples', () => {
  for (const id of SAMPLES) {
    test(`${id} opens and shows a non-blank image${DEV_SAMPLES.has(id) ? ' @dev' : ''}`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openSample(page, id);
      const stats = await canvasStats(page);
      expect(stats.width).toBeGreaterThan(100);
      // A real image has structure, not a flat fill.
      expect(stats.litFraction).toBeLessThan(0.995);
      await expect(page.getByRole('alert')).toHaveCount(0);
      expect(errors).toEqual([]);
    });
  }

  test('the compressed CT decodes every slice it scrolls to (JPEG-LS, WASM codec) @dev', async ({ page }) => {
    await openSample(page, 'ct-chest');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/120');
    await page.getByTestId('slice-scrollbar').fill('60');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 61/120');
    await expectImageShown(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('the NEMA CR, whose header window spans its whole 15-bit range, opens with a window from its pixels (#38)', async ({ page }) => {
    await openSample(page, 'real-chest-cr');
    // The header's W 30000 / L 15000 left the lungs pale grey, hardly darker than the mediastinum.
    await expect(page.getByTestId('overlay-wl')).not.toHaveText('W 30000 L 15000');
    const width = Number((await page.getByTestId('overlay-wl').innerText()).match(/W (\d+)/)![1]);
    expect(width).toBeLessThan(20000);
    const lung = await canvasStats(page, { x0: 0.24, y0: 0.3, x1: 0.34, y1: 0.5 });
    const mediastinum = await canvasStats(page, { x0: 0.48, y0: 0.2, x1: 0.52, y1: 0.4 });
    expect(mediastinum.mean - lung.mean, `lung ${lung.mean}, mediastinum ${mediastinum.mean}`).toBeGreaterThan(100);
    // Reset comes back to it, not to the header's (a radiograph has no window presets: the window is dragged).
    const opened = await page.getByTestId('overlay-wl').innerText();
    await dragOnViewport(page, [0.5, 0.5], [120, 80]);
    await expect(page.getByTestId('overlay-wl')).not.toHaveText(opened);
    await page.keyboard.press(' ');
    await expect(page.getByTestId('overlay-wl')).toHaveText(opened);
  });

  test('a real NIH film, 8-bit and without a window in its file, opens at its full range as it was made', async ({ page }) => {
    await openSample(page, 'real-nih-cardiomegaly');
    await expect(page.getByTestId('overlay-wl')).toHaveText('W 256 L 128');
  });

  test('MONOCHROME1 displays with bone bright and lungs dark, like MONOCHROME2', async ({ page }) => {
    for (const id of ['chest-dx', 'chest-cr']) {
      await openSample(page, id);
      const lung = await canvasStats(page, { x0: 0.3, y0: 0.35, x1: 0.38, y1: 0.5 });
      const spine = await canvasStats(page, { x0: 0.49, y0: 0.75, x1: 0.51, y1: 0.9 });
      expect(spine.mean, `${id}: spine brighter than lung`).toBeGreaterThan(lung.mean + 40);
      await expect(page.getByTestId('overlay-view')).not.toContainText('Inverted');
    }
  });
});

test.describe('viewing tools', () => {
  test('dragging with the window/level tool changes the window and the pixels', async ({ page }) => {
    await openSample(page, 'ct-chest');
    const before = await canvasStats(page);
    const wl = await page.getByTestId('overlay-wl').innerText();
    const box = (await page.getByTestId('viewport').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByTestId('overlay-wl')).not.toHaveText(wl);
    await expect.poll(async () => (await canvasStats(page)).hash).not.toBe(before.hash);
  });

  test('window presets apply by key and by menu', async ({ page }) => {
    await openSample(page, 'ct-chest');
    await page.keyboard.press('1');
    await expect(page.getByTestId('overlay-wl')).toHaveText('W 400 L 40');
    const soft = await canvasStats(page);
    await page.getByLabel('Window preset').selectOption({ label: '4 · Bone (2500/480)' });
    await expect(page.getByTestId('overlay-wl')).toHaveText('W 2500 L 480');
    await expect.poll(async () => (await canvasStats(page)).hash).not.toBe(soft.hash);
  });

  test('wheel, arrow keys and the scrollbar move through slices @dev', async ({ page }) => {
    await openSample(page, 'ct-chest');
    const first = await canvasStats(page);
    const box = (await page.getByTestId('viewport').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let k = 0; k < 5; k++) await page.mouse.wheel(0, 100);
    // Every wheel step lands before the keys below: on the slower dev server one came after Home.
    await expect.poll(() => sliceText(page)).toContain('Im 6/120');
    await expect.poll(async () => (await canvasStats(page)).hash).not.toBe(first.hash);

    await page.keyboard.press('Home');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/120');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 3/120');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 2/120');
    await page.keyboard.press('End');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 120/120');

    await page.getByTestId('slice-scrollbar').fill('30');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 31/120');
  });

  test('slices are ordered by position even though files are numbered out of order', async ({ page }) => {
    await openSample(page, 'ct-chest');
    // Instance numbers follow the table position, so viewing order shows #1, #2, ... in turn.
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/120 (#1)');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 2/120 (#2)');
  });

  test('invert, rotate, flip and reset change the view and come back', async ({ page }) => {
    await openSample(page, 'chest-dx');
    const original = await canvasStats(page);
    for (const [key, label] of [
      ['i', 'Inverted'],
      ['r', '90°'],
      ['h', 'Flip H'],
      ['v', 'Flip V'],
    ] as const) {
      await page.keyboard.press(key);
      await expect(page.getByTestId('overlay-view')).toContainText(label);
    }
    await expect.poll(async () => (await canvasStats(page)).hash).not.toBe(original.hash);
    await page.keyboard.press(' ');
    await expect(page.getByTestId('overlay-view')).not.toContainText('Inverted');
    await expect(page.getByTestId('overlay-view')).not.toContainText('Flip');
    await expect.poll(async () => (await canvasStats(page)).hash).toBe(original.hash);
  });

  test('zoom changes the magnification shown', async ({ page }) => {
    await openSample(page, 'chest-dx');
    const zoom = await page.getByTestId('overlay-view').innerText();
    await page.keyboard.press('=');
    await expect(page.getByTestId('overlay-view')).not.toHaveText(zoom);
  });

  test('the length tool measures in millimetres', async ({ page }) => {
    await openSample(page, 'chest-dx');
    await page.keyboard.press('m');
    await expect(page.getByRole('button', { name: 'Length' })).toHaveAttribute('aria-pressed', 'true');
    const box = (await page.getByTestId('viewport').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 6 });
    await page.mouse.up();
    await expect(page.getByTestId('viewport').locator('svg text').first()).toContainText(/\d+(\.\d+)? mm/);
  });

  test('the help panel lists the keyboard shortcuts', async ({ page }) => {
    await page.goto('./');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toContainText('Window preset: Lung');
    await expect(dialog).toContainText('Next image');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });
});

test.describe('loading files', () => {
  test('a dropped folder with a corrupt and a non-DICOM file names both and loads the rest @dev', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByTestId('sample-chest-dx')).toBeVisible();
    await dropPaths(page, [join(process.cwd(), 'e2e/fixtures/drop-folder/series')]);
    const problems = page.getByTestId('load-problem');
    await expect(problems).toHaveCount(2);
    await expect(page.getByTestId('load-problems')).toContainText('series/corrupt-truncated.dcm');
    await expect(page.getByTestId('load-problems')).toContainText('series/notes.txt');
    await expect(page.getByTestId('load-problems')).toContainText('not a DICOM file');
    // The three good files, two of them in a nested folder, form one series.
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/3');
    await expectImageShown(page);
  });

  test('a PNG, a PDF or a text file dropped is named for what it is, and the DICOM beside it loads (#38)', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'lucent-drop-'));
    // The smallest valid PNG: a 1×1 grey pixel.
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b55' +
        '0000000a49444154789c636800000082008177cd72b60000000049454e44ae426082',
      'hex',
    );
    writeFileSync(join(dir, 'photo.png'), png);
    writeFileSync(join(dir, 'scan.pdf'), '%PDF-1.4\n%%EOF\n');
    writeFileSync(join(dir, 'notes.txt'), 'Patient notes, not an image.\n'.repeat(10));
    writeFileSync(join(dir, 'IMG0001.dcm'), readFileSync('public/samples/chest-dx/IMG0001.dcm'));
    await page.goto('./');
    await expect(page.getByTestId('sample-chest-dx')).toBeVisible();
    await dropPaths(page, [dir]);
    const problems = page.getByTestId('load-problem');
    await expect(problems).toHaveCount(3);
    const name = dir.split('/').pop();
    await expect(problems.filter({ hasText: 'photo.png' })).toHaveText(
      `${name}/photo.png: a PNG image, not a DICOM file. Lucent opens DICOM files (.dcm), folders of them and .zip archives of them.`,
    );
    await expect(problems.filter({ hasText: 'scan.pdf' })).toContainText('scan.pdf: a PDF document, not a DICOM file.');
    await expect(problems.filter({ hasText: 'notes.txt' })).toContainText('notes.txt: a text file, not a DICOM file.');
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/1');
    await expectImageShown(page);
  });

  test('a .zip archive opens through the file picker', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'lucent-zip-'));
    const mr = (n: number) => new Uint8Array(readFileSync(`public/samples/mr-brain/MR000${n}.dcm`));
    const zipPath = join(dir, 'export.zip');
    writeFileSync(
      zipPath,
      zipSync({ 'study/MR0001.dcm': mr(1), 'study/MR0002.dcm': mr(2), 'study/readme.txt': new TextEncoder().encode('hi') }),
    );
    await page.goto('./');
    await page.getByTestId('file-input').setInputFiles(zipPath);
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/2');
    await expect(page.getByTestId('load-problems')).toContainText('export.zip/study/readme.txt');
    await expectImageShown(page);
  });

  test('a folder opens through the folder picker', async ({ page }) => {
    await page.goto('./');
    await page.getByTestId('folder-input').setInputFiles(join(process.cwd(), 'public/samples/mr-brain'));
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/24');
    await expectImageShown(page);
  });

  test('series thumbnails switch between open studies', async ({ page }) => {
    await openSample(page, 'chest-dx');
    await page.getByTestId('folder-input').setInputFiles(join(process.cwd(), 'public/samples/mr-brain'));
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/24');
    const thumbs = page.getByTestId('series-thumbnail');
    await expect(thumbs).toHaveCount(2);
    await thumbs.filter({ hasText: 'DX' }).click();
    await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/1');
    await expect(page.getByTestId('overlay-series')).toContainText('DX');
    // [ and ] step through the series in the order the panel lists them.
    const dxFirst = (await thumbs.first().innerText()).includes('DX');
    await page.keyboard.press(dxFirst ? ']' : '[');
    await expect(page.getByTestId('overlay-series')).toContainText('MR');
  });
});

test.describe('the start screen', () => {
  test('the Lucent logo goes back to the sample list, and the report written is there when the study opens again', async ({ page }) => {
    await openSample(page, 'chest-dx');
    const viewport = page.getByTestId('viewport');
    const firstImageId = await viewport.getAttribute('data-image-id');
    // A region the reader drew (a finding of theirs) and an impression typed.
    await page.getByRole('button', { name: 'Region' }).click();
    await dragOnViewport(page, [0.4, 0.4], [80, 60]);
    const finding = page.getByTestId('finding');
    await expect(finding).toHaveCount(1);
    const regionId = await finding.getAttribute('data-region-ids');
    await page.getByLabel('Impression').fill('Written before going back.');

    await page.getByRole('button', { name: 'Lucent' }).click();
    await expect(page.getByTestId('sample-chest-dx')).toBeVisible();
    await expect(page.getByTestId('series-thumbnail')).toHaveCount(0);

    await page.getByTestId('sample-chest-dx').click();
    await expect(page.getByTestId('overlay-slice')).toBeVisible();
    await expect(page.getByLabel('Impression')).toHaveValue('Written before going back.');
    await expect(finding).toHaveCount(1);
    // The image opened again has another imageId; the region is on it, drawn on the viewer.
    await expect(viewport).not.toHaveAttribute('data-image-id', firstImageId!);
    await expect(finding).toHaveAttribute('data-region-images', (await viewport.getAttribute('data-image-id'))!);
    await expect(page.locator(`[data-testid=viewport] svg [data-id="${regionId}-rect"]`)).toBeVisible();
  });
});
