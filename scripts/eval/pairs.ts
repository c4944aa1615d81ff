// `npm run eval -- --pairs DIR [--model DIR] [--precision int8|fp32] [--limit N] [--out FILE]`
// Comparison with a prior, scored on the recipe's prior/current pairs (generate.py pairs): the
// browser's model runtime drafts both films, the app's alignment (src/imaging/align.ts) and
// comparison (src/report/comparison/compare.ts) say what changed, and scripts/eval/metrics/changeScore.ts
// scores it against the pair's true changes. Prints each change kind's accuracy and the change F1.
// `--tune` searches the comparison's thresholds on a tuning set of pairs instead (tuneThresholds).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Box } from '../../src/findings/box';
import type { FindingType } from '../../src/findings/labels';
import { alignFilms, priorBoxOnCurrent, regionDifferences, type Alignment } from '../../src/imaging/align';
import { readInstanceHeader } from '../../src/dicom/header';
import { ChangeScorer, type ChangeMetrics } from './metrics/changeScore';
import type { Precision } from '../../src/model/manifest';
import {
  CHANGE_KINDS,
  compareFindings,
  type ChangeKind,
  type FilmPair,
  type FindingChange,
  type ObservedFinding,
} from '../../src/report/comparison/compare';
import { recheckResolved } from '../../src/report/comparison/recheck';
import { DEFAULT_THRESHOLDS, type ComparisonThresholds } from '../../src/report/comparison/thresholds';
import { readGreyscale } from './readImage';
import { readTruth, type CaseTruth } from './readCase';
import { observedFindings } from '../../src/app/applyDraft';
import { loadModel } from './runtime';

interface PairJson {
  format: string;
  prior: string;
  current: string;
  changes: Array<{ type: FindingType; laterality: string; change: ChangeKind; size_mm?: Array<number | null> }>;
}

/** The reference report's finding sentences with their boxes: the prior's signed report. */
const reportedFindings = (truth: CaseTruth): ObservedFinding[] =>
  truth.findings.filter((f) => f.sentence).map((f) => ({ text: f.sentence!, boxes: f.boxesPx }));

type Model = Awaited<ReturnType<typeof loadModel>>['model'];

async function read(dir: string, name: string, model: Model) {
  const bytes = new Uint8Array(readFileSync(join(dir, `${name}.dcm`)));
  const image = await readGreyscale(bytes, `${name}.dcm`);
  const spacing = readInstanceHeader(bytes).pixelSpacing ?? [1, 1];
  const truth = readTruth(join(dir, `${name}.json`));
  if (!truth) throw new Error(`${name}.json: no report sentences (a pair's cases are full cases)`);
  const run = await model.draftReport(image, truth.indication, { maxNewTokens: 140 });
  const findings = observedFindings(run.report);
  return { image, spacing, findings, truth };
}

/** The two ways the app reads the prior: its signed report, or (without one) a model draft of the prior film. */
export const PRIOR_SOURCES = ['report', 'model'] as const;
export type PriorSource = (typeof PRIOR_SOURCES)[number];
export type PairResults = Record<PriorSource, ChangeMetrics> & { seconds: number };

/**
 * A pair read once: both films drafted and aligned. The model's sentences for places on the current film are kept, so that scoring
 * again (tuning) asks it only once.
 */
interface ReadPair {
  file: string;
  pair: PairJson;
  prior: Awaited<ReturnType<typeof read>>;
  current: Awaited<ReturnType<typeof read>>;
  alignment: Alignment;
  films: FilmPair;
  described: Map<string, Promise<string>>;
}

