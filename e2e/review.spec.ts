// Preliminary → final: a resident drafts, edits and signs a preliminary; an attending reviews it
// (tracked changes), edits a sentence, rejects a finding, moves a region and signs the final; an
// addendum follows. The audit timeline, the resident's feedback and the exports say exactly that, and
// the report stored in a real Orthanc reopens with its states and audit trail.
import { expect, test, type Page } from '@playwright/test';
import { ORTHANC_PORT } from '../playwright.config';
import { chooseBackend, downloaded, draft, expectValidSR, findAndOpen, forgetSavedReports, readAs, signOverWarnings } from './helpers';
import { startOrthanc, type Orthanc } from '../scripts/pacs/orthanc';

const PACS = '/pacs-proxy/dicom-web';
let orthanc: Orthanc | undefined;
test.afterEach(async () => {
  await orthanc?.stop();
  orthanc = undefined;
});

/** Stores the report in the PACS; every SR there passes dciodvfy and DCMTK's readers. */
async function storeInPacs(page: Page): Promise<void> {
  await page.getByTestId('store-pacs').click();
  await expect(page.getByTestId('store-status')).toContainText('Stored in the PACS');
  const stored = await orthanc!.files('SR');
  expect(stored.length).toBeGreaterThan(0);
  stored.forEach((bytes, i) => expectValidSR(bytes, `stored-${i + 1}.dcm`));
}

const auditOf = (page: Page) =>
  page.getByTestId('audit-entry').evaluateAll((items) => items.map((li) => li.textContent!.replace(/^.*? · v/, 'v')));

