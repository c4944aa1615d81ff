// Knowing when not to draft: images outside what the model reads (another modality, a lateral view,
// a blank or noise image) are refused before any model task, each with its reason; Draft anyway
// drafts, and every finding and export then carries the warning.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { bytesToDataset } from '../src/report/sr/dicomFile';
import { chooseBackend, expectValidSR, openSample } from './helpers';

async function downloaded(page: Page, testId: string): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return readFileSync((await (await download).path())!);
}

test(
  'the real CT is refused with its reason and drafts nothing until Draft anyway; ' + 'the forced draft and its exports carry the warning',
  async ({ page }) => {
    test.setTimeout(240_000);
    await openSample(page, 'real-ct');
    await chooseBackend(page, 'wasm');
    await page.getByTestId('draft').click();
    await expect(page.getByTestId('refusal-reason')).toHaveText('CT image: this model reads frontal chest radiographs (PA or AP).');
    await expect(page.getByTestId('draft-anyway')).toBeVisible();
    await expect(page.getByTestId('finding')).toHaveCount(0);
    await expect(page.getByTestId('draft-stats')).toHaveCount(0);
    // The shortcut asks the same question and gets the same answer.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('d');
    await expect(page.getByTestId('refusal-reason')).toContainText('CT image');
    await expect(page.getByTestId('finding')).toHaveCount(0);

    await page.getByTestId('draft-anyway').click();
    await expect(page.getByTestId('draft-stats')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    await expect(page.getByTestId('model-refusal')).toHaveCount(0);
    // The report says it was drafted anyway, and so does each finding the model wrote (on a CT, it may write none).
    await expect(page.getByTestId('report-warning')).toContainText('Drafted anyway — CT image');
    await expect(page.locator('[data-testid=finding][data-warned=false]')).toHaveCount(0);

    const text = (await downloaded(page, 'export-text')).toString();
    expect(text).toContain('WARNING: Drafted anyway — CT image: this model reads frontal chest radiographs (PA or AP).');
    const markdown = (await downloaded(page, 'export-markdown')).toString();
    expect(markdown).toContain('**Warning:** Drafted anyway');
    const fhir = JSON.parse((await downloaded(page, 'export-fhir')).toString());
    expect(JSON.stringify(fhir.entry[0].resource.extension)).toContain('CT image');
    const sr = await downloaded(page, 'export-sr');
    expectValidSR(sr, 'drafted-anyway.dcm');
    const dataset = bytesToDataset(sr.buffer.slice(sr.byteOffset, sr.byteOffset + sr.byteLength) as ArrayBuffer);
    expect(JSON.stringify(dataset.ContentSequence)).toContain('Drafted anyway — CT image');
  },
);

test('an MR slice, a lateral chest film, a black image and a noise image are each refused with their own reason', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'lucent-domain-'));
  // Three series of one new study, made from the generated chest film: a lateral view, all black, noise.
  const script = `
import sys, numpy as np, pydicom
from pydicom.uid import generate_uid
src, out = sys.argv[1], sys.argv[2]
study = generate_uid()
rng = np.random.default_rng(3)
for n, (name, change) in enumerate([('lateral', None), ('black', 0), ('noise', 'noise')]):
    ds = pydicom.dcmread(src)
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID = study, generate_uid(), generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.SeriesNumber, ds.SeriesDescription = n + 1, name
    if name == 'lateral':
        ds.ViewPosition = 'LL'
    elif change == 0:
        ds.PixelData = np.zeros((ds.Rows, ds.Columns), np.uint16).tobytes()
    else:
        ds.PixelData = rng.integers(0, 4096, (ds.Rows, ds.Columns), dtype=np.uint16).tobytes()
    ds.save_as(f'{out}/{n + 1}-{name}.dcm')`;
  execFileSync('/usr/bin/python3', ['-c', script, 'public/samples/chest-dx/IMG0001.dcm', dir]);

  await openSample(page, 'mr-brain');
  await chooseBackend(page, 'wasm');
  await page.getByTestId('draft').click();
  await expect(page.getByTestId('refusal-reason')).toHaveText('MR image: this model reads frontal chest radiographs (PA or AP).');

  await page.getByTestId('file-input').setInputFiles(['1-lateral.dcm', '2-black.dcm', '3-noise.dcm'].map((f) => join(dir, f)));
  const reasons: Record<string, string> = {
    lateral: 'lateral view: this model reads frontal chest radiographs (PA or AP).',
    black: 'blank image (all black): nothing for the model to read.',
    noise: 'the image is noise, not a radiograph: nothing for the model to read.',
  };
  for (const name of ['lateral', 'black', 'noise']) {
    await page.getByTestId('series-thumbnail').filter({ hasText: name }).click();
    await expect(page.getByTestId('overlay-series')).toContainText(name);
    await page.getByTestId('draft').click();
    await expect(page.getByTestId('refusal-reason')).toHaveText(reasons[name]);
    await expect(page.getByTestId('finding')).toHaveCount(0);
  }
});

test('a film whose header says frontal chest but whose pixels are an MR slice is refused by the learned domain check in its words', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'lucent-domain-'));
  // The generated chest film's header (DX, CHEST, PA) over an MR slice's pixels, stretched to its 12 bits: the header checks and
  // the pixel checks pass it, and only the learned statistics of the model's input find it far from any chest film.
  const script = `
import sys, numpy as np, pydicom
from pydicom.uid import generate_uid
chest, mr, out = sys.argv[1], sys.argv[2], sys.argv[3]
ds = pydicom.dcmread(chest)
pixels = pydicom.dcmread(mr).pixel_array.astype(float)
ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID = generate_uid(), generate_uid(), generate_uid()
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
ds.SeriesDescription = 'mr pixels'
ds.Rows, ds.Columns = pixels.shape
ds.PixelData = np.round(pixels * 4095 / pixels.max()).astype(np.uint16).tobytes()
ds.save_as(out)`;
  const file = join(dir, 'mr-pixels.dcm');
  execFileSync('/usr/bin/python3', ['-c', script, 'public/samples/chest-dx/IMG0001.dcm', 'public/samples/mr-brain/MR0001.dcm', file]);
  // The words the bundled model's manifest gives its learned check's refusal.
  const manifest = JSON.parse(readFileSync('models/lucent-cxr-synth/manifest.json', 'utf8'));
  const reason: string = manifest.domain_statistics.refusal;
  expect(reason).toMatch(/unlike the frontal chest films the model was trained on/);

  await openSample(page, 'chest-dx');
  await chooseBackend(page, 'wasm');
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('series-thumbnail').filter({ hasText: 'mr pixels' }).click();
  await expect(page.getByTestId('overlay-series')).toContainText('mr pixels');
  await page.getByTestId('draft').click();
  await expect(page.getByTestId('refusal-reason')).toHaveText(reason);
  await expect(page.getByTestId('draft-anyway')).toBeVisible();
  await expect(page.getByTestId('finding')).toHaveCount(0);
});
