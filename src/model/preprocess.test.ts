import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { displayedPixels } from '../imaging/display';
import { boxToImagePixels, imagePixelsToBox, modelInputFromStored, toModelInput } from './preprocess';

describe('preprocessing', () => {
  it('matches the training recipe (models/recipe/data.py) on an odd-sized image', () => {
    const rows = 37;
    const cols = 29;
    const image = Float32Array.from({ length: rows * cols }, (_, i) => ((i * 7919) % 101) / 100);
    const script = `
import sys, json, numpy as np
sys.path.insert(0, 'models/recipe')
from data import to_square, normalise
img = np.array(json.loads(sys.stdin.read()), dtype=np.float32).reshape(${rows}, ${cols})
sq, scale = to_square(img, 16)
print(json.dumps({"pixels": normalise(sq).flatten().tolist(), "scale": scale}))`;
    const python = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(Array.from(image)) }).toString());
    const ours = toModelInput(image, rows, cols, { size: 16, normalize: { mean: 0.5, std: 0.25 }, quantizeLevels: 0 });
    expect(ours.scale).toBeCloseTo(python.scale, 10);
    const diff = Math.max(...Array.from(ours.pixels, (v, i) => Math.abs(v - python.pixels[i])));
    expect(diff).toBeLessThan(1e-5);
  });

  it('equalises the histogram as the recipe does (models/recipe/data.py model_pixels), over the image and not the padding', () => {
    const rows = 61;
    const cols = 43;
    const image = Float32Array.from({ length: rows * cols }, (_, i) => Math.pow(((i * 7919) % 211) / 210, 1.7));
    const script = `
import sys, json, numpy as np
sys.path.insert(0, 'models/recipe')
from data import to_square, model_pixels, region_hw
img = np.array(json.loads(sys.stdin.read()), dtype=np.float32).reshape(${rows}, ${cols})
sq, scale = to_square(img, 32)
print(json.dumps(model_pixels(sq, region_hw(img.shape, scale), True).flatten().tolist()))`;
    const python: number[] = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(Array.from(image)) }).toString(),
    );
    const ours = toModelInput(image, rows, cols, { size: 32, normalize: { mean: 0.5, std: 0.25 }, quantizeLevels: 255, equalize: true });
    expect(Math.max(...Array.from(ours.pixels, (v, i) => Math.abs(v - python[i])))).toBeLessThan(1e-5);
    expect(ours.pixels[31]).toBe(-2); // padding (the image is 32 x 23 in the square)
    // On a smooth film, a tone curve leaves the equalised input as it was (up to levels that 8 bits merge).
    const film = Float32Array.from(
      { length: rows * cols },
      (_, i) => 0.5 + 0.4 * Math.sin(Math.floor(i / cols) / 9) * Math.cos((i % cols) / 7),
    );
    const meanChange = (tone: (v: number) => number, equalize: boolean) => {
      const spec = { size: 32, normalize: { mean: 0.5, std: 0.25 }, quantizeLevels: 255, equalize };
      const [a, b] = [toModelInput(film, rows, cols, spec), toModelInput(film.map(tone), rows, cols, spec)];
      return a.pixels.reduce((sum, v, i) => sum + Math.abs(v - b.pixels[i]), 0) / a.pixels.length;
    };
    const gamma = (v: number) => Math.min(1, Math.max(0, (Math.pow(v, 0.6) - 0.5) * 1.3 + 0.55));
    expect(meanChange(gamma, true)).toBeLessThan(0.02);
    expect(meanChange(gamma, false)).toBeGreaterThan(0.1);
  });

  it('rounds to 8 bits as the recipe stores its training images', () => {
    const image = Float32Array.from([0.5 / 255, 1.5 / 255, 0.2, 0.70001]);
    const ours = toModelInput(image, 2, 2, { size: 2, normalize: { mean: 0, std: 1 }, quantizeLevels: 255 });
    expect(Array.from(ours.pixels, (v) => Math.round(v * 255))).toEqual([0, 2, 51, 179]);
  });

  it('gives 16-bit and 8-bit images the same input through the display table as through a displayed image', () => {
    const spec = { size: 32, normalize: { mean: 0.5, std: 0.25 }, quantizeLevels: 255 };
    const params = [
      { slope: 1, intercept: -1024, window: { center: 40, width: 400 }, monochrome1: false },
      { slope: 0.5, intercept: 3, monochrome1: true },
    ];
    const [rows, cols] = [300, 257];
    const u16 = Uint16Array.from({ length: rows * cols }, (_, i) => (i * 7919) % 4096);
    const i16 = Int16Array.from({ length: rows * cols }, (_, i) => ((i * 7919) % 4096) - 2048);
    const u8 = Uint8Array.from({ length: rows * cols }, (_, i) => (i * 31) % 256);
    for (const p of params) {
      for (const stored of [u16, i16, u8]) {
        const viaImage = toModelInput(displayedPixels(stored, p), rows, cols, spec);
        expect(modelInputFromStored(stored, rows, cols, p, spec)).toEqual(viaImage);
      }
    }
  });

  it('maps boxes to image pixels and back exactly', () => {
    const input = toModelInput(new Float32Array(300 * 200), 300, 200, {
      size: 160,
      normalize: { mean: 0.5, std: 0.25 },
      quantizeLevels: 255,
    });
    const pixels = boxToImagePixels([0.1, 0.2, 0.5, 0.9], input, 300, 200);
    expect(pixels[3]).toBeCloseTo(0.9 * 300, 6);
    const back = imagePixelsToBox(pixels, input);
    [0.1, 0.2, 0.5, 0.9].forEach((v, i) => expect(back[i]).toBeCloseTo(v, 10));
  });
});
