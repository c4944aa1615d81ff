// `npm run eval -- --pairs DIR [...] [--tune]`: comparisons with a prior on generated pairs (pairs.ts).
// `npm run eval -- --cases DIR --labels [...]`: image-level metrics on cases with labels (labels.ts).
// `npm run eval -- --cases DIR [--model DIR] [--precision int8|fp32|both] [--runtime web|node]
//                 [--limit N] [--no-grounding] [--threads N] [--out FILE] [--card FILE] [--set NAME] [--check] [--score-all] [--gated]`
// Runs the browser's model runtime (src/model: preprocessing, engine, decoding, parser) in Node
// over a case folder and prints the model card's metrics beside the card's own numbers (the model's
// metrics.json, or --card). --check exits 1 when any metric differs from the card's by more than
// CHECK_TOLERANCE, or the case counts differ: `npm test` runs it on models/check-cases.
// Every DICOM file in the folder first goes through the app's input checks (header against the
// model's input domain, pixels, the learned domain check): `out of domain: K/N` with the reasons
// counted. Only in-domain cases with a ground truth (NAME.json) are scored, unless --score-all.
// The decoder's own draft is scored, as the recipe's evaluation scores it; --gated scores the draft
// as the app shows it, under the model's calibrated drafting (src/model/labelGate.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Scorer, type Metrics } from './metrics/metrics';
import type { Precision } from '../../src/model/manifest';
import type { Box } from '../../src/findings/box';
import { readTruth, truthInModelSquare } from './readCase';
import { readGreyscale } from './readImage';
import { loadModel } from './runtime';
import { runPairs, tuneThresholds } from './pairs';
import { runLabels } from './labels';
import { readInstanceHeader } from '../../src/dicom/header';
import { headerRefusal } from '../../src/model/inputCheck';
import { errorMessage } from '../../src/util/errorMessage';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string' },
    pairs: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    tune: { type: 'boolean', default: false },
    labels: { type: 'boolean', default: false },
    model: { type: 'string', default: 'models/lucent-cxr-synth' },
    precision: { type: 'string', default: 'both' },
    runtime: { type: 'string', default: 'web' },
    limit: { type: 'string' },
    'no-grounding': { type: 'boolean', default: false },
    threads: { type: 'string', default: '2' },
    out: { type: 'string' },
    /** --labels: one record per film (scripts/eval/metrics/realFilms.ts), for the card's recomputation. */
    films: { type: 'string' },
    card: { type: 'string' },
    /** The card's metrics of another set of the same cases, e.g. "tone-changed" (its key "int8 tone-changed"). */
    set: { type: 'string' },
    check: { type: 'boolean', default: false },
    'score-all': { type: 'boolean', default: false },
    /**
     * Score the draft as the app shows it, under calibrated drafting; by default the decoder's own draft, which the card's recipe
     * metrics score.
     */
    gated: { type: 'boolean', default: false },
  },
});

/** What the input checks said of the folder's DICOM files. */
export interface DomainTally {
  /** Files read and checked. */
  checked: number;
  refused: number;
  byReason: Record<string, number>;
  /** Files the Node reader cannot read (compressed transfer syntaxes, colour), by reason. */
  notRead: Record<string, number>;
  /** In-domain cases whose truth lists only some findings (labels or boxes, no report): not scored. */
  partial: number;
}