async function readPair(dir: string, file: string, model: Model): Promise<ReadPair> {
  const pair = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PairJson;
  if (pair.format !== 'lucent-cxr-pair/1') throw new Error(`${file}: not a lucent-cxr-pair/1 file`);
  const prior = await read(dir, pair.prior, model);
  const current = await read(dir, pair.current, model);
  const [priorFilm, currentFilm] = [
    { image: prior.image, spacingMm: prior.spacing },
    { image: current.image, spacingMm: current.spacing },
  ];
  const alignment = alignFilms(priorFilm, currentFilm);
  const films: FilmPair = {
    priorSpacing: prior.spacing,
    currentSpacing: current.spacing,
    priorToCurrent: (box: Box) => priorBoxOnCurrent(box, alignment, prior.spacing, current.spacing),
    difference: regionDifferences(priorFilm, currentFilm, alignment),
  };
  return { file, pair, prior, current, alignment, films, described: new Map() };
}

/** What the app says changed in each pair, with the given thresholds, scored against the true changes. */
async function scorePairs(
  pairs: ReadPair[],
  model: Model,
  thresholds: ComparisonThresholds,
  verbose = false,
): Promise<Record<PriorSource, ChangeMetrics>> {
  const scorers = { report: new ChangeScorer(), model: new ChangeScorer() };
  // One model task at a time: the engine keeps one film's encoding, and a describe of another film replaces it.
  let queue: Promise<unknown> = Promise.resolve();
  for (const p of pairs) {
    const truth = p.pair.changes.map((c) => ({ type: c.type, laterality: c.laterality, kind: c.change }));
    const describe = (box: Box) => {
      const key = box.map((v) => v.toFixed(2)).join(',');
      if (!p.described.has(key)) {
        const described = queue.then(() => model.describe(p.current.image, box));
        queue = described;
        p.described.set(
          key,
          described.then((r) => r.text),
        );
      }
      return p.described.get(key)!;
    };
    for (const source of PRIOR_SOURCES) {
      const priorFindings = source === 'report' ? reportedFindings(p.prior.truth) : p.prior.findings;
      const films = { ...p.films, priorIsReport: source === 'report', thresholds };
      const changes = await recheckResolved(compareFindings(priorFindings, p.current.findings, films), priorFindings, films, describe);
      if (verbose) printPair(`${p.file} (prior from its ${source})`, p.alignment, p.pair, changes);
      scorers[source].add(truth, p.prior.truth.findings, changes);
    }
  }
  return { report: scorers.report.result(), model: scorers.model.result() };
}

async function readPairs(dir: string, model: Model, precision: Precision, limit?: number): Promise<ReadPair[]> {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.pair.json'))
    .sort()
    .slice(0, limit);
  const start = performance.now();
  const pairs: ReadPair[] = [];
  for (const [k, file] of names.entries()) {
    pairs.push(await readPair(dir, file, model));
    if ((k + 1) % 25 === 0)
      console.error(`${precision}: ${k + 1}/${names.length} pairs, ${((performance.now() - start) / 1000).toFixed(0)} s`);
  }
  return pairs;
}

export async function evaluatePairs(
  dir: string,
  modelDir: string,
  precision: Precision,
  options: { runtime: string; threads: number; limit?: number; verbose?: boolean },
): Promise<PairResults> {
  const { model } = await loadModel(modelDir, precision, options.runtime, options.threads);
  const start = performance.now();
  const results = await scorePairs(await readPairs(dir, model, precision, options.limit), model, DEFAULT_THRESHOLDS, options.verbose);
  await model.release();
  return { ...results, seconds: (performance.now() - start) / 1000 };
}

/** Values tried for each threshold when tuning, around the defaults. */
const TUNING_GRID: Record<keyof ComparisonThresholds, number[]> = {
  subtraction: [0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12, 0.14],
  appearance: [0.04, 0.06, 0.08, 0.1, 0.12, 0.14],
  tubeMovedPeak: [0.06, 0.07, 0.08, 0.085, 0.09, 0.1, 0.12],
  tubeRemovedMean: [0.03, 0.04, 0.045, 0.05, 0.06],
  deviceToleranceMm: [4, 6, 8, 10, 12, 15, 20],
  decisiveSize: [1.5, 2, 2.5, 3, 4, 100],
};

/**
 * `--tune`: coordinate search of the thresholds on a tuning set of pairs (never the held-out set the
 * card reports), maximising the sum of the two change F1s (prior from its report, from a model draft).
 */