test(
  'a resident preliminary, reviewed and signed final by an attending, ' +
    'with tracked changes, audit, feedback, an addendum, exports and the PACS',
  async ({ page }) => {
    test.setTimeout(300_000);
    orthanc = await startOrthanc(ORTHANC_PORT);
    await orthanc.store(['public/samples/chest-dx/IMG0001.dcm']);
    await page.goto(`./?pacs=${encodeURIComponent(PACS)}`);
    await findAndOpen(page, 'chest');

    // The resident drafts, edits and signs a preliminary.
    await readAs(page, 'Dr Resident', 'resident');
    await chooseBackend(page, 'wasm');
    const drafted = await draft(page);
    expect(drafted.findings.length).toBeGreaterThan(2);
    const findings = page.getByTestId('finding');
    await page.getByLabel('Finding 1', { exact: true }).fill('Resident wording of the first finding.');
    for (const accept of await findings.getByRole('button', { name: 'Accept', exact: true }).all()) await accept.click();
    await page.getByLabel('Impression').fill('Resident impression.');
    await signOverWarnings(page);
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'preliminary');
    await expect(page.getByTestId('signed-version')).toHaveText([/Version 1 signed by Dr Resident \(resident\).*Preliminary/]);
    await expect(page.getByLabel('Finding 1', { exact: true })).toHaveAttribute('readonly', '');
    await expect(page.getByRole('button', { name: 'Sign report' })).toBeDisabled();
    await storeInPacs(page);

    // The attending opens the review: nothing changed yet; then three edits.
    await readAs(page, 'Dr Attending', 'attending');
    await expect(page.getByTestId('no-changes')).toBeVisible();
    await expect(page.getByLabel('Finding 1', { exact: true })).not.toHaveAttribute('readonly', '');
    await page.getByLabel('Finding 1', { exact: true }).fill('Attending wording of the first finding.');
    await findings.nth(1).getByRole('button', { name: 'Reject' }).click();
    const regionId = (await findings.first().getAttribute('data-region-ids'))!.split(' ')[0];
    expect(regionId, 'the first finding has a region to move').toBeTruthy();
    const rect = page.locator(`[data-testid=viewport] svg [data-id="${regionId}-rect"]`);
    const boxBefore = await findings.first().getAttribute('data-boxes');
    await findings.first().click();
    const box = (await rect.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 41, box.y + box.height / 2 + 20, { steps: 5 });
    await page.mouse.up();
    await expect(findings.first()).not.toHaveAttribute('data-boxes', boxBefore!);
    const tracked = page.getByTestId('tracked-change');
    await expect(tracked).toHaveText([
      /Finding edited: (Resident|Attending).*wording of the first finding\./,
      /Region moved/,
      /Finding rejected/,
    ]);
    expect(await tracked.evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')))).toEqual([
      'edited',
      'region-moved',
      'rejected',
    ]);
    await expect(tracked.first().locator('del')).toHaveText('Resident');
    await expect(tracked.first().locator('ins')).toHaveText('Attending');
    await signOverWarnings(page);
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
    await expect(page.getByTestId('signed-version')).toHaveText([
      /Dr Resident \(resident\).*Preliminary/,
      /Version 2 signed by Dr Attending \(attending\).*Final/,
    ]);

    // The resident's feedback, and the audit timeline: exactly those edits, by whom.
    await expect(page.getByTestId('feedback-item')).toHaveText([/reworded — Resident wording of the first finding\./, /over-called/]);
    await expect(page.getByTestId('feedback-count').first()).toBeVisible();
    const audit = await auditOf(page);
    const afterPreliminary = audit.slice(audit.findIndex((a) => a.includes('Signed the preliminary report (version 1)')));
    expect(afterPreliminary[0]).toMatch(/^v1 · Dr Resident \(resident\): Signed the preliminary report \(version 1\)/);
    expect(afterPreliminary.slice(1).map((a) => a.replace(/“.*”/, '“…”'))).toEqual([
      'v2 · Dr Attending (attending): Edited finding 1: “…”',
      'v2 · Dr Attending (attending): Rejected finding 2 “…”',
      'v2 · Dr Attending (attending): Moved or resized a region of finding 1 “…”',
      'v2 · Dr Attending (attending): Signed the final report (version 2)',
    ]);

    // An addendum after the final keeps the final text.
    await page.getByRole('button', { name: 'Add addendum' }).click();
    await page.getByLabel('Addendum text').fill('Discussed with the ward team at 14:00.');
    await page.getByRole('button', { name: 'Sign addendum' }).click();
    await expect(page.getByTestId('addendum')).toContainText('Addendum 1, signed by Dr Attending (attending)');
    await expect(page.getByLabel('Finding 1', { exact: true })).toHaveValue('Attending wording of the first finding.');
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');

    // The exports carry the states.
    const text = (await downloaded(page, 'export-text')).bytes.toString();
    expect(text).toMatch(/FINAL — signed by Dr Attending \(attending\) on .* \(version 2\)\. Preliminary by Dr Resident \(resident\)/);
    expect(text).toContain('ADDENDUM 1 (Dr Attending, attending,');
    const fhir = JSON.parse((await downloaded(page, 'export-fhir')).bytes.toString());
    const resources = fhir.entry.map((e: { resource: Record<string, unknown> }) => e.resource);
    expect(resources[0]).toMatchObject({
      resourceType: 'DiagnosticReport',
      status: 'appended',
      resultsInterpreter: [{ display: 'Dr Attending' }, { display: 'Dr Resident' }],
    });
    const auditCount = await page.getByTestId('audit-entry').count();
    expect(resources.filter((r: { resourceType: string }) => r.resourceType === 'Provenance')).toHaveLength(auditCount);
    const hl7 = (await downloaded(page, 'export-hl7')).bytes.toString().split('\r');
    expect(hl7[0]).toMatch(/^MSH\|\^~\\&\|LUCENT\|LUCENT\|\|\|\d{14}\|\|ORU\^R01\^ORU_R01\|/);
    expect(hl7[2].split('|')[25]).toBe('C');
    expect(hl7[2].split('|').slice(32, 34)).toEqual(['Dr Attending', 'Dr Resident']);

    // Stored in the PACS and reopened in a browser with no copy: states, addendum and audit trail intact.
    const auditStored = await auditOf(page);
    expect(auditStored.at(-1)).toMatch(/^v2 · Dr Attending \(attending\): Signed addendum 1: “Discussed with the ward team at 14:00\.”/);
    await storeInPacs(page);
    const trackedBefore = await tracked.allTextContents();
    await forgetSavedReports(page);
    await page.goto('./');
    await findAndOpen(page, 'chest');
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
    await expect(page.getByTestId('signed-version')).toHaveText([
      /Dr Resident \(resident\).*Preliminary/,
      /Dr Attending \(attending\).*Final/,
    ]);
    await expect(page.getByTestId('addendum')).toContainText('Discussed with the ward team at 14:00.');
    await expect(page.getByTestId('load-problems')).toHaveCount(0);
    expect(await tracked.allTextContents()).toEqual(trackedBefore);
    expect(await auditOf(page)).toEqual(auditStored);
  },
);
