// Hardening (in progress): DICOM text is shown as text, never run as HTML; an edit made just
// before the page closes is there when it reopens.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chooseBackend, draft, openSample } from './helpers';

test('a patient name and description holding HTML are shown as text and run nothing', async ({ page }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'lucent-xss-')), 'XSS.dcm');
  const script = `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
ds.PatientName = '<img src=x onerror="window.__lucentXss=1">'
ds.StudyDescription = '<script>window.__lucentXss=2</script>'
ds.SeriesDescription = '<b onmouseover="window.__lucentXss=3">bold</b>'
ds.save_as(sys.argv[2])`;
  execFileSync('/usr/bin/python3', ['-c', script, 'public/samples/mr-brain/MR0001.dcm', file]);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('overlay-slice')).toBeVisible();
  // '=' separates a person name's alphabetic and ideographic forms in DICOM: the first form shows.
  await expect(page.getByTestId('viewport').locator('..')).toContainText('<img src');
  await expect(page.getByText('<script>window.__lucentXss=2</script>').first()).toBeVisible();
  await page.getByText('<b onmouseover', { exact: false }).first().hover();
  expect(await page.locator('img[src="x"], b[onmouseover]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __lucentXss?: number }).__lucentXss)).toBeUndefined();
});

test('an edit made just before the page closes is restored when it reopens', async ({ page, context }) => {
  test.setTimeout(180_000);
  await openSample(page, 'chest-dx');
  await chooseBackend(page, 'wasm');
  await draft(page);
  await page.getByLabel('Impression').fill('Typed just before closing.');
  await page.close();
  const reopened = await context.newPage();
  await openSample(reopened, 'chest-dx');
  await expect(reopened.getByLabel('Impression')).toHaveValue('Typed just before closing.');
});