export async function tuneThresholds(
  dir: string,
  modelDir: string,
  precision: Precision,
  options: { runtime: string; threads: number; limit?: number },
): Promise<void> {
  const { model } = await loadModel(modelDir, precision, options.runtime, options.threads);
  const pairs = await readPairs(dir, model, precision, options.limit);
  const objective = (r: Record<PriorSource, ChangeMetrics>) => r.report.f1 + r.model.f1;
  const show = (t: ComparisonThresholds, r: Record<PriorSource, ChangeMetrics>) =>
    `${JSON.stringify(t)}: F1 ${r.report.f1.toFixed(3)} (report) ${r.model.f1.toFixed(3)} (model draft)`;
  let best = { ...DEFAULT_THRESHOLDS };
  let bestResult = await scorePairs(pairs, model, best);
  console.log(`defaults ${show(best, bestResult)}`);
  for (let round = 0; round < 2; round++)
    for (const key of Object.keys(TUNING_GRID) as Array<keyof ComparisonThresholds>)
      for (const value of TUNING_GRID[key]) {
        const tried = { ...best, [key]: value };
        const result = await scorePairs(pairs, model, tried);
        if (objective(result) > objective(bestResult) + 1e-9) [best, bestResult] = [tried, result];
      }
  console.log(`best ${show(best, bestResult)}`);
  await model.release();
}

function printPair(title: string, alignment: Alignment, pair: PairJson, changes: FindingChange[]): void {
  const said = (c: { type: string; laterality: string }) => `${c.type}/${c.laterality}`;
  const mm = (v: Array<number | null | undefined>) => JSON.stringify(v.map((x) => (x === undefined || x === null ? null : Math.round(x))));
  console.log(
    `${title}: scale ${alignment.scale.toFixed(3)} shift ${alignment.offsetMm.map((v) => v.toFixed(0)).join(',')} mm ` +
      `(r ${alignment.correlation.toFixed(2)})`,
  );
  console.log(`  true: ${pair.changes.map((c) => `${said(c)} ${c.change} ${mm(c.size_mm ?? [])}`).join('; ')}`);
  console.log(
    `  said: ${changes
      .map(
        (c) =>
          `${said(c)} ${c.kind} ${mm(c.sizeMm)}${c.movedMm !== undefined ? ` moved ${c.movedMm}` : ''}` +
          `${c.subtraction !== undefined ? ` sub ${c.subtraction}` : ''}`,
      )
      .join('; ')}`,
  );
}

export async function runPairs(
  dir: string,
  modelDir: string,
  precision: Precision,
  options: { runtime: string; threads: number; limit?: number; out?: string; verbose?: boolean },
): Promise<void> {
  const results = await evaluatePairs(dir, modelDir, precision, options);
  const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  console.log(
    `\n${precision}: ${results.report.pairs} pairs (${results.seconds.toFixed(0)} s); ` +
      'the prior read from its signed report | from a model draft of the prior film',
  );
  console.log('change kind'.padEnd(14) + 'true'.padStart(6) + 'report'.padStart(10) + 'model'.padStart(10));
  for (const kind of CHANGE_KINDS)
    console.log(
      kind.padEnd(14) +
        String(results.report.per_kind[kind].support).padStart(6) +
        PRIOR_SOURCES.map((s) => fmt(results[s].per_kind[kind].accuracy).padStart(10)).join(''),
    );
  for (const source of PRIOR_SOURCES) {
    const m = results[source];
    console.log(
      `prior from its ${source}: change precision ${fmt(m.precision)}, recall ${fmt(m.recall)}, F1 ${fmt(m.f1)}; ` +
        `"unchanged" said of a finding the prior film did not have: ${m.unchanged_claimed_absent} ` +
        `(any kind claiming the prior had it: ${m.prior_claimed_absent})`,
    );
  }
  if (options.out) writeFileSync(options.out, JSON.stringify({ [precision]: results }, null, 1));
}
