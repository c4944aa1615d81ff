import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uncompressedImage } from '../dicom/uncompressedPixels';
import { displayedRegion, DOMAIN_FEATURES, domainDistance, domainFeatures } from './domainCheck';
import { inputSpecOf, parseManifest } from './manifest';
import { equalized, modelInputFromStored } from './preprocess';

const manifest = parseManifest(JSON.parse(readFileSync('models/lucent-cxr-synth/manifest.json', 'utf8')), 'manifest.json');
const stats = manifest.domainStatistics!;
const spec = inputSpecOf(manifest);

function distanceOf(path: string, tone?: (v: number) => number): number {
  const image = uncompressedImage(new Uint8Array(readFileSync(path)), path);
  const region = displayedRegion(modelInputFromStored(image.stored, image.rows, image.cols, image.display, spec), spec.normalize);
  if (tone) {
    // As a department would send it: the tone changed, stored in 8 bits, then equalised again by the app (when the model equalises).
    const toned = region.v.map((p) => Math.round(Math.min(1, Math.max(0, tone(p))) * 255) / 255);
    region.v = spec.equalize ? equalized(toned, spec.quantizeLevels) : toned;
  }
  return domainDistance(domainFeatures(region), stats);
}

const dicoms = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.dcm'))
    .sort()
    .map((f) => `${dir}/${f}`);

describe('the learned domain check of the bundled model', () => {
  it('carries its statistics in the manifest', () => {
    expect(stats.features).toEqual([...DOMAIN_FEATURES]);
    expect(stats.threshold).toBeGreaterThan(0);
    expect(stats.refusal).toMatch(/frontal chest films the model was trained on \(real and generated\)/);
  });

  it('keeps the generated films in domain: the bundled samples, the check cases, and tone-changed versions', () => {
    const synthetic = ['public/samples/chest-dx/IMG0001.dcm', 'public/samples/chest-cr/IMG0001.dcm', ...dicoms('models/check-cases')];
    const far = synthetic.filter((path) => distanceOf(path) > stats.threshold);
    expect(far).toEqual([]);
    // A department's processing: another gamma, less contrast, an offset.
    const varied = [(v: number) => v ** 0.6, (v: number) => v ** 1.7, (v: number) => (v - 0.5) * 0.7 + 0.55].flatMap((tone) =>
      synthetic.slice(0, 6).map((path) => distanceOf(path, tone)),
    );
    expect(varied.filter((d) => d > stats.threshold)).toEqual([]);
  });

  it('keeps real NIH films in domain too (the model was trained on them from 0.8.0), the bundled ones included', () => {
    const real = [
      ...dicoms('e2e/fixtures/real-films'),
      ...['opacity', 'cardiomegaly', 'normal'].map((s) => `public/samples/real-nih-${s}/IMG0001.dcm`),
    ];
    // Fitted with other departments' exports of the training films (models/recipe/export_variants.py), every one is within.
    expect(real.filter((path) => distanceOf(path) > stats.threshold)).toEqual([]);
  });

  it('finds MR slices far from them (a CT slice is refused by its header instead)', () => {
    const mr = dicoms('public/samples/mr-brain').map((path) => distanceOf(path));
    expect(mr.filter((d) => d <= stats.threshold)).toEqual([]);
  });
});
