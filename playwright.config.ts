import { defineConfig } from '@playwright/test';

// Browser tests run Debian's Chromium (apt-get install -y chromium); nothing is downloaded.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];

// Overridable so that two checkouts (worktrees) can run their browser tests at once.
const DEV_PORT = Number(process.env.LUCENT_DEV_PORT ?? 5173);
const PREVIEW_PORT = Number(process.env.LUCENT_PREVIEW_PORT ?? 4173);
/** e2e/pacs.spec.ts starts Orthanc here; both servers proxy /pacs-proxy to it (Orthanc sends no CORS headers). */
export const ORTHANC_PORT = 8043;
const proxyEnv = { LUCENT_PACS_PROXY: `http://127.0.0.1:${ORTHANC_PORT}` };

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  // A flaky test is a defect to fix, not to retry; a stray test.only must not pass CI.
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1400, height: 850 },
    trace: 'retain-on-failure',
    // The build's service worker would precache the whole site (about 90 MB) in every test's fresh
    // context; only e2e/offline.spec.ts, which tests it, lets it run.
    serviceWorkers: 'block',
  },
  projects: [
    // The production build (what a static host serves) gets the whole suite.
    { name: 'preview', use: { baseURL: `http://127.0.0.1:${PREVIEW_PORT}/` } },
    // `npm start` (the dev server) gets the tests tagged @dev: loading and codecs differ between the two.
    { name: 'dev', grep: /@dev/, use: { baseURL: `http://127.0.0.1:${DEV_PORT}/` } },
  ],
  webServer: [
    {
      command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PREVIEW_PORT} --strictPort`,
      url: `http://127.0.0.1:${PREVIEW_PORT}/`,
      env: proxyEnv,
      // Never test a server another process runs on the port: Playwright stops with "already used".
      reuseExistingServer: false,
      timeout: 180_000,
    },
    {
      command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      env: proxyEnv,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
