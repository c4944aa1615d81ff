// Reports that came before this one: findings other tools wrote down, opened beside the images.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { bytesToDataset, datasetToBytes } from '../src/report/sr/dicomFile';
import { ohifMeasurementReport } from '../src/report/import/__fixtures__/testMeasurementReports';
import { pdfReport } from '../src/report/import/__fixtures__/testDocuments';
import { ORTHANC_PORT } from '../playwright.config';
import { chooseBackend, downloaded, draft, dropPaths, expectValidSR, findAndOpen, openSample } from './helpers';
import { startOrthanc, type Orthanc } from '../scripts/pacs/orthanc';

let orthanc: Orthanc | undefined;
test.afterEach(async () => {
  await orthanc?.stop();
  orthanc = undefined;
});

const datasetOf = (path: string) => {
  const file = readFileSync(path);
  return bytesToDataset(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
};

/** dcmjs reads a person name as { Alphabetic } (in a list in recent versions). */
const patientNameOf = (ds: Record<string, unknown>) =>
  String([ds.PatientName].flat().map((n) => (n as { Alphabetic?: string })?.Alphabetic ?? n)[0] ?? '');

/** A TID 1500 SR as OHIF writes it (dcmjs), on the image of a file, named by its SOP Instance UID. */
function ohifReportOn(path: string) {
  const image = datasetOf(path);
  return ohifMeasurementReport({
    StudyInstanceUID: String(image.StudyInstanceUID),
    SeriesInstanceUID: String(image.SeriesInstanceUID),
    SOPInstanceUID: String(image.SOPInstanceUID),
    SOPClassUID: String(image.SOPClassUID),
    PatientName: patientNameOf(image),
    PatientID: String(image.PatientID),
  });
}

test.describe("another tool's measurement report", () => {
  test('opened with its image, its findings become the report and their regions are drawn on the image', async ({ page }) => {
    // A TID 1500 SR as OHIF writes it (dcmjs), on the chest sample's image, named by its SOP Instance UID.
    const sr = ohifReportOn('public/samples/chest-dx/IMG0001.dcm');
    const dir = test.info().outputPath('drop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ohif-measurements.dcm'), new Uint8Array(datasetToBytes(sr)));

    await openSample(page, 'chest-dx');
    await dropPaths(page, [join(dir, 'ohif-measurements.dcm')]);

    await expect(page.getByTestId('imported-report')).toHaveText(
      "Findings read from another tool's measurement report: OHIF Research Derived series",
    );
    const findings = page.getByTestId('finding');
    await expect(findings).toHaveCount(4);
    expect(await findings.evaluateAll((items) => items.map((li) => li.querySelector('textarea')!.value))).toEqual([
      'Nodule, right upper lobe of lung: Length 12.3 mm.',
      'Mass: Perimeter 700 mm; Area 30000 mm².',
      'Line tip.',
      'Pleural effusion, left pleura: Area 1571 mm²; Severity: mild.',
    ]);
    await expect(page.getByTestId('load-problems')).toHaveCount(0);

    // The nodule's length is a measurement on the image on screen (#40): drawn as the Length it was, the reader's accepted finding.
    const nodule = findings.first();
    await expect(nodule).toHaveAttribute('data-provenance', 'human');
    await expect(nodule).toHaveAttribute('data-decision', 'accepted');
    expect(JSON.parse((await nodule.getAttribute('data-boxes'))!)).toEqual([[600, 400, 640, 430]]);
    await expect(nodule).toHaveAttribute('data-region-images', (await page.getByTestId('viewport').getAttribute('data-image-id'))!);
    const regionId = (await nodule.getAttribute('data-region-ids'))!;
    const rect = page.locator(`[data-testid=viewport] svg [data-id="${regionId}-line"]`);
    await expect(rect).toBeVisible();
    // Measured again by Cornerstone's Length on this film, whose spacing is the detector's (with that caveat).
    const length = page.locator('[data-testid=measurement][data-tool=length]');
    await expect(length).toContainText(/Length 1[23](\.\d)? mm/);
    await expect(length).toContainText('Imager Pixel Spacing');
    await expect(page.locator('[data-testid=measurement][data-tool=arrow]')).toContainText('In the report');
    // Every finding of the SR has its region drawn: a measurement with its tool, another shape as its box.
    for (const ids of await findings.evaluateAll((items) => items.map((li) => li.getAttribute('data-region-ids')!))) {
      const drawn = `[data-testid=viewport] svg [data-id^="${ids}-"], [data-testid=viewport] svg [data-annotation-uid="${ids}"]`;
      await expect(page.locator(drawn).first()).toBeVisible();
    }

    // Selecting the finding highlights its region.
    const unselectedStroke = await rect.getAttribute('stroke');
    await nodule.click();
    await expect(nodule).toHaveAttribute('data-selected', 'true');
    await expect(rect).not.toHaveAttribute('stroke', unselectedStroke!);
  });
});

