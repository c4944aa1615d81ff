// The in-browser model: the bundled model drafts grounded reports of the sample radiographs on
// WebGPU (SwiftShader here) and on WASM with the same findings and boxes; a tampered model file
// is refused; a second load comes from Cache Storage without downloading the model again.
import { expect, test, type Page } from '@playwright/test';
import { chooseBackend, draft, openSample } from './helpers';

/** Bins per side of the model's box grid. */
async function boxBins(page: Page): Promise<number> {
  const manifest = await (await page.request.get('./models/lucent-cxr-synth/manifest.json')).json();
  return manifest.boxes.bins;
}

for (const sample of ['chest-dx', 'chest-cr']) {
  test(`${sample}: WebGPU and WASM draft the same grounded report`, async ({ page }) => {
    test.setTimeout(600_000);
    const truth = await (await page.request.get(`./samples/${sample}/IMG0001.json`)).json();
    await openSample(page, sample);
    await chooseBackend(page, 'wasm');
    const wasm = await draft(page);
    expect(wasm.backend).toBe('wasm');
    expect(wasm.findings.length).toBeGreaterThan(0);
    expect(wasm.impression).not.toBe('');

    await chooseBackend(page, 'webgpu');
    const webgpu = await draft(page);
    expect(webgpu.backend).toBe('webgpu');

    expect(webgpu.findings.map((f) => f.text)).toEqual(wasm.findings.map((f) => f.text));
    expect(webgpu.impression).toBe(wasm.impression);
    // One coordinate bin, in image pixels: the image's longer side spans the model's square.
    const bin = Math.max(truth.rows, truth.columns) / (await boxBins(page));
    webgpu.findings.forEach((f, i) => {
      expect(f.boxes.length).toBe(wasm.findings[i].boxes.length);
      f.boxes.forEach((box, j) => box.forEach((v, k) => expect(Math.abs(v - wasm.findings[i].boxes[j][k])).toBeLessThanOrEqual(bin + 0.1)));
    });
  });
}

test('a model file that does not match its manifest is refused', async ({ page }) => {
  test.setTimeout(120_000);
  await page.route('**/models/lucent-cxr-synth/decoder.int8.onnx', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 100] ^= 0xff; // one flipped byte
    await route.fulfill({ response, body });
  });
  await page.goto('./');
  await page.evaluate(() => caches.delete('lucent-models-v1'));
  await openSample(page, 'chest-dx');
  await expect(page.getByTestId('model-error')).toContainText('decoder.int8.onnx does not match the sha256 in its manifest');
  await expect(page.getByTestId('draft')).toBeDisabled();
});

test('the second load comes from the cache: no model file is downloaded, and it works offline', async ({ page, context }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await page.evaluate(() => caches.delete('lucent-models-v1'));
  const modelRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/models\/.*\.(onnx|json)$/.test(r.url()) && !r.url().endsWith('manifest.json')) modelRequests.push(r.url());
  });
  await openSample(page, 'chest-dx');
  await expect(page.getByTestId('model-info')).toHaveAttribute('data-from-cache', 'false', { timeout: 120_000 });
  expect(modelRequests.length).toBe(3); // encoder, decoder, tokenizer

  modelRequests.length = 0;
  await page.reload();
  await openSample(page, 'chest-dx');
  await expect(page.getByTestId('model-info')).toHaveAttribute('data-from-cache', 'true', { timeout: 120_000 });
  expect(modelRequests).toEqual([]);

  // Offline, the cached manifest stands in for the network's.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Model settings' }).click();
  await page.getByRole('button', { name: 'Bundled model' }).click();
  await expect(page.getByTestId('model-info')).toHaveAttribute('data-from-cache', 'true', { timeout: 120_000 });
  await context.setOffline(false);
});

test('another model can be loaded from a folder on disk, and a wrong manifest URL is explained', async ({ page }) => {
  test.setTimeout(180_000);
  await openSample(page, 'chest-dx');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Model settings' }).click();
  await page.getByLabel('Manifest URL').fill('./models/no-such-model/manifest.json');
  await page.getByRole('button', { name: 'Load this model' }).click();
  // A static host answers 404, or (like Vite's preview) the app's own index.html: both are explained.
  await expect(page.getByTestId('model-error')).toContainText(/no-such-model\/manifest\.json (answered 404|is not JSON)/);

  await page.getByRole('button', { name: 'Model settings' }).click();
  await page.getByLabel('Model folder').setInputFiles('models/lucent-cxr-synth');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('model-info')).toContainText('lucent-cxr-synth');
  await page.getByTestId('draft').click();
  await expect(page.getByTestId('draft-stats')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
});

test('drafting streams findings, can be cancelled, and shows what it runs on @dev', async ({ page }) => {
  test.setTimeout(300_000);
  await openSample(page, 'chest-dx');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('model-provenance')).toContainText('synthetic');
  await expect(page.getByTestId('model-provenance')).toContainText('Not for clinical use');
  // Automatic leaves this machine's software WebGPU adapter (SwiftShader) for WASM, and says why.
  await expect(page.getByTestId('model-backend')).toContainText('WASM');
  await expect(page.getByTestId('model-backend-note')).toContainText('software renderer');
  // Asked for by name, WebGPU runs on it: slow enough to watch the draft grow, then cancel it.
  await chooseBackend(page, 'webgpu');
  await expect(page.getByTestId('model-backend')).toHaveText('WebGPU');
  await page.keyboard.press('d');
  await expect(page.getByTestId('finding').first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('draft-stats')).toHaveCount(0);
  await page.getByTestId('cancel-draft').click();
  await expect(page.getByTestId('draft-stats')).toHaveAttribute('data-status', 'cancelled');

  await chooseBackend(page, 'wasm');
  await expect(page.getByTestId('model-backend')).toContainText('WASM');
  await page.keyboard.press('d');
  await expect(page.getByTestId('draft-stats')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  expect(await page.getByTestId('finding').count()).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('draft-stats').getAttribute('data-tokens'))).toBeGreaterThan(5);
});
