// Bounded fuzzing of the header parser (what every dropped file goes through first) and of the
// uncompressed pixel reader: thousands of mutated real files must either parse or fail with a
// DicomFileError / a named Error — never another exception, never a hang.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DicomFileError, readInstanceHeader } from './header';
import { uncompressedImage } from './uncompressedPixels';

/** mulberry32: a small seeded PRNG, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function mutate(source: Uint8Array, rand: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rand() * n);
  // Most of a file's structure is in its first few kilobytes: aim most mutations there.
  const where = () => (rand() < 0.8 ? pick(Math.min(source.length, 4096)) : pick(source.length));
  let bytes: Uint8Array = source.slice();
  switch (pick(5)) {
    case 0: // flip bytes
      for (let k = 1 + pick(16); k > 0; k--) bytes[where()] ^= 1 + pick(255);
      break;
    case 1: // truncate
      bytes = bytes.slice(0, where());
      break;
    case 2: {
      // a huge or odd length field
      const at = where();
      new DataView(bytes.buffer).setUint32(Math.min(at, bytes.length - 4), [0xffffffff, 0x7fffffff, 0xfffe, 1, 3][pick(5)], true);
      break;
    }
    case 3: {
      // delete a run of bytes
      const at = where();
      bytes = concat(bytes.subarray(0, at), bytes.subarray(at + 1 + pick(64)));
      break;
    }
    default: {
      // duplicate a run of bytes
      const at = where();
      const run = bytes.subarray(at, at + 1 + pick(64));
      bytes = concat(bytes.subarray(0, at), run, bytes.subarray(at));
    }
  }
  return bytes;
}

/** `npm test` runs a bounded pass; `npm run fuzz` sets FUZZ_SCALE for a much larger one. */
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));

const SOURCES = [
  'public/samples/mr-brain/MR0001.dcm',
  ...readdirSync('public/samples/real-ct')
    .filter((f) => f.endsWith('.dcm'))
    .slice(0, 1)
    .map((f) => join('public/samples/real-ct', f)),
];

describe('fuzzing the DICOM parse path', () => {
  it(
    'turns every mutated file into a header or a DicomFileError, quickly',
    () => {
      const unexpected: string[] = [];
      let parsed = 0;
      const start = performance.now();
      SOURCES.forEach((path, s) => {
        const source = new Uint8Array(readFileSync(path));
        const rand = random(1234 + s);
        for (let i = 0; i < 5000 * SCALE; i++) {
          const bytes = mutate(source, rand);
          try {
            readInstanceHeader(bytes);
            parsed++;
          } catch (error) {
            if (!(error instanceof DicomFileError)) unexpected.push(`${path} #${i}: ${String(error)}`);
          }
        }
      });
      expect(unexpected.slice(0, 5)).toEqual([]);
      expect(parsed).toBeGreaterThan(100); // many mutations leave the file readable
      expect(performance.now() - start).toBeLessThan(30_000 * SCALE);
    },
    60_000 * SCALE,
  );

  it(
    'reads pixels of mutated uncompressed files or names the file in its error',
    () => {
      const source = new Uint8Array(readFileSync(SOURCES[0]));
      const rand = random(99);
      const unexpected: string[] = [];
      for (let i = 0; i < 3000 * SCALE; i++) {
        const bytes = mutate(source, rand);
        try {
          const image = uncompressedImage(bytes, 'MR0001.dcm');
          expect(image.stored.length).toBe(image.rows * image.cols);
        } catch (error) {
          const message = error instanceof Error ? error.message : `non-Error thrown: ${String(error)}`;
          if (!message.startsWith('MR0001.dcm')) unexpected.push(`#${i}: ${message}`);
        }
      }
      expect(unexpected.slice(0, 5)).toEqual([]);
    },
    60_000 * SCALE,
  );
});
