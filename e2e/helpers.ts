import { readFileSync, writeFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { dciodvfy } from '../scripts/dicom/dciodvfy';
import { dsr2xml, dsrdump } from '../scripts/dicom/dsrdump';

export interface CanvasStats {
  width: number;
  height: number;
  mean: number;
  /** Share of pixels brighter than near-black. */
  litFraction: number;
  /** Cheap fingerprint of the rendered pixels, to tell two renders apart. */
  hash: number;
}

/** Read back what a viewport's canvas shows (the current study's, or another by its test id, such as the prior's). */
export async function canvasStats(
  page: Page,
  region?: { x0: number; y0: number; x1: number; y1: number },
  testid = 'viewport',
): Promise<CanvasStats> {
  return page.evaluate(
    ([r, id]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid=${id}] canvas`);
      if (!canvas || canvas.width === 0) return { width: 0, height: 0, mean: 0, litFraction: 0, hash: 0 };
      const ctx = canvas.getContext('2d')!;
      const x0 = Math.floor((r?.x0 ?? 0) * canvas.width);
      const y0 = Math.floor((r?.y0 ?? 0) * canvas.height);
      const w = Math.max(1, Math.floor((r?.x1 ?? 1) * canvas.width) - x0);
      const h = Math.max(1, Math.floor((r?.y1 ?? 1) * canvas.height) - y0);
      const data = ctx.getImageData(x0, y0, w, h).data;
      let sum = 0;
      let lit = 0;
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) {
        const v = (data[i] + data[i + 1] + data[i + 2]) / 3;
        sum += v;
        if (v > 16) lit++;
        hash = (hash * 31 + data[i]) | 0;
      }
      const n = data.length / 4;
      return { width: canvas.width, height: canvas.height, mean: sum / n, litFraction: lit / n, hash };
    },
    [region, testid] as const,
  );
}

export async function expectImageShown(page: Page, testid = 'viewport'): Promise<CanvasStats> {
  await expect
    .poll(async () => (await canvasStats(page, undefined, testid)).litFraction, { message: `${testid} shows a non-blank image` })
    .toBeGreaterThan(0.05);
  return canvasStats(page, undefined, testid);
}

export async function openSample(page: Page, id: string): Promise<void> {
  await page.goto('./');
  await page.getByTestId(`sample-${id}`).click();
  await expect(page.getByTestId('overlay-slice')).toBeVisible();
  await expectImageShown(page);
}

export async function sliceText(page: Page): Promise<string> {
  return (await page.getByTestId('overlay-slice').innerText()).trim();
}

/** Drop files or folders from disk onto the page the way an OS drag does (Chromium DevTools protocol). */
export async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x: 700, y: 400, data });
  }
  await cdp.detach();
}

// The model: pick a backend in the settings, draft a report and read it back from the panel.
export interface Draft {
  backend: string;
  findings: Array<{ text: string; boxes: number[][] }>;
  impression: string;
}

export async function chooseBackend(page: Page, backend: 'webgpu' | 'wasm'): Promise<void> {
  await page.getByRole('button', { name: 'Model settings' }).click();
  await page.getByLabel('Backend').selectOption(backend);
  await expect(page.getByTestId('model-info')).toHaveAttribute('data-backend', backend, { timeout: 120_000 });
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
}

export async function draft(page: Page): Promise<Draft> {
  await page.getByTestId('draft').click();
  await expect(page.getByTestId('draft-stats')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  const findings = await page.getByTestId('finding').evaluateAll((items) =>
    items.map((li) => ({
      text: li.querySelector('textarea')!.value.trim(),
      boxes: JSON.parse(li.getAttribute('data-boxes')!) as number[][],
    })),
  );
  return {
    backend: (await page.getByTestId('model-info').getAttribute('data-backend'))!,
    findings,
    impression: (await page.getByTestId('impression').inputValue()).trim(),
  };
}

/** Empties this browser's saved reports (IndexedDB), as a browser that never saw them. */
export async function forgetSavedReports(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const request = indexedDB.deleteDatabase('keyval-store');
        request.onsuccess = request.onerror = request.onblocked = resolve;
      }),
  );
}

/** Clicks a download button and reads the file the page saved. */
export async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/**
 * Every SR the page makes is read by the independent readers: written into the test's output, then
 * dciodvfy, DCMTK's dsrdump and dsr2xml must report no error (each throws when it cannot run). Returns
 * the file and dsrdump's reading of it.
 */
export function expectValidSR(bytes: Uint8Array, name: string): { file: string; dump: string } {
  const file = test.info().outputPath(name);
  writeFileSync(file, bytes);
  const check = dciodvfy(file);
  expect(check.problems, `dciodvfy on ${name}:\n${check.output}`).toEqual([]);
  const reading = dsrdump(file);
  expect(reading.problems, `dsrdump on ${name}`).toEqual([]);
  expect(dsr2xml(file).problems, `dsr2xml on ${name}`).toEqual([]);
  return { file, dump: reading.dump };
}

/** The checks dialog's button that signs over its warnings (and leaves undecided AI findings out). */
export const SIGN_OVER_WARNINGS = /^Sign (anyway|without (it|them))$/;

/**
 * Presses Sign report, signing over warnings in the checks' dialog (an empty impression; AI findings
 * nobody decided, which signing leaves out of the record); a blocking check fails the test. Returns
 * once the report has left its state.
 */
export async function signOverWarnings(page: Page): Promise<void> {
  const signOff = page.getByTestId('sign-off');
  const before = await signOff.getAttribute('data-status');
  await page.getByRole('button', { name: 'Sign report' }).click();
  const checks = page.getByRole('dialog', { name: 'Checks before signing' });
  await expect(signOff.and(page.locator(`:not([data-status="${before}"])`)).or(checks)).toBeVisible();
  if (await checks.isVisible()) {
    await expect(checks.locator('[data-severity="blocking"]')).toHaveCount(0);
    await checks.getByRole('button', { name: SIGN_OVER_WARNINGS }).click();
  }
  await expect(signOff).not.toHaveAttribute('data-status', before!);
}

/** Sets who reads in the sign-off (name and role, kept in this browser) and waits for the toolbar to say so. */
export async function readAs(page: Page, name: string, role: 'resident' | 'attending'): Promise<void> {
  await page.getByLabel('Reader').fill(name);
  await page.getByLabel('Role').selectOption(role);
  await expect(page.getByTestId('reader-identity')).toHaveText(`${name} · ${role}`);
}

/** Signs as `reader` (in the role set in this browser, an attending by default): the report is final. */
export async function signReport(page: Page, reader: string): Promise<void> {
  await page.getByLabel('Reader').fill(reader);
  await signOverWarnings(page);
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
}

/** Finds a study in the PACS panel by patient name, picks it by accession number (the chest sample's by default) and opens it. */
export async function findAndOpen(page: Page, patient: string, accession = 'ACC0001'): Promise<void> {
  await page.getByLabel('Patient name').fill(patient);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByTestId('pacs-study').filter({ hasText: accession });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('overlay-slice')).toBeVisible();
  await expectImageShown(page);
}

/** Types a finding of the reader's own into the report (accepted, as the reader wrote it). */
export async function typeFinding(page: Page, sentence: string): Promise<void> {
  await page.getByLabel('Add a finding').fill(sentence);
  await page.getByLabel('Add a finding').press('Enter');
}

/** A drag on the current viewport with the tool in hand: from a point given as fractions of it, by (dx, dy) pixels. */
export async function dragOnViewport(page: Page, [fx, fy]: [number, number], [dx, dy]: [number, number]): Promise<void> {
  const box = (await page.getByTestId('viewport').boundingBox())!;
  const [x, y] = [box.x + box.width * fx, box.y + box.height * fy];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

/**
 * Scans the page as it is: every serious or critical violation is listed with its rule, help and where it
 * fails. Soft, so that one run reports every state of a test rather than stopping at the first.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const why = (summary = '') =>
    summary
      .replace(/Fix (any|all) of the following:/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const severe = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) =>
      [`${v.id} (${v.impact}): ${v.help}`, ...v.nodes.map((n) => `    ${n.target.join(' ')} — ${why(n.failureSummary)}`)].join('\n'),
    );
  expect.soft(severe.length, `serious or critical accessibility violations on the ${state}:\n${severe.join('\n')}\n`).toBe(0);
}
