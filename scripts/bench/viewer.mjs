// Viewer benchmark in headless Chromium against the production build:
// time to first image (radiograph, CT) and stack-scroll frames per second on the CT.
// Usage: node scripts/bench/viewer.mjs BASE_URL [RUNS]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const runs = Number(process.argv[3] ?? 5);
const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** In the page: click a sample and time until the viewport canvas shows a lit image. */
async function timeToFirstImage(page, sampleId) {
  await page.goto(base);
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
const results = {};
try {
  for (const sample of ['chest-dx', 'real-chest-cr', 'ct-chest']) {
    const times = [];
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
      const page = await context.newPage();
      times.push(await timeToFirstImage(page, sample));
      await context.close();
    }
    results[sample] = times;
    console.log(`time to first image  ${sample.padEnd(14)} median ${median(times).toFixed(0).padStart(5)} ms   (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
  }
  const first = [];
  const cached = [];
  for (let r = 0; r < Math.max(3, Math.ceil(runs / 2)); r++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
    const page = await context.newPage();
    await timeToFirstImage(page, 'ct-chest');
    const fps = await scrollFps(page);
    first.push(fps.firstPass);
    cached.push(fps.cachedPass);
    await context.close();
  }
  console.log(`stack scroll, CT 120 × 512²    first pass (decode) median ${median(first).toFixed(1)} fps   (runs: ${first.map((f) => f.toFixed(1)).join(', ')})`);
  console.log(`stack scroll, CT 120 × 512²    cached pass         median ${median(cached).toFixed(1)} fps   (runs: ${cached.map((f) => f.toFixed(1)).join(', ')})`);
  console.log(`ratio cached / first pass: ${(median(cached) / median(first)).toFixed(2)}`);
  console.log(`ratio CT / radiograph time to first image: ${(median(results['ct-chest']) / median(results['chest-dx'])).toFixed(2)}`);
} finally {
  await browser.close();
}
