// `npx tsx scripts/calibration/ruleOut.ts --films FILE [--model DIR] [--share 0.95] [--write]`
// Fits the rule-out thresholds of pertinent negatives (ruleOutFit.ts) on a split's film records (the
// validation split's, `npm run eval -- --labels --films FILE`), prints them with the films each
// keeps, and with --write stores them in the manifest (encoder.label_calibration.rule_out) and in
// label-calibration.json beside it, for the model card.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FilmRecords } from '../eval/metrics/realFilms';
import { fitRuleOut } from './ruleOutFit';

const { values: args } = parseArgs({
  options: {
    films: { type: 'string' },
    model: { type: 'string', default: 'models/lucent-cxr-synth' },
    share: { type: 'string', default: '0.95' },
    write: { type: 'boolean', default: false },
  },
});
if (!args.films) {
  console.error('usage: npx tsx scripts/calibration/ruleOut.ts --films FILE [--model DIR] [--share 0.95] [--write]');
  process.exit(2);
}
const records = JSON.parse(readFileSync(args.films, 'utf8')) as FilmRecords;
const fit = fitRuleOut(records.films, Number(args.share));
console.log(
  `rule-out thresholds on ${records.set} (${records.films.length} films), each kept at or above by >= ${fit.share} of its films:`,
);
for (const [type, below] of Object.entries(fit.below)) {
  const films = fit.positives[type as keyof typeof fit.positives]!;
  console.log(`  ${type.padEnd(18)} below ${below.toFixed(6)}  (${films.below} of ${films.films} films below)`);
}
if (args.write) {
  const modelDir = resolve(args.model!);
  const ruleOut = {
    rule:
      "a pertinent negative stands only where the head's probability of every label it denies is below the probability under " +
      `which at most ${(100 * (1 - fit.share)).toFixed(0)} % of the fitting films with that label lie`,
    fitted_on: `${records.set} (${records.films.length} films)`,
    share: fit.share,
    below: fit.below,
    positives: fit.positives,
  };
  const manifestFile = join(modelDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.encoder.label_calibration.rule_out = ruleOut;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  const tableFile = join(modelDir, 'label-calibration.json');
  const table = JSON.parse(readFileSync(tableFile, 'utf8'));
  writeFileSync(tableFile, `${JSON.stringify({ ...table, rule_out: ruleOut }, null, 1)}\n`);
  console.log(`wrote the rule-out thresholds into ${manifestFile} and label-calibration.json`);
}
