// `npx tsx scripts/calibration/labels.ts --fit DIR [--devices DIR] [--model DIR] [--precision int8] [--min-specificity S]
// [--fitted-on TEXT] [--write]`
// Fits calibrated drafting (src/model/labelGate.ts) on labelled films (the real validation split,
// models/recipe/convert.py): the browser's runtime runs the label head on each film, and for each
// label type known on enough films an isotonic map and an operating threshold are fitted
// (labelOperatingPoint.ts): the most sensitive one with at least
// --min-specificity (0.9 unless given; 0 for the best sensitivity + specificity instead). --write stores them in the manifest
// (encoder.label_calibration) and the table beside it (label-calibration.json, for the model card).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEVICE_TYPES, isDevice, LABEL_TYPES, type LabelType } from '../../src/findings/labels';
import type { LabelOperatingPoint } from '../../src/model/labelGate';
import { fitOperatingPoint } from './labelOperatingPoint';
import type { Precision } from '../../src/model/manifest';
import { readGreyscale } from '../eval/readImage';
import { loadModel } from '../eval/runtime';

/** Fewer positives than this give a threshold that one film moves: the type is left ungated. */
const MIN_POSITIVES = 10;

const { values: args } = parseArgs({
  options: {
    fit: { type: 'string' },
    model: { type: 'string', default: 'models/lucent-cxr-synth' },
    precision: { type: 'string', default: 'int8' },
    'min-specificity': { type: 'string', default: '0.9' },
    devices: { type: 'string' },
    'fitted-on': { type: 'string', default: '' },
    write: { type: 'boolean', default: false },
  },
});
if (!args.fit) {
  console.error(
    'usage: npx tsx scripts/calibration/labels.ts --fit DIR [--devices DIR] [--model DIR] [--precision int8|fp32] ' +
      '[--min-specificity S] [--fitted-on TEXT] [--write]',
  );
  process.exit(2);
}
const minSpecificity = Number(args['min-specificity']) || undefined;
const modelDir = resolve(args.model!);
const { model } = await loadModel(modelDir, args.precision as Precision, 'web', 2);
const scores = new Map<LabelType, Array<[number, boolean]>>();
/** The label head's probability and the truth, per type, over a folder's labelled films (only `types`, when given). */
async function collect(dir: string, types: readonly LabelType[]): Promise<number> {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.includes('metrics'))
    .map((f) => f.slice(0, -5))
    .sort();
  for (const name of names) {
    const labels = (JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { labels?: Record<string, number | null> }).labels;
    if (!labels) continue;
    const probabilities = await model.labelProbabilities(
      await readGreyscale(new Uint8Array(readFileSync(join(dir, `${name}.dcm`))), `${name}.dcm`),
    );
    if (!probabilities) throw new Error(`${modelDir} has no label head`);
    for (const type of types) {
      const p = probabilities[type];
      if (p !== undefined && (labels[type] === 0 || labels[type] === 1))
        scores.set(type, [...(scores.get(type) ?? []), [p, labels[type] === 1]]);
    }
  }
  return names.length;
}
// Real films' labels do not say whether a tube, line or pacemaker is there: with --devices, those are fitted on other films that say.
const films = await collect(args.fit, args.devices ? LABEL_TYPES.filter((t) => !isDevice(t)) : LABEL_TYPES);
const deviceFilms = args.devices ? await collect(args.devices, DEVICE_TYPES) : 0;
await model.release();
const types: Partial<Record<LabelType, LabelOperatingPoint>> = {};
console.log('type'.padEnd(20) + 'known'.padStart(7) + 'pos'.padStart(6) + '  threshold  sensitivity  specificity');
for (const [type, pairs] of scores) {
  const positives = pairs.filter(([, y]) => y).length;
  const point =
    positives >= MIN_POSITIVES
      ? fitOperatingPoint(
          pairs.map(([s]) => s),
          pairs.map(([, y]) => y),
          minSpecificity,
        )
      : undefined;
  if (point) types[type] = point;
  const why =
    positives < MIN_POSITIVES
      ? `fewer than ${MIN_POSITIVES} positives`
      : minSpecificity
        ? `nothing found at specificity ${minSpecificity}`
        : 'no better than chance';
  const cells = point
    ? `${point.threshold.toFixed(3).padStart(11)}${point.sensitivity.toFixed(3).padStart(13)}${point.specificity.toFixed(3).padStart(13)}`
    : `  (ungated: ${why})`;
  console.log(type.padEnd(20) + String(pairs.length).padStart(7) + String(positives).padStart(6) + cells);
}
if (args.write) {
  const manifestFile = join(modelDir, 'manifest.json');
  const manifestJson = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const stored = Object.fromEntries(
    Object.entries(types).map(([t, p]) => [
      t,
      {
        map: { method: 'isotonic', confidence: p.map.confidence.map(round), probability: p.map.probability.map(round) },
        threshold: round(p.threshold),
        sensitivity: round(p.sensitivity),
        specificity: round(p.specificity),
        prevalence: round(p.prevalence),
      },
    ]),
  );
  const rule = minSpecificity ? `the most sensitive threshold with specificity >= ${minSpecificity}` : 'the best sensitivity + specificity';
  manifestJson.encoder.label_calibration = { precision: args.precision, fitted_on: args['fitted-on'], operating_rule: rule, types: stored };
  writeFileSync(manifestFile, `${JSON.stringify(manifestJson, null, 1)}\n`);
  writeFileSync(
    join(dirname(manifestFile), 'label-calibration.json'),
    `${JSON.stringify(
      {
        precision: args.precision,
        fitted_on: args['fitted-on'],
        operating_rule: rule,
        films,
        ...(args.devices ? { devices_fitted_on: args.devices.split('/').filter(Boolean).pop(), device_films: deviceFilms } : {}),
        types: stored,
      },
      null,
      1,
    )}\n`,
  );
  console.log(`wrote calibrated drafting into ${manifestFile} and label-calibration.json`);
}
