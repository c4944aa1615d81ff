// Reports that came before this one: findings other tools wrote down, opened beside the images.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { bytesToDataset, datasetToBytes } from '../src/report/export/dicomFile';
import { ohifMeasurementReport } from '../src/report/import/testMeasurementReports';
import { dropPaths, openSample } from './helpers';

test.describe("another tool's measurement report", () => {
  test('opened with its image, its findings become the report and their regions are drawn on the image', async ({ page }) => {
    // A TID 1500 SR as OHIF writes it (dcmjs), on the chest sample's image, named by its SOP Instance UID.
    const file = readFileSync('public/samples/chest-dx/IMG0001.dcm');
    const image = bytesToDataset(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const sr = ohifMeasurementReport({
      StudyInstanceUID: String(image.StudyInstanceUID),
      SeriesInstanceUID: String(image.SeriesInstanceUID),
      SOPInstanceUID: String(image.SOPInstanceUID),
      SOPClassUID: String(image.SOPClassUID),
    });
    const dir = test.info().outputPath('drop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ohif-measurements.dcm'), new Uint8Array(datasetToBytes(sr)));

    await openSample(page, 'chest-dx');
    await dropPaths(page, [join(dir, 'ohif-measurements.dcm')]);

    await expect(page.getByTestId('imported-report')).toHaveText("Findings read from another tool's measurement report: OHIF Research Derived series");
    const findings = page.getByTestId('finding');
    await expect(findings).toHaveCount(4);
    expect(await findings.evaluateAll((items) => items.map((li) => li.querySelector('textarea')!.value))).toEqual([
      'Nodule, right upper lobe of lung: Length 12.3 mm.',
      'Mass: Perimeter 700 mm; Area 30000 mm².',
      'Line tip.',
      'Pleural effusion, left pleura: Area 1571 mm²; Severity: mild.',
    ]);
    await expect(page.getByTestId('load-problems')).toHaveCount(0);

    // The nodule's length is drawn as its box on the image on screen, as the reader's accepted finding.
    const nodule = findings.first();
    await expect(nodule).toHaveAttribute('data-provenance', 'human');
    await expect(nodule).toHaveAttribute('data-decision', 'accepted');
    expect(JSON.parse((await nodule.getAttribute('data-boxes'))!)).toEqual([[600, 400, 640, 430]]);
    await expect(nodule).toHaveAttribute('data-region-images', (await page.getByTestId('viewport').getAttribute('data-image-id'))!);
    const regionId = (await nodule.getAttribute('data-region-ids'))!;
    const rect = page.locator(`[data-testid=viewport] svg [data-id="${regionId}-rect"]`);
    await expect(rect).toBeVisible();
    // Every finding of the SR has its region drawn.
    for (const ids of await findings.evaluateAll((items) => items.map((li) => li.getAttribute('data-region-ids')!))) {
      await expect(page.locator(`[data-testid=viewport] svg [data-id="${ids}-rect"]`)).toHaveCount(1);
    }

    // Selecting the finding highlights its region.
    const unselectedStroke = await rect.getAttribute('stroke');
    await nodule.click();
    await expect(nodule).toHaveAttribute('data-selected', 'true');
    await expect(rect).not.toHaveAttribute('stroke', unselectedStroke!);
  });
});
