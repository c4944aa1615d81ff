// Lucent against a real PACS: Orthanc with its DICOMweb plugin, reached through the app server's
// /pacs-proxy (Orthanc sends no CORS headers). Samples go in by STOW-RS; the reader finds a study
// through the UI, opens it, drafts, edits, signs, stores the report as an SR, and gets it back from
// Orthanc in a browser with no local copy. A stopped server or a 401 shows its error and loses nothing.
import { expect, test, type Page } from '@playwright/test';
import { ORTHANC_PORT } from '../playwright.config';
import { chooseBackend, draft, expectValidSR, findAndOpen, forgetSavedReports, signReport } from './helpers';
import { startOrthanc, type Orthanc } from '../scripts/pacs/orthanc';

const PACS = '/pacs-proxy/dicom-web';
let orthanc: Orthanc | undefined;
test.afterEach(async () => {
  await orthanc?.stop();
  orthanc = undefined;
});

const findingsOf = (page: Page) =>
  page
    .getByTestId('finding')
    .evaluateAll((items) =>
      items.map((li) => [li.querySelector('textarea')!.value, li.getAttribute('data-decision'), li.getAttribute('data-boxes')]),
    );

test('find a study in the PACS, report it, store the SR, and get the report back from the PACS', async ({ page }) => {
  test.setTimeout(300_000);
  orthanc = await startOrthanc(ORTHANC_PORT);
  await orthanc.store(['public/samples/chest-dx/IMG0001.dcm', 'public/samples/mr-brain/MR0001.dcm']);

  await page.goto(`./?pacs=${encodeURIComponent(PACS)}`);
  await expect(page.getByTestId('pacs')).toBeVisible();
  // The search finds by part of the name; another patient's study is not listed.
  await page.getByLabel('Patient name').fill('chest');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('pacs-study')).toHaveCount(1);
  await expect(page.getByTestId('pacs-study')).toContainText('ACC0001');
  await findAndOpen(page, 'chest');

  await chooseBackend(page, 'wasm');
  await draft(page);
  await page.getByLabel('Impression').fill('Stored in the PACS.');
  await page.getByRole('button', { name: 'Reject' }).first().click();
  await signReport(page, 'Dr PACS');
  await page.getByTestId('store-pacs').click();
  await expect(page.getByTestId('store-status')).toContainText('Stored in the PACS');
  const [sr, ...more] = await orthanc.files('SR');
  expect(more).toHaveLength(0);
  expectValidSR(sr, 'stored.dcm');
  const stored = await findingsOf(page);

  // A browser with no local copy of the report: everything comes from Orthanc.
  await forgetSavedReports(page);
  await page.goto('./');
  await findAndOpen(page, 'chest');
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
  await expect(page.getByTestId('signed-version')).toHaveText([/Version 1 signed by Dr PACS/]);
  await expect(page.getByLabel('Impression')).toHaveValue('Stored in the PACS.');
  expect(await findingsOf(page)).toEqual(stored);
  await expect(page.getByTestId('load-problems')).toHaveCount(0);
});

test('a stopped PACS and a refused login are explained, with a retry, and no edit is lost', async ({ page }) => {
  test.setTimeout(240_000);
  orthanc = await startOrthanc(ORTHANC_PORT);
  await orthanc.store(['public/samples/chest-dx/IMG0001.dcm']);
  await page.goto(`./?pacs=${encodeURIComponent(PACS)}`);
  await findAndOpen(page, 'chest');
  await page.getByLabel('Impression').fill('Typed while the PACS goes away.');

  await orthanc.stop();
  orthanc = undefined;
  await signReport(page, 'Dr Offline');
  await page.getByTestId('store-pacs').click();
  await expect(page.getByTestId('export-error')).toContainText('Storing the report in the PACS failed');
  await expect(page.getByLabel('Impression')).toHaveValue('Typed while the PACS goes away.');
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');

  // Back with authentication on: the search says it is refused (401), and Retry works once it is up without.
  orthanc = await startOrthanc(ORTHANC_PORT, { users: { reader: 'secret' } });
  await page.goto('./');
  await page.getByLabel('Patient name').fill('chest');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('pacs-error')).toContainText('401');
  await orthanc.stop();
  orthanc = await startOrthanc(ORTHANC_PORT);
  await orthanc.store(['public/samples/chest-dx/IMG0001.dcm']);
  await page.getByTestId('pacs-error').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('pacs-study')).toHaveCount(1);
  // The report typed before is still this browser's.
  await page.getByTestId('pacs-study').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByLabel('Impression')).toHaveValue('Typed while the PACS goes away.');
});
