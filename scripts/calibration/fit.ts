// `npx tsx scripts/calibration/fit.ts --fit DIR --test DIR [--model DIR] [--precision int8] [--write]`
// Calibrates the model's confidence (src/model/calibration.ts): drafts every case of --fit with the
// browser's runtime (the decoder's own draft, without calibrated drafting: the map is for the sentences
// the decoder writes), marks each finding sentence right when it matches a true finding of its type on
// the same side (the model card's matching, src/findings/matching.ts), fits an isotonic map from raw
// confidence to the rate of being right, and measures the expected calibration error (10 bins) on
// the cases of --test before and after. --write stores the map in the manifest ("calibration") and the
// measurements beside it (calibration.json, for the model card).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { uncompressedImage } from '../../src/dicom/uncompressedPixels';
import { labelSentence } from '../../src/findings/labels';
import { matchCase, type Labelled } from '../../src/findings/matching';
import { calibrate, expectedCalibrationError, fitIsotonic, type Outcome } from '../../src/model/calibration';
import type { Precision } from '../../src/model/manifest';
import { readTruth, truthInModelSquare } from '../eval/readCase';
import { loadModel } from '../eval/runtime';

const { values: args } = parseArgs({
  options: {
    fit: { type: 'string' },
    test: { type: 'string' },
    model: { type: 'string', default: 'models/lucent-cxr-synth' },
    precision: { type: 'string', default: 'int8' },
    write: { type: 'boolean', default: false },
  },
});
if (!args.fit || !args.test) {
  console.error('usage: npx tsx scripts/calibration/fit.ts --fit DIR --test DIR [--model DIR] [--precision int8|fp32] [--write]');
  process.exit(2);
}
const modelDir = resolve(args.model!);
const { model, bytes } = await loadModel(modelDir, args.precision as Precision, 'web', 2);

/** Each drafted finding sentence of the folder's cases with its raw confidence and whether it is right. */
async function outcomesOf(dir: string): Promise<Outcome[]> {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.includes('metrics'))
    .map((f) => f.slice(0, -5))
    .sort();
  const outcomes: Outcome[] = [];
  for (const name of names) {
    const image = uncompressedImage(new Uint8Array(readFileSync(join(dir, `${name}.dcm`))), name);
    const truth = readTruth(join(dir, `${name}.json`));
    if (!truth) continue;
    const truthFindings = truthInModelSquare(truth, bytes.manifest.inputSize, image);
    const run = await model.draftReport(image, truth.indication, { maxNewTokens: 140, ungated: true });
    const predicted = run.report.findings.flatMap((f) => {
      const label = labelSentence(f.text);
      return label ? [{ labelled: { label, boxes: f.modelBoxes } as Labelled, confidence: f.confidence }] : [];
    });
    const { pairs } = matchCase(
      truthFindings,
      predicted.map((p) => p.labelled),
    );
    predicted.forEach((p, i) => {
      const t = pairs.indexOf(i);
      outcomes.push({ confidence: p.confidence, right: t >= 0 && truthFindings[t].laterality === p.labelled.label.laterality });
    });
  }
  return outcomes;
}

const fitted = await outcomesOf(args.fit);
const tested = await outcomesOf(args.test);
await model.release();
const map = fitIsotonic(fitted);
const rawEce = expectedCalibrationError(tested);
const calibratedEce = expectedCalibrationError(tested.map((o) => ({ ...o, confidence: calibrate(o.confidence, map) })));
const rightRate = (xs: Outcome[]) => xs.filter((o) => o.right).length / Math.max(1, xs.length);
console.log(`fit: ${fitted.length} finding sentences (${(100 * rightRate(fitted)).toFixed(1)} % right); ${map.confidence.length} knots`);
console.log(`test: ${tested.length} finding sentences (${(100 * rightRate(tested)).toFixed(1)} % right)`);
console.log(`expected calibration error (10 bins) on the test cases: raw ${rawEce.toFixed(3)}, calibrated ${calibratedEce.toFixed(3)}`);
if (args.write) {
  const manifestFile = join(modelDir, 'manifest.json');
  const manifestJson = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  manifestJson.calibration = {
    method: map.method,
    confidence: map.confidence.map(round),
    probability: map.probability.map(round),
    precision: args.precision,
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifestJson, null, 1)}\n`);
  const report = {
    precision: args.precision,
    fit: { sentences: fitted.length, right: rightRate(fitted) },
    test: { sentences: tested.length, right: rightRate(tested) },
    ece_raw: rawEce,
    ece_calibrated: calibratedEce,
    bins: 10,
  };
  writeFileSync(join(dirname(manifestFile), 'calibration.json'), `${JSON.stringify(report, null, 1)}\n`);
  console.log(`wrote the map into ${manifestFile} and the measurements into calibration.json`);
}
