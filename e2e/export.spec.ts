// Exports of a signed report, as downloaded files: text, Markdown, FHIR R4 and a DICOM SR that
// dciodvfy and DCMTK accept and that reads back to the report on the page.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { standardContent } from '../scripts/dicom/dsrdump';
import { bytesToDataset } from '../src/report/sr/dicomFile';
import { contentFromSR, isLucentSR } from '../src/report/sr/lucentSRRead';
import { chooseBackend, downloaded, draft, dropPaths, expectValidSR, openSample, forgetSavedReports } from './helpers';

test(
  'a signed report downloads as text, Markdown, FHIR and a valid DICOM SR that reads back the same, ' + 'also when dropped with its image',
  async ({ page }) => {
    test.setTimeout(240_000);
    await openSample(page, 'chest-dx');
    await chooseBackend(page, 'wasm');
    const report = await draft(page);
    expect(report.findings.length, 'a finding to accept, one to reject and one left undecided').toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Reject' }).last().click();
    await page.getByRole('button', { name: 'Accept', exact: true }).first().click();
    // Signing says, before it signs, that the undecided ones are left out.
    await page.getByLabel('Reader').fill('Dr Export');
    await page.getByRole('button', { name: 'Sign report' }).click();
    await expect(page.getByTestId('undecided-note')).toContainText(
      /Signing leaves out the (\d+ AI findings|AI finding) nobody has accepted/,
    );
    await page.getByRole('button', { name: /^Sign without (it|them)$/ }).click();
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
    // The impression proposed from the accepted finding, as signed.
    const impression = await page.getByLabel('Impression').inputValue();
    const decisions = await page.getByTestId('finding').evaluateAll((items) => items.map((li) => li.getAttribute('data-decision')));
    const kept = report.findings.filter((_, i) => decisions[i] === 'accepted');
    // Left out of the record: the rejected finding and those nobody accepted.
    const leftOut = report.findings.filter((_, i) => decisions[i] !== 'accepted');
    expect(kept).toHaveLength(1);
    expect(decisions.filter((d) => d === 'rejected')).toHaveLength(1);
    await expect(page.locator('[data-testid=finding][data-left-out=true]')).toHaveCount(report.findings.length - 2);

    const text = await downloaded(page, 'export-text');
    expect(text.name).toBe('lucent-report-ACC0001.txt');
    for (const f of kept) expect(text.bytes.toString()).toContain(`- ${f.text}`);
    for (const f of leftOut) expect(text.bytes.toString()).not.toContain(`- ${f.text}`);
    expect(text.bytes.toString()).toContain('FINAL — signed by Dr Export');

    const markdown = await downloaded(page, 'export-markdown');
    expect(markdown.bytes.toString()).toContain('## Findings');

    const fhir = JSON.parse((await downloaded(page, 'export-fhir')).bytes.toString());
    const resources = fhir.entry.map((e: { resource: Record<string, unknown> }) => e.resource);
    expect(resources[0]).toMatchObject({
      resourceType: 'DiagnosticReport',
      status: 'final',
      resultsInterpreter: [{ display: 'Dr Export' }],
    });
    expect(
      resources
        .filter((r: { resourceType: string }) => r.resourceType === 'Observation')
        .map((o: { valueString: string }) => o.valueString),
    ).toEqual(kept.map((f) => f.text));

    const hl7 = (await downloaded(page, 'export-hl7')).bytes.toString();
    for (const f of kept) expect(hl7).toContain(f.text);
    for (const f of leftOut) expect(hl7).not.toContain(f.text);

    const sr = await downloaded(page, 'export-sr');
    const { file, dump } = expectValidSR(sr.bytes, sr.name);
    // Read by DCMTK, an SR reader Lucent has no part in: the findings left out are nowhere in the standard
    // content (only in Lucent's private working state, which standard readers skip).
    const standard = standardContent(dump);
    const comment = (t: string) => `TEXT:(121106,DCM,"Comment")="${t}"`;
    for (const f of kept) expect(standard).toContain(comment(f.text));
    for (const f of leftOut) expect(standard).not.toContain(comment(f.text));
    expect(dump).toContain(leftOut[0].text);
    const dataset = bytesToDataset(sr.bytes.buffer.slice(sr.bytes.byteOffset, sr.bytes.byteOffset + sr.bytes.byteLength) as ArrayBuffer);
    expect(isLucentSR(dataset)).toBe(true);
    expect([dataset.CompletionFlag, dataset.VerificationFlag, dataset.PatientID]).toEqual(['COMPLETE', 'VERIFIED', 'LUC-0001']);
    const back = contentFromSR(dataset, () => 'the-image');
    expect(back.reader).toBe('Dr Export');
    expect(back.content.findings.map((f) => [f.text, f.decision, f.regions.map((r) => r.box.map((v) => Math.round(v * 10) / 10))])).toEqual(
      report.findings.map((f, i) => [f.text, decisions[i], f.boxes]),
    );

    // Dropped with its image into a browser that has no copy of the report, the SR brings it back.
    await forgetSavedReports(page);
    await page.reload();
    await expect(page.getByTestId('sample-chest-dx')).toBeVisible();
    const dir = test.info().outputPath('drop');
    mkdirSync(dir, { recursive: true });
    copyFileSync('public/samples/chest-dx/IMG0001.dcm', join(dir, 'IMG0001.dcm'));
    copyFileSync(file, join(dir, sr.name));
    await dropPaths(page, [dir]);
    await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
    await expect(page.getByTestId('signed-version')).toHaveText([/Version 1 signed by Dr Export/]);
    await expect(page.getByTestId('load-problems')).toHaveCount(0);
    const restored = await page
      .getByTestId('finding')
      .evaluateAll((items) =>
        items.map((li) => [
          li.querySelector('textarea')!.value.trim(),
          li.getAttribute('data-decision'),
          JSON.parse(li.getAttribute('data-boxes')!),
        ]),
      );
    expect(restored).toEqual(report.findings.map((f, i) => [f.text, decisions[i], f.boxes]));
    await expect(page.getByLabel('Impression')).toHaveValue(impression);
  },
);
