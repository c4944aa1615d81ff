// The production build as a static site: served by the plainest host under a deep base path (no
// COOP/COEP, so WASM runs single-threaded), visited once, then with the host gone and the browser
// offline it still loads, opens a sample and drafts a report — all from the service worker's cache.
import { expect, test } from '@playwright/test';
import { startStaticHost, type StaticHost } from './staticHost';
import { chooseBackend, draft, expectImageShown } from './helpers';

test.use({ serviceWorkers: 'allow' });

let host: StaticHost | undefined;
test.afterEach(async () => {
  await host?.close();
  host = undefined;
});

test('after one visit the build works with no network: opens a sample and drafts a report', async ({ page, context }) => {
  test.setTimeout(300_000);
  // `dist/` is what the preview project's web server built for this run.
  host = await startStaticHost('dist', '/hospital/apps/lucent/');
  await page.goto(host.url);
  await expect(page.getByTestId('sample-chest-dx')).toBeVisible();
  // The service worker reports when the whole site (app, codecs, runtimes, model, samples) is cached.
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);

  const url = host.url;
  await host.close();
  host = undefined;
  await context.setOffline(true);
  await page.goto(url);
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('sample-chest-dx').click();
  await expect(page.getByTestId('overlay-slice')).toBeVisible();
  await expectImageShown(page);
  await chooseBackend(page, 'wasm');
  const report = await draft(page);
  expect(report.findings.length).toBeGreaterThan(0);
  await expect(page.getByTestId('model-info')).toContainText('1 thread');
});
