import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './src/privacy/contentSecurityPolicy.ts';

// Cross-origin isolation lets the WASM runtimes use threads (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Serve .dcm as application/dicom. Without a type, Vite's servers gzip DICOM on the fly
 * (measured: 430 ms for a 5 MB radiograph instead of 30 ms); DICOM pixel data gains little from it.
 */
function dicomContentType(): Plugin {
  const middleware = (req: { url?: string }, res: { setHeader: (k: string, v: string) => unknown }, next: () => void) => {
    if (req.url?.split('?')[0].toLowerCase().endsWith('.dcm')) {
      const setHeader = res.setHeader.bind(res);
      // The static handler sets its own (empty) type afterwards: keep ours.
      res.setHeader = (key: string, value: string) => setHeader(key, key.toLowerCase() === 'content-type' ? 'application/dicom' : value);
      setHeader('Content-Type', 'application/dicom');
    }
    next();
  };
  return {
    name: 'lucent-dicom-content-type',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

// Cornerstone3D 5.14 under Vite 8 (measured, see docs/setup-notes.md):
// - the dicom-image-loader must stay out of pre-bundling so that its worker and
//   codec URLs (new URL(..., import.meta.url)) resolve; its CommonJS codec glue
//   and the metadata/utils packages must be pre-bundled once so that the app
//   and the loader share one copy of the metadata registry;
// - vtk.js pulls in Node's `events`, provided by the npm package of that name.
/**
 * A PACS that sends no CORS headers (Orthanc, most PACS) is reached through the dev or preview
 * server: LUCENT_PACS_PROXY=http://host:port makes /pacs-proxy/... on the app's own origin go there
 * (point Lucent's PACS settings at /pacs-proxy/dicom-web). The browser never talks to it directly.
 */
const pacsProxy = process.env.LUCENT_PACS_PROXY
  ? {
      '/pacs-proxy': {
        target: process.env.LUCENT_PACS_PROXY,
        changeOrigin: true,
        rewrite: (path: string) => path.replace(/^\/pacs-proxy/, ''),
        // Without WWW-Authenticate a 401 reaches Lucent, which explains it, instead of the browser's own login prompt.
        configure: (proxy: { on: (event: 'proxyRes', listener: (res: { headers: Record<string, unknown> }) => void) => void }) =>
          proxy.on('proxyRes', (res) => delete res.headers['www-authenticate']),
      },
    }
  : undefined;

export default defineConfig({
  base: './',
  plugins: [
    react(),
    tailwindcss(),
    dicomContentType(),
    // The bundled models (manifest, ONNX, tokenizer, card) are served from models/ in dev and
    // copied into the build; the PyTorch weights kept for further training are not.
    viteStaticCopy({
      targets: [{ src: 'models/*/{manifest.json,tokenizer.json,metrics.json,MODEL_CARD.md,*.onnx}', dest: '.' }],
      structured: true,
    }),
    // The production build's service worker (Workbox) precaches the whole site — app, codecs,
    // onnxruntime's WASM, the bundled model and the samples — so that after one visit Lucent works
    // with no network. Paths are relative to the worker, so the site runs under any base path.
    VitePWA({
      // A new version waits for the reader to reload (a reload mid-reading would surprise them).
      registerType: 'prompt',
      injectRegister: false, // registered in src/app/serviceWorker.ts, which reports when offline use is ready
      manifest: {
        name: 'Lucent — radiology reporting assistant',
        short_name: 'Lucent',
        description: 'Reads DICOM studies and drafts grounded reports with a model that runs in the browser. Not for clinical use.',
        theme_color: '#0a0a0a',
        background_color: '#0a0a0a',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,mjs,css,wasm,svg,json,onnx,dcm,zip,md,txt,webmanifest}'],
        // The largest file is onnxruntime's WebGPU build (27 MB).
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  server: { headers: isolationHeaders, proxy: pacsProxy },
  // The preview server also sends the policy as a header, which (unlike the page's <meta>) covers
  // workers too. The dev server does not: React's fast refresh runs an inline script.
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy() }, proxy: pacsProxy },
  worker: { format: 'es' },
  optimizeDeps: {
    // onnxruntime-web finds its WASM through URLs set at run time (src/model/worker.ts): not pre-bundled.
    exclude: ['@cornerstonejs/dicom-image-loader', 'onnxruntime-web'],
    include: [
      'dicom-parser',
      '@cornerstonejs/metadata',
      '@cornerstonejs/utils',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-libjxl/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
  },
  test: {
    include: ['src/**/*.test.ts', 'models/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
  },
});