const studyUIDOf = (path: string) => String(datasetOf(path).StudyInstanceUID);

test.describe('comparison with a prior study', () => {
  test(
    'the sample pair: the prior listed and opened beside, a draft that says what changed, ' +
      'a comparison sentence on both films, the SR referencing the prior',
    async ({ page }) => {
      test.setTimeout(300_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openSample(page, 'chest-pair');
      // The follow-up is the study reported; its prior is listed, without a report yet.
      const entry = page.getByTestId('prior-entry');
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText('2026-11-15 · DX');
      await expect(entry.getByTestId('prior-report')).toHaveText('no report');
      const priorUID = studyUIDOf('public/samples/chest-pair/PRIOR.dcm');
      await expect(entry).toHaveAttribute('data-study-uid', priorUID);
      await entry.getByTestId('prior-open').click();
      await expect(page.getByTestId('prior-viewport')).toBeVisible();
      await expect(page.getByTestId('prior-viewport')).toHaveAttribute('data-image-id', /.+/);
      const priorImage = (await page.getByTestId('prior-viewport').getAttribute('data-image-id'))!;
      await expect(page.getByTestId('prior-report-pane')).toContainText('No report');

      await chooseBackend(page, 'wasm');
      const drafted = await draft(page);
      await expect(page.getByTestId('report-comparison')).toHaveText('DX 2026-11-15, XR CHEST PA (accession ACC0005)');
      // The pair's true changes (PAIR.pair.json): the effusion grew, the pneumothorax is new, the nodule is unchanged, the tube moved.
      const kinds = await page.getByTestId('finding-change').evaluateAll((items) => items.map((i) => i.getAttribute('data-change')));
      expect(kinds).toEqual(expect.arrayContaining(['increased', 'new', 'unchanged', 'moved']));
      // Each change is said in its sentence.
      for (const f of drafted.findings.filter((f) => /since the prior study/.test(f.text)))
        expect(f.text).toMatch(
          /(new|increased|decreased|unchanged|placed|moved about \d+ mm|repositioned|resolved|removed) since the prior study/,
        );

      // A comparison sentence of a finding on both films selects its region on both viewers.
      const onBoth = page
        .getByTestId('finding')
        .filter({ has: page.locator('[data-change=increased], [data-change=unchanged], [data-change=decreased], [data-change=moved]') });
      const finding = onBoth.first();
      const images = (await finding.getAttribute('data-region-images'))!.split(' ');
      expect(images).toContain(priorImage);
      expect(images).toContain(await page.getByTestId('viewport').getAttribute('data-image-id'));
      const ids = (await finding.getAttribute('data-region-ids'))!.split(' ');
      const rectOn = (viewer: string, id: string) => page.locator(`[data-testid=${viewer}] svg [data-id="${id}-rect"]`);
      const priorId = ids[images.indexOf(priorImage)];
      const currentId = ids[images.findIndex((i) => i !== priorImage)];
      await expect(rectOn('prior-viewport', priorId)).toHaveCount(1);
      await expect(rectOn('viewport', currentId)).toHaveCount(1);
      await expect(rectOn('viewport', priorId)).toHaveCount(0);
      const strokes = async () => [
        await rectOn('viewport', currentId).getAttribute('stroke'),
        await rectOn('prior-viewport', priorId).getAttribute('stroke'),
      ];
      const before = await strokes();
      await finding.click();
      await expect(finding).toHaveAttribute('data-selected', 'true');
      await expect.poll(async () => (await strokes()).map((s, k) => s !== before[k])).toEqual([true, true]);
      // The picture of a comparison with its prior that the README shows (copied to docs/ by hand).
      await page.screenshot({ path: 'test-results/comparison.png' });

      // The SR names the prior: its study and image as other evidence, and the Comparison text.
      const { bytes, name } = await downloaded(page, 'export-sr');
      expectValidSR(bytes, name);
      const sr = bytesToDataset(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const other = sr.PertinentOtherEvidenceSequence as Array<{ StudyInstanceUID: string }>;
      expect(other.map((s) => s.StudyInstanceUID)).toEqual([priorUID]);
      expect(JSON.stringify(sr.ContentSequence)).toContain('DX 2026-11-15');
      expect(errors).toEqual([]);
    },
  );

  test('the older study read with the newer beside it: no comparison backwards in time, and one click turns them round', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await openSample(page, 'chest-pair');
    const series = page
      .getByRole('navigation', { name: 'Series' })
      .locator('section')
      .filter({ has: page.getByTestId('series-thumbnail') });
    const older = series.filter({ hasText: '2026-11-15' });
    const newer = series.filter({ hasNotText: '2026-11-15' });
    await older.getByTestId('series-thumbnail').click();
    await newer.getByTestId('open-beside').click();
    await expect(page.getByTestId('prior-title')).toContainText(/^Newer · DX 2026-11-1[6-9]/);
    await expect(page.getByTestId('prior-order-note')).toContainText('Lucent compares only with an earlier study');

    await chooseBackend(page, 'wasm');
    await draft(page);
    // Nothing is compared with the newer study: no change said, no comparison named.
    await expect(page.getByTestId('finding-change')).toHaveCount(0);
    await expect(page.getByTestId('report-comparison')).toHaveCount(0);
    for (const text of await page
      .getByTestId('finding')
      .locator('textarea')
      .evaluateAll((t) => t.map((x) => (x as HTMLTextAreaElement).value)))
      expect(text).not.toMatch(/since the prior study|decreased|resolved/);

    // Turned round: the newer study is read, the older beside it as its prior.
    await page.getByTestId('read-newer').click();
    await expect(page.getByTestId('prior-title')).toHaveText(/^Prior · DX 2026-11-15/);
    await expect(page.getByTestId('prior-order-note')).toHaveCount(0);
    await expect(page.getByTestId('prior-viewport')).toHaveAttribute('data-image-id', /.+/);
  });

  test('through the PACS: the prior found by QIDO-RS for the patient, opened beside the current study', async ({ page }) => {
    test.setTimeout(180_000);
    orthanc = await startOrthanc(ORTHANC_PORT);
    // The prior was reported with another tool: its measurement report is stored with it.
    const report = join(test.info().outputPath('pacs'), 'prior-measurements.dcm');
    mkdirSync(dirname(report), { recursive: true });
    writeFileSync(report, new Uint8Array(datasetToBytes(ohifReportOn('public/samples/chest-pair/PRIOR.dcm'))));
    await orthanc.store(['public/samples/chest-pair/PRIOR.dcm', 'public/samples/chest-pair/CURRENT.dcm', report]);
    await page.goto(`./?pacs=${encodeURIComponent('/pacs-proxy/dicom-web')}`);
    await findAndOpen(page, 'pair', 'ACC0006');
    const entry = page.getByTestId('prior-entry');
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute('data-study-uid', studyUIDOf('public/samples/chest-pair/PRIOR.dcm'));
    await expect(entry.getByTestId('prior-report')).toHaveText('report stored with the study · on the PACS');
    const current = await page.getByTestId('viewport').getAttribute('data-image-id');
    await entry.getByTestId('prior-open').click();
    await expect(page.getByTestId('prior-viewport')).toHaveAttribute('data-image-id', /^wadors:/);
    await expect(page.getByTestId('prior-title')).toContainText('Prior · DX 2026-11-15');
    // The current study stays the one on screen and reported; the prior is now open, listed once.
    await expect(page.getByTestId('viewport')).toHaveAttribute('data-image-id', current!);
    await expect(entry).toHaveCount(1);
    await expect(entry.getByTestId('prior-report')).toHaveText('measurement report (OHIF)');
    // Its report is shown under it, read-only, to compare with.
    await expect(page.getByTestId('prior-report-pane')).toContainText('Measurement report (OHIF)');
    await expect(page.getByTestId('prior-report-text')).toContainText('Nodule, right upper lobe of lung: Length 12.3 mm.');
    await expect(entry.getByTestId('prior-open')).toBeDisabled();
    await expect(page.getByTestId('load-problems')).toHaveCount(0);
  });

  test("a prior's PDF report is listed with it and opens", async ({ page }) => {
    const prior = datasetOf('public/samples/chest-pair/PRIOR.dcm');
    const name = patientNameOf(prior);
    const pdf = pdfReport(
      {
        StudyInstanceUID: String(prior.StudyInstanceUID),
        PatientID: String(prior.PatientID),
        PatientName: name,
        StudyDate: String(prior.StudyDate),
      },
      'Chest radiograph report',
    );
    const file = join(test.info().outputPath('pdf'), 'prior-report.dcm');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, new Uint8Array(datasetToBytes(pdf)));
    await openSample(page, 'chest-pair');
    await dropPaths(page, [file]);
    const entry = page.getByTestId('prior-entry');
    await expect(entry.getByTestId('prior-report')).toHaveText('PDF report: Chest radiograph report');
    await expect(page.getByTestId('load-problems')).toHaveCount(0);
    const { name: saved, bytes } = await downloaded(page, 'prior-pdf');
    expect(saved).toBe('Chest_radiograph_report-20261115.pdf');
    expect(bytes.subarray(0, 8).toString()).toBe('%PDF-1.4');
  });
});
