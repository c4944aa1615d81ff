// Hardening: every file of the bad-input corpus is named with its reason while the good files of
// the same drop load; DICOM text is shown as text, never run as HTML; an edit survives the page
// closing or crashing; a full storage quota is reported, not swallowed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { bytesToDataset } from '../src/report/sr/dicomFile';
import { BAD_FILE_REASONS, KEPT_AS_REPORTS } from './fixtures/badFiles';
import { chooseBackend, draft, dropPaths, expectImageShown, openSample, signReport } from './helpers';

test('each bad file of a drop gets its own message and the good files in it still load @dev', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('sample-chest-dx')).toBeVisible();
  await dropPaths(page, [join(process.cwd(), 'e2e/fixtures/bad')]);
  const problems = page.getByTestId('load-problem');
  const named = Object.entries(BAD_FILE_REASONS).filter(([name]) => !KEPT_AS_REPORTS.includes(name));
  await expect(problems).toHaveCount(named.length);
  for (const [name, reason] of named) {
    await expect(problems.filter({ hasText: `bad/${name}:` }), name).toHaveText(
      new RegExp(`bad/${name.replace('.', '\\.')}: .*${reason.source}`),
    );
  }
  await expect(page.getByTestId('overlay-slice')).toContainText('Im 1/2');
  await expectImageShown(page);
  // The PDF of the good files' study is kept as its report, not named as a problem.
  for (const name of KEPT_AS_REPORTS) await expect(problems.filter({ hasText: `bad/${name}:` })).toHaveCount(0);
});

test(
  'a whole session (load, draft, edit, sign, export) talks to no origin but the app, ' +
    'under a policy that blocks any other, and logs no patient data',
  async ({ page, context, baseURL }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    const requests: string[] = [];
    const sent: string[] = [];
    context.on('request', (r) => {
      requests.push(r.url());
      sent.push(r.url(), r.postData() ?? '');
    });
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

    await openSample(page, 'chest-dx');
    await chooseBackend(page, 'wasm');
    const report = await draft(page);
    await page.getByLabel('Impression').fill('Edited impression.');
    await page.getByRole('button', { name: 'Accept' }).first().click();
    await signReport(page, 'Dr Privacy');
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
    for (const format of ['text', 'markdown', 'fhir', 'sr']) {
      const download = page.waitForEvent('download');
      await page.getByTestId(`export-${format}`).click();
      await download;
    }
    expect(report.findings.length).toBeGreaterThan(0);

    expect(requests.length).toBeGreaterThan(10);
    const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
    expect(elsewhere).toEqual([]);
    expect(await violations()).toEqual([]);

    // The policy is in force: a request to another origin is refused by the browser.
    const outcome = await page.evaluate(() =>
      fetch('https://example.org/collect?id=1').then(
        () => 'sent',
        () => 'blocked',
      ),
    );
    expect(outcome).toBe('blocked');
    // (Reported once per policy in force: the preview server's header and the page's own <meta>.)
    expect([...new Set(await violations())]).toEqual(['connect-src https://example.org/collect?id=1']);

    // Every identifying value of the sample, raw as stored and as the overlay shows it.
    const stored = readFileSync('public/samples/chest-dx/IMG0001.dcm');
    const ds = bytesToDataset(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer);
    const rawName = (ds.PatientName as Array<{ Alphabetic: string }>)[0].Alphabetic;
    const birthDate = String(ds.PatientBirthDate);
    const identifying = [
      rawName,
      String(ds.PatientID),
      birthDate,
      `${birthDate.slice(0, 4)}-${birthDate.slice(4, 6)}-${birthDate.slice(6)}`,
      String(ds.AccessionNumber),
    ];
    const shownName = (await page.getByTestId('overlay-patient').innerText()).split('\n')[0].trim();
    identifying.push(shownName);
    expect(
      identifying.every((v) => v.length > 3),
      identifying.join(' | '),
    ).toBe(true);
    expect(identifying).toContain('SYNTHETIC^CHEST DX');
    const leaks = (texts: string[]) => texts.filter((text) => identifying.some((v) => text.includes(v)));
    expect(leaks(logs)).toEqual([]);
    expect(leaks(sent)).toEqual([]);
  },
);

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

test('an edit survives the page crashing once the report says it is saved', async ({ page, context }) => {
  await openSample(page, 'chest-dx');
  await page.getByLabel('Add a finding').fill('Typed finding before the crash.');
  await page.getByLabel('Add a finding').press('Enter');
  await page.getByLabel('Impression').fill('Typed just before the crash.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const crashed = page.waitForEvent('crash');
  await page.goto('chrome://crash').catch(() => undefined); // Chromium's own way to kill a renderer
  await crashed;
  const reopened = await context.newPage();
  await openSample(reopened, 'chest-dx');
  await expect(reopened.getByLabel('Impression')).toHaveValue('Typed just before the crash.');
  await expect(reopened.getByLabel('Finding 1', { exact: true })).toHaveValue('Typed finding before the crash.');
});

test('a full storage quota is reported, the edit stays on the page, and saving resumes when space returns', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // Chromium's own quota machinery, shrunk to nothing for this origin before it opens its database
  // (an open IndexedDB connection keeps the space it was granted for a while).
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await openSample(page, 'chest-dx');
  await page.getByLabel('Impression').fill('Written while the disk is full.');
  await expect(page.getByTestId('save-problem')).toContainText('storage for this site is full');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByLabel('Impression')).toHaveValue('Written while the disk is full.');
  // The model still loads; it only says it could not be kept for the next visit.
  await expect(page.getByTestId('model-cache-problem')).toContainText('storage for this site is full', { timeout: 120_000 });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.getByLabel('Impression').fill('Written once space is back.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('save-problem')).toHaveCount(0);
  await page.reload();
  await page.getByTestId('sample-chest-dx').click();
  await expect(page.getByLabel('Impression')).toHaveValue('Written once space is back.');
});
