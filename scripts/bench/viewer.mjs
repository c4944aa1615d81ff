// Viewer benchmark in headless Chromium against the production build:
// time to first image (radiograph, CT) and stack-scroll frames per second on the CT.
// Each measure runs with Lucent's default WebGL renderer and with Cornerstone's CPU fallback
// (?render=cpu, not feature-complete: see src/viewer/cornerstone.ts), side by side in one run.
// Usage: node scripts/bench/viewer.mjs BASE_URL [RUNS]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const runs = Number(process.argv[3] ?? 5);
const args = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** In the page: click a sample and time until the viewport canvas shows a lit image. */
async function timeToFirstImage(page, sampleId) {
  await page.goto(base + page.lucentQuery);
  await page.getByTestId(`sample-${sampleId}`).waitFor();
  return page.evaluate(async (id) => {
    const lit = () => {
      const el = document.querySelector('[data-testid=viewport]');
      const canvas = el?.querySelector('canvas');
      if (!el?.dataset.imageId || !canvas || canvas.width === 0) return false;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 64) if (data[i] > 16) n++;
      return n / (data.length / 64) > 0.05;
    };
    const t0 = performance.now();
    document.querySelector(`[data-testid=sample-${id}]`).click();
    await new Promise((resolve) => {
      const poll = () => (lit() ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    return performance.now() - t0;
  }, sampleId);
}

/** In the page: step through every slice with the keyboard, waiting for each render. */
async function scrollFps(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid=viewport]');
    const count = Number(document.querySelector('[data-testid=slice-scrollbar]').max) + 1;
    const rendered = () => new Promise((resolve) => el.addEventListener('CORNERSTONE_IMAGE_RENDERED', resolve, { once: true }));
    const pass = async (key) => {
      const t0 = performance.now();
      for (let k = 1; k < count; k++) {
        const done = rendered();
        window.dispatchEvent(new KeyboardEvent('keydown', { key }));
        await done;
      }
      return (count - 1) / ((performance.now() - t0) / 1000);
    };
    const firstPass = await pass('ArrowDown'); // decodes each JPEG-LS slice on the way
    const cachedPass = await pass('ArrowUp'); // slices now in Cornerstone's cache
    return { firstPass, cachedPass };
  });
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });

async function withPage(query, fn) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
  const page = await context.newPage();
  page.lucentQuery = query;
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

const fmt = (xs, digits) => xs.map((x) => x.toFixed(digits)).join(', ');
const modes = [
  { name: 'gpu', query: '' },
  { name: 'cpu', query: '?render=cpu' },
];

try {
  const renderer = await withPage('', async (page) => {
    await page.goto(base);
    return page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'no WebGL2';
    });
  });
  console.log(`WebGL renderer: ${renderer}`);
  const ttfi = {};
  for (const sample of ['chest-dx', 'real-chest-cr', 'ct-chest']) {
    for (const mode of modes) {
      const times = [];
      for (let r = 0; r < runs; r++) times.push(await withPage(mode.query, (page) => timeToFirstImage(page, sample)));
      ttfi[`${sample}/${mode.name}`] = median(times);
      console.log(
        `time to first image  ${sample.padEnd(14)} ${mode.name.padEnd(4)} ` +
          `median ${median(times).toFixed(0).padStart(5)} ms   (runs: ${fmt(times, 0)})`,
      );
    }
  }
  const scroll = {};
  for (const mode of modes) {
    const first = [];
    const cached = [];
    for (let r = 0; r < Math.max(3, Math.ceil(runs / 2)); r++) {
      const fps = await withPage(mode.query, async (page) => {
        await timeToFirstImage(page, 'ct-chest');
        return scrollFps(page);
      });
      first.push(fps.firstPass);
      cached.push(fps.cachedPass);
    }
    scroll[mode.name] = { first: median(first), cached: median(cached) };
    console.log(
      `stack scroll CT 120×512² ${mode.name.padEnd(4)} first pass (decoding) median ${median(first).toFixed(1)} fps ` +
        `(runs: ${fmt(first, 1)}); cached median ${median(cached).toFixed(1)} fps (runs: ${fmt(cached, 1)})`,
    );
  }
  console.log(
    `ratio scroll fps cpu / gpu renderer (first pass): ${(scroll.cpu.first / scroll.gpu.first).toFixed(2)}  ` +
      '(60 fps is the display refresh cap)',
  );
  console.log(`ratio time to first image CT / radiograph (default renderer): ${(ttfi['ct-chest/gpu'] / ttfi['chest-dx/gpu']).toFixed(2)}`);
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  console.log('targets (a benchmark, not a test: a MISS is reported, not failed; from the large-studies issue)');
  console.log(
    `  ${verdict(ttfi['chest-dx/gpu'] <= 300)}  first image of a local chest radiograph within 300 ms (default renderer): ` +
      `${ttfi['chest-dx/gpu'].toFixed(0)} ms`,
  );
  console.log(
    `  ${verdict(scroll.gpu.cached >= 30)}  stack scroll through a loaded CT at 30 fps or more (default renderer): ` +
      `${scroll.gpu.cached.toFixed(1)} fps`,
  );
} finally {
  await browser.close();
}
