import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uncompressedImage } from '../dicom/uncompressedPixels';
import { checkedPixels, checkModelInput, headerRefusal, pixelRefusal, pixelStats } from './inputCheck';
import type { InputDomain } from './inputDomain';
import { inputSpecOf, parseManifest } from './manifest';
import { modelInputFromStored } from './preprocess';

const manifest = parseManifest(JSON.parse(readFileSync('models/lucent-cxr-synth/manifest.json', 'utf8')), 'manifest.json');
const domain: InputDomain = manifest.inputDomain;
const spec = inputSpecOf(manifest);

/** The pixel verdict on stored 16-bit pixels, through the model's own preprocessing. */
function pixelVerdict(stored: Uint16Array, rows: number, cols: number) {
  const input = modelInputFromStored(
    stored,
    rows,
    cols,
    { slope: 1, intercept: 0, monochrome1: false, window: { center: 2048, width: 4096 } },
    spec,
  );
  return pixelRefusal(pixelStats(checkedPixels(input, spec.normalize)));
}

const filled = (n: number, value: (i: number) => number) => Uint16Array.from({ length: n }, (_, i) => value(i));

describe('input checks from the header', () => {
  it('reads the bundled model’s declared domain from its manifest', () => {
    expect(domain).toMatchObject({ modalities: ['CR', 'DX'], bodyParts: ['CHEST', 'THORAX'], views: ['PA', 'AP'] });
  });

  it('refuses other modalities, body parts and lateral views, each with its reason', () => {
    expect(headerRefusal({ modality: 'CT', bodyPartExamined: 'CHEST', viewPosition: '' }, domain)).toEqual({
      code: 'modality',
      reason: 'CT image: this model reads frontal chest radiographs (PA or AP).',
    });
    expect(headerRefusal({ modality: 'MR', bodyPartExamined: 'HEAD', viewPosition: '' }, domain)?.reason).toMatch(/^MR image:/);
    expect(headerRefusal({ modality: 'US', bodyPartExamined: '', viewPosition: '' }, domain)?.code).toBe('modality');
    expect(headerRefusal({ modality: 'CR', bodyPartExamined: 'HAND', viewPosition: 'PA' }, domain)).toEqual({
      code: 'body-part',
      reason: 'body part HAND: this model reads frontal chest radiographs (PA or AP).',
    });
    expect(headerRefusal({ modality: 'DX', bodyPartExamined: 'CHEST', viewPosition: 'LL' }, domain)).toEqual({
      code: 'view',
      reason: 'lateral view: this model reads frontal chest radiographs (PA or AP).',
    });
  });

  it('accepts frontal chest films, and a body part or view the file does not state', () => {
    expect(headerRefusal({ modality: 'CR', bodyPartExamined: 'CHEST', viewPosition: 'PA' }, domain)).toBeUndefined();
    expect(headerRefusal({ modality: 'dx', bodyPartExamined: 'thorax', viewPosition: 'ap' }, domain)).toBeUndefined();
    expect(headerRefusal({ modality: 'DX', bodyPartExamined: '', viewPosition: '' }, domain)).toBeUndefined();
  });

  it('refuses nothing by header for a model that declares no domain', () => {
    const open = parseManifest(
      { ...JSON.parse(readFileSync('models/lucent-cxr-synth/manifest.json', 'utf8')), input_domain: undefined },
      'm',
    ).inputDomain;
    expect(headerRefusal({ modality: 'CT', bodyPartExamined: 'HEAD', viewPosition: 'LL' }, open)).toBeUndefined();
  });
});

describe('input checks from the pixels the model would see', () => {
  it('passes the generated films and an MR slice (the header refuses that one)', () => {
    for (const path of [
      'public/samples/chest-dx/IMG0001.dcm',
      'public/samples/chest-cr/IMG0001.dcm',
      'models/check-cases/case-10000005.dcm',
      'public/samples/mr-brain/MR0001.dcm',
    ]) {
      const image = uncompressedImage(new Uint8Array(readFileSync(path)), path);
      const input = modelInputFromStored(image.stored, image.rows, image.cols, image.display, spec);
      expect(pixelRefusal(pixelStats(checkedPixels(input, spec.normalize))), path).toBeUndefined();
    }
  });

  it('refuses a black, a white, a uniform grey and a noise image, each with its own reason', () => {
    const n = 512 * 640;
    expect(
      pixelVerdict(
        filled(n, () => 0),
        512,
        640,
      )?.reason,
    ).toBe('blank image (all black): nothing for the model to read.');
    expect(
      pixelVerdict(
        filled(n, () => 4095),
        512,
        640,
      )?.code,
    ).toBe('blank');
    expect(
      pixelVerdict(
        filled(n, (i) => 2048 + (i % 7)),
        512,
        640,
      )?.code,
    ).toBe('uniform');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 4095;
    expect(pixelVerdict(filled(n, random), 512, 640)?.code).toBe('noise');
    // Faint noise (a fifth of the range) is still noise, not a uniform grey.
    expect(
      pixelVerdict(
        filled(n, () => 1600 + random() / 5),
        512,
        640,
      )?.code,
    ).toBe('noise');
  });
});

describe('every check on the model input, the learned domain check included', () => {
  const inputOf = (path: string) => {
    const image = uncompressedImage(new Uint8Array(readFileSync(path)), path);
    return modelInputFromStored(image.stored, image.rows, image.cols, image.display, spec);
  };
  const chest = inputOf('public/samples/chest-dx/IMG0001.dcm');
  const mr = inputOf('public/samples/mr-brain/MR0001.dcm');
  const stats = manifest.domainStatistics!;

  it('refuses an image the pixel checks pass but the learned statistics find far away, in the manifest’s words', () => {
    expect(pixelRefusal(pixelStats(checkedPixels(mr, spec.normalize)))).toBeUndefined();
    const run = checkModelInput(mr, manifest);
    expect(run.refusal).toEqual({ code: 'domain', reason: stats.refusal });
    expect(run.refusal?.reason).toMatch(/frontal chest films the model was trained on/);
    expect(run.domainDistance!).toBeGreaterThan(stats.threshold);
  });

  it('passes a film within them', () => {
    const run = checkModelInput(chest, manifest);
    expect(run.refusal).toBeUndefined();
    expect(run.domainDistance!).toBeLessThanOrEqual(stats.threshold);
  });

  it('refuses the same film under statistics it is far from, with their words, and not without statistics', () => {
    const refusal = 'this image is far from the films the model learned.';
    const far = { ...stats, mean: stats.mean.map((m) => m + 10), threshold: 3, refusal };
    expect(checkModelInput(chest, { ...manifest, domainStatistics: far }).refusal).toEqual({ code: 'domain', reason: refusal });
    expect(checkModelInput(chest, { ...manifest, domainStatistics: { ...far, threshold: 1e9 } }).refusal).toBeUndefined();
    expect(checkModelInput(mr, { ...manifest, domainStatistics: undefined })).toEqual({ refusal: undefined });
  });
});