export async function evaluate(
  casesDir: string,
  modelDir: string,
  precision: Precision,
  options: { runtime: string; threads: number; limit?: number; grounding: boolean; scoreAll: boolean; gated?: boolean },
): Promise<Metrics & { seconds: number; domain: DomainTally }> {
  const { model, bytes } = await loadModel(modelDir, precision, options.runtime, options.threads);
  const files = new Set(readdirSync(casesDir));
  const names = [...files]
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => f.slice(0, -4))
    .sort()
    .slice(0, options.limit);
  const scorer = new Scorer();
  const domain: DomainTally = { checked: 0, refused: 0, byReason: {}, notRead: {}, partial: 0 };
  const start = performance.now();
  for (const [k, name] of names.entries()) {
    const fileBytes = new Uint8Array(readFileSync(join(casesDir, `${name}.dcm`)));
    let image;
    try {
      image = await readGreyscale(fileBytes, `${name}.dcm`);
    } catch (error) {
      const reason = errorMessage(error).replace(/^[^:]*: /, '');
      domain.notRead[reason] = (domain.notRead[reason] ?? 0) + 1;
      continue;
    }
    // The app's checks before any model task (src/model/inputCheck.ts, domainCheck.ts).
    const refusal = headerRefusal(readInstanceHeader(fileBytes), bytes.manifest.inputDomain) ?? model.checkPixels(image).refusal;
    domain.checked++;
    if (refusal) {
      domain.refused++;
      domain.byReason[refusal.code] = (domain.byReason[refusal.code] ?? 0) + 1;
    }
    if (!files.has(`${name}.json`) || (refusal && !options.scoreAll)) continue;
    const truth = readTruth(join(casesDir, `${name}.json`));
    if (!truth) {
      domain.partial++;
      continue;
    }
    const findings = truthInModelSquare(truth, bytes.manifest.inputSize, image);
    const run = await model.draftReport(image, truth.indication, { maxNewTokens: 140, ungated: !options.gated });
    scorer.addReport(
      findings,
      run.report.findings.map((f) => ({ text: f.text, boxes: f.modelBoxes })),
    );
    if (options.grounding) {
      for (const f of findings) {
        const located = await model.locate(image, f.sentence ?? f.type.replaceAll('_', ' '));
        scorer.addGrounding(f, located.modelBoxes as Box[]);
      }
    }
    if ((k + 1) % 100 === 0)
      console.error(`${precision}: ${k + 1}/${names.length} cases, ${((performance.now() - start) / 1000).toFixed(0)} s`);
  }
  await model.release();
  return { ...scorer.result(), seconds: (performance.now() - start) / 1000, domain };
}

const ROWS: Array<[string, (m: Metrics) => number | null]> = [
  ['micro precision', (m) => m.micro.precision],
  ['micro recall', (m) => m.micro.recall],
  ['micro F1', (m) => m.micro.f1],
  ['laterality accuracy', (m) => m.laterality_accuracy],
  ['box IoU, mean', (m) => m.box_iou_mean],
  ['box recall at IoU 0.5', (m) => m['box_recall_at_0.5']],
  ['size error, mm', (m) => m.size_error_mm_mean],
  ['cardiothoracic ratio error', (m) => m.ctr_error_mean],
  ['grounding IoU, mean', (m) => m.grounding_iou_mean],
  ['grounding recall at 0.5', (m) => m['grounding_recall_at_0.5']],
];

/**
 * The largest difference --check allows: rates and ratios to 0.001, sizes to 0.01 mm. The runtime
 * computes what PyTorch computes up to float rounding, so one changed token on one case (a rate
 * moves by 1/findings, 0.07 on the 14 findings of the check cases) is far outside it.
 */
const CHECK_TOLERANCE = { rate: 0.001, mm: 0.01 };

/** Every metric of the run beyond the tolerance from the card's, said in words (empty when they agree). */
function checkAgainstCard(precision: string, ours: Metrics, card: Metrics | undefined): string[] {
  if (!card) return [`${precision}: the card has no metrics for ${precision}`];
  const problems: string[] = [];
  if (ours.cases !== card.cases) problems.push(`${precision}: ${ours.cases} cases, the card ${card.cases}`);
  const rows: Array<[string, (m: Metrics) => number | null | undefined]> = [
    ...ROWS,
    ...Object.keys(card.per_type).map((type): [string, (m: Metrics) => number | undefined] => [
      `${type} F1`,
      (m) => m.per_type[type as keyof Metrics['per_type']]?.f1,
    ]),
  ];
  for (const [label, get] of rows) {
    const [a, b] = [get(ours) ?? null, get(card) ?? null];
    const tolerance = label === 'size error, mm' ? CHECK_TOLERANCE.mm : CHECK_TOLERANCE.rate;
    if (a === null || b === null ? a !== b : Math.abs(a - b) > tolerance)
      problems.push(`${precision}: ${label} ${a ?? '—'}, the card ${b ?? '—'} (tolerance ${tolerance})`);
  }
  return problems;
}

