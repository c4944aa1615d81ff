// The runtime end to end in Node on the shipped model: the same tokens as the PyTorch model of
// the recipe on a sample radiograph (so preprocessing, decoding and parsing agree with training),
// the three tasks, and the manifest and checksum checks.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { uncompressedImage } from '../dicom/uncompressedPixels';
import { iou } from '../findings/box';
import { isNegativeSentence, labelSentence } from '../findings/labels';
import { GroundedReportModel } from './engine';
import { ManifestError, parseManifest } from './manifest';
import { ModelIntegrityError, modelFromBytes } from './modelFiles';

const MODEL = 'models/lucent-cxr-synth';
const SAMPLE = 'public/samples/chest-dx/IMG0001.dcm';
const manifestJson = JSON.parse(readFileSync(`${MODEL}/manifest.json`, 'utf8'));
const read = async (p: string) => new Uint8Array(readFileSync(`${MODEL}/${p}`));
const truth = JSON.parse(readFileSync(SAMPLE.replace('.dcm', '.json'), 'utf8'));

let model: GroundedReportModel;
beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  const bytes = await modelFromBytes(manifestJson, MODEL, read, 'fp32');
  model = await GroundedReportModel.create(ort, bytes, 'wasm');
}, 60_000);

/** The recipe's greedy decode: output ids, and each finding's boxes (0..1 of the model frame) as its parser reads them. */
function pytorchReport(indication: string): { ids: number[]; boxes: number[][][]; bins: number; probs: number[] } {
  const script = `
import sys, json, numpy as np, torch
sys.path.insert(0, 'models/recipe')
from data import model_pixels, region_hw, to_square
from dicom_io import read_radiograph
from export_onnx import load_model
model = load_model('${MODEL}/pytorch/model.pt')
from tokenizer import Tokenizer
tok = Tokenizer.for_vocab_size(model.cfg.vocab_size)
image, _, _ = read_radiograph('${SAMPLE}')
square, scale = to_square(image, model.cfg.image_size)
pixels = torch.from_numpy(model_pixels(square, region_hw(image.shape, scale), model.cfg.equalize))[None, None]
with torch.no_grad():
    out, _, _, dists = model.generate(pixels, tok.report_prompt(sys.argv[1]), eos_id=tok.eos_id)
    probs = torch.sigmoid(model.finding_logits(model.encoder(pixels)))[0].tolist()
print(json.dumps({"ids": out, "boxes": [f["boxes"] for f in tok.parse(out, dists)["findings"]], "bins": tok.loc_bins, "probs": probs}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, indication]).toString());
}

describe('the grounded report model in onnxruntime-web (Node, WASM)', () => {
  const image = () => uncompressedImage(new Uint8Array(readFileSync(SAMPLE)), SAMPLE);

  it('drafts the same report, boxes included, as the PyTorch model it was exported from', async () => {
    const run = await model.draftReport(image(), truth.indication, { maxNewTokens: 140 });
    const reference = pytorchReport(truth.indication);
    expect(run.tokenIds).toEqual(reference.ids);
    // Box coordinates are read from the logits (tokenizer.ts), so they agree to float precision, not exactly.
    expect(run.report.findings.map((f) => f.modelBoxes.length)).toEqual(reference.boxes.map((b) => b.length));
    run.report.findings.forEach((f, i) =>
      f.modelBoxes.forEach((box, j) => box.forEach((v, k) => expect(v).toBeCloseTo(reference.boxes[i][j][k], 4))),
    );
    const bins = reference.bins;
    expect(reference.boxes.flat(2).some((v) => Math.abs(v * bins - Math.floor(v * bins) - 0.5) > 1e-3)).toBe(true);
    expect(run.stats.stopped).toBe('eos');
    expect(run.report.complete).toBe(true);
    expect(run.report.impression.length).toBeGreaterThan(0);
    // The label head's probability of each finding type, read from the encoder's finding_logits output.
    const labels = parseManifest(manifestJson, 'manifest.json').findingLabels!;
    expect(labels).toHaveLength(reference.probs.length);
    labels.forEach((type, k) => expect(run.findingProbabilities?.[type]).toBeCloseTo(reference.probs[k], 4));
    const calibration = parseManifest(manifestJson, 'manifest.json').calibration!;
    for (const f of run.report.findings) {
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      // The bundled map was fitted for the int8 weights: these fp32 ones show their raw confidence.
      expect(calibration.precision).toBe('int8');
      expect(f.probability).toBeUndefined();
      for (const [x0, y0, x1, y1] of f.boxes) {
        expect(0 <= x0 && x0 < x1 && x1 <= truth.columns).toBe(true);
        expect(0 <= y0 && y0 < y1 && y1 <= truth.rows).toBe(true);
      }
      if (f.boxes.length) expect(f.attention.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    }
  }, 120_000);

  it('streams partial reports that grow into the final one, and reuses the encoding', async () => {
    const seen: number[] = [];
    const run = await model.draftReport(image(), '', { onUpdate: (r) => seen.push(r.findings.length), updateEveryMs: 0 });
    expect(seen.length).toBe(run.stats.tokens);
    expect(seen.at(-1)).toBe(run.report.findings.length);
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true);
    expect(run.stats.encoderReused).toBe(true);
  }, 60_000);

  it('sends partial reports at most every updateEveryMs, starting with the first token', async () => {
    const seen: number[] = [];
    const run = await model.draftReport(image(), '', { onUpdate: (r) => seen.push(r.findings.length), updateEveryMs: 3_600_000 });
    expect(run.stats.tokens).toBeGreaterThan(1);
    expect(seen).toHaveLength(1);
  }, 60_000);

  it('warms up within its step budget, and stops at once when asked', async () => {
    const warm = await model.warmUp({ maxSteps: 20, budgetMs: 60_000 });
    expect(warm.steps).toBe(20);
    expect(warm.encoderRuns).toBeGreaterThanOrEqual(1);
    expect(warm.interrupted).toBe(false);
    const controller = new AbortController();
    controller.abort();
    const stopped = await model.warmUp({ signal: controller.signal });
    expect(stopped).toMatchObject({ steps: 0, interrupted: true });
  }, 60_000);

  it('locates a true finding and describes its region', async () => {
    const finding = truth.findings[0];
    const sentence = truth.report.sentences.find((s: { finding: number | null }) => s.finding === 0).text;
    const located = await model.locate(image(), sentence);
    // The true finding's box, found again (image pixels).
    expect(Math.max(...located.boxes.map((b) => iou(b, finding.boxes[0])))).toBeGreaterThanOrEqual(0.5);
    const described = await model.describe(image(), finding.boxes[0]);
    expect(described.stats.tokens).toBeGreaterThan(1);
    // The sentence for the true box names the true finding type.
    expect(labelSentence(described.text)?.type, described.text).toBe(finding.type);
  }, 60_000);

  it('gates the draft by its label head when the manifest calibrates it', async () => {
    const plain = await model.draftReport(image(), truth.indication, { maxNewTokens: 140 });
    const drafted = new Set(plain.report.findings.map((f) => labelSentence(f.text)?.type).filter(Boolean));
    const absent = ['nodule', 'mass', 'pleural_effusion', 'pneumothorax', 'atelectasis'].find((t) => !drafted.has(t as never))!;
    // Every drafted type's calibrated probability 0 (absent), one undrafted type's 1 (present).
    const constant = (p: number) => ({
      map: { method: 'isotonic', confidence: [0, 1], probability: [p, p] },
      threshold: 0.5,
      sensitivity: 0.8,
      specificity: 0.8,
      prevalence: 0.2,
    });
    const types = Object.fromEntries([...[...drafted].map((t) => [t, constant(0)]), [absent, constant(1)]]);
    const gatedJson = {
      ...manifestJson,
      encoder: { ...manifestJson.encoder, label_calibration: { precision: 'fp32', fitted_on: 'test', types } },
    };
    const gated = await GroundedReportModel.create(ort, await modelFromBytes(gatedJson, MODEL, read, 'fp32'), 'wasm');
    const shown: string[][] = [];
    const run = await gated.draftReport(image(), truth.indication, {
      maxNewTokens: 140,
      updateEveryMs: 0,
      onUpdate: (r) => shown.push(r.findings.map((f) => f.text)),
    });
    // While it streamed, the findings the head calls absent were never shown.
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.flat().filter((text) => drafted.has(labelSentence(text)?.type))).toEqual([]);
    // Asked for the decoder's own draft, the same model leaves calibrated drafting out.
    const ungated = await gated.draftReport(image(), truth.indication, { maxNewTokens: 140, ungated: true });
    await gated.release();
    expect(ungated.labelGate).toBeUndefined();
    expect(ungated.labelHead).toBeUndefined();
    // What a real film's findings show: each calibrated type's probability with the prevalence it holds at.
    expect(run.labelHead).toEqual({
      fittedOn: 'test',
      types: Object.fromEntries(Object.keys(types).map((t) => [t, { probability: t === absent ? 1 : 0, prevalence: 0.2 }])),
    });
    expect(ungated.report.findings.map((f) => f.text)).toEqual(plain.report.findings.map((f) => f.text));
    // Every drafted finding, and every pertinent negative: this calibration rules nothing out.
    expect(run.labelGate!.leftOut).toEqual(
      plain.report.findings.filter((f) => labelSentence(f.text) || isNegativeSentence(f.text)).map((f) => f.text),
    );
    // The undrafted type was located by the model and said with its region; the impression is left to the app.
    const added = run.report.findings.filter((f) => labelSentence(f.text)?.type === absent);
    expect(added).toHaveLength(1);
    expect(added[0].boxes.length).toBeGreaterThan(0);
    expect(run.labelGate!.added).toEqual([added[0].text]);
    expect(run.report.impression).toBe('');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const run = await model.draftReport({ ...image(), key: 'other' }, '', {
      signal: controller.signal,
      onUpdate: () => controller.abort(),
    });
    expect(run.stats.stopped).toBe('cancelled');
    expect(run.stats.tokens).toBe(1);
  }, 60_000);
});

describe('model files', () => {
  it('refuses a file whose bytes do not match the manifest', async () => {
    const tampered = async (p: string) => {
      const bytes = await read(p);
      if (p.startsWith('decoder')) bytes[bytes.length - 10] ^= 1;
      return bytes;
    };
    await expect(modelFromBytes(manifestJson, MODEL, tampered, 'int8')).rejects.toThrow(ModelIntegrityError);
    await expect(modelFromBytes(manifestJson, MODEL, tampered, 'int8')).rejects.toThrow(/decoder\.int8\.onnx does not match the sha256/);
  });

  it('explains what is wrong with a manifest', () => {
    expect(() => parseManifest({ format: 'other/2' }, 'x.json')).toThrow(ManifestError);
    expect(() => parseManifest({ ...manifestJson, input: {} }, 'x.json')).toThrow(/"input.size" is missing/);
    const m = parseManifest(manifestJson, 'm.json');
    expect(m.quantizeLevels).toBe(255);
    expect(m.decoder).toEqual({ layers: 3, heads: 4, headDim: 48, maxLen: 160 });
    expect(() =>
      parseManifest({ ...manifestJson, encoder: { ...manifestJson.encoder, finding_labels: ['nodule', 'unicorn'] } }, 'x.json'),
    ).toThrow(/finding_labels/);
  });

  it('reads calibrated drafting only for types the label head has', () => {
    const point = {
      map: { method: 'isotonic', confidence: [0, 1], probability: [0.1, 0.9] },
      threshold: 0.4,
      sensitivity: 0.8,
      specificity: 0.7,
      prevalence: 0.2,
    };
    const withGate = (types: object, labels = ['nodule', 'abnormal']) => ({
      ...manifestJson,
      encoder: {
        ...manifestJson.encoder,
        finding_labels: labels,
        label_calibration: { precision: 'int8', fitted_on: 'validation films', types },
      },
    });
    expect(parseManifest(withGate({ nodule: point }), 'm.json').labelCalibration).toEqual({
      precision: 'int8',
      fittedOn: 'validation films',
      types: { nodule: { ...point, map: { method: 'isotonic', confidence: [0, 1], probability: [0.1, 0.9] } } },
    });
    expect(() => parseManifest(withGate({ mass: point }), 'x.json')).toThrow(/names "mass", which the label head does not have/);
    expect(() => parseManifest(withGate({ nodule: { ...point, threshold: 2 } }), 'x.json')).toThrow(/threshold, sensitivity/);
  });
});