function printComparison(precision: string, ours: Metrics, card: Metrics | undefined): number {
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
  console.log(`\n${precision}: ${ours.cases} cases`);
  console.log('metric'.padEnd(28) + 'this run'.padStart(10) + 'model card'.padStart(12) + 'difference'.padStart(12));
  let worst = 0;
  for (const [label, get] of ROWS) {
    const a = get(ours);
    const b = card ? get(card) : null;
    const diff = a !== null && b !== null ? a - b : null;
    if (diff !== null && label !== 'size error, mm') worst = Math.max(worst, Math.abs(diff));
    console.log(
      label.padEnd(28) +
        fmt(a).padStart(10) +
        fmt(b).padStart(12) +
        (diff === null ? '—' : (diff >= 0 ? '+' : '') + diff.toFixed(3)).padStart(12),
    );
  }
  return worst;
}

async function main() {
  if (args.pairs) {
    const precision = (args.precision === 'both' ? 'int8' : args.precision) as Precision;
    const options = { runtime: args.runtime!, threads: Number(args.threads), limit: args.limit ? Number(args.limit) : undefined };
    if (args.tune) return tuneThresholds(resolve(args.pairs), resolve(args.model!), precision, options);
    return runPairs(resolve(args.pairs), resolve(args.model!), precision, { ...options, out: args.out, verbose: args.verbose });
  }
  if (!args.cases) {
    console.error('usage: npm run eval -- --pairs DIR [--model DIR] [--precision int8|fp32] [--limit N] [--out FILE] [--verbose] [--tune]');
    console.error(
      '   or: npm run eval -- --cases DIR [--model DIR] [--precision int8|fp32|both] [--runtime web|node] [--limit N] [--no-grounding]',
    );
    console.error(
      '   or: npm run eval -- --cases DIR --labels [--model DIR] [--precision int8|fp32] [--limit N] [--out FILE] [--films FILE [--check]]',
    );
    process.exit(2);
  }
  const modelDir = resolve(args.model!);
  if (args.labels) {
    const precision = (args.precision === 'both' ? 'int8' : args.precision) as Precision;
    return runLabels(resolve(args.cases), modelDir, precision, {
      runtime: args.runtime!,
      threads: Number(args.threads),
      limit: args.limit ? Number(args.limit) : undefined,
      out: args.out,
      films: args.films,
      check: args.check,
    });
  }
  const precisions: Precision[] = args.precision === 'both' ? ['fp32', 'int8'] : [args.precision as Precision];
  const cardFile = args.card ? resolve(args.card) : join(modelDir, 'metrics.json');
  const card = (() => {
    try {
      return JSON.parse(readFileSync(cardFile, 'utf8')) as Partial<Record<string, Metrics>>;
    } catch (error) {
      if (args.check) throw new Error(`--check needs the card's metrics: ${cardFile} (${(error as Error).message})`);
      return {};
    }
  })();
  const problems: string[] = [];
  const results: Record<string, unknown> = {};
  let worst = 0;
  for (const precision of precisions) {
    const metrics = await evaluate(resolve(args.cases), modelDir, precision, {
      runtime: args.runtime!,
      threads: Number(args.threads),
      limit: args.limit ? Number(args.limit) : undefined,
      grounding: !args['no-grounding'],
      scoreAll: args['score-all']!,
      gated: args.gated,
    });
    const { domain } = metrics;
    console.log(`\nout of domain: ${domain.refused}/${domain.checked}`);
    for (const [reason, count] of Object.entries(domain.byReason)) console.log(`  ${reason}: ${count}`);
    for (const [reason, count] of Object.entries(domain.notRead)) console.log(`not read: ${count} (${reason})`);
    if (domain.partial)
      console.log(`not scored: ${domain.partial} (labels or boxes only, no report: finding-level metrics need every finding)`);
    results[precision] = metrics;
    const cardKey = [precision, args.set].filter(Boolean).join(' ');
    worst = Math.max(worst, printComparison(cardKey, metrics, card[cardKey]));
    problems.push(...checkAgainstCard(cardKey, metrics, card[cardKey]));
    console.log(`(${metrics.seconds.toFixed(0)} s on ${args.runtime === 'node' ? 'onnxruntime-node' : 'onnxruntime-web (WASM)'})`);
  }
  console.log(`\nlargest difference from the model card (rates, excluding mm): ${worst.toFixed(3)}`);
  if (args.out) writeFileSync(args.out, JSON.stringify(results, null, 1));
  if (args.check) {
    if (problems.length) {
      console.error(`\nCHECK FAILED against ${cardFile}:\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`check: every metric within ${CHECK_TOLERANCE.rate} (${CHECK_TOLERANCE.mm} mm) of ${cardFile}`);
  }
}

await main();
