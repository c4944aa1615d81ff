// `npm run eval -- --pairs DIR [--model DIR] [--precision int8|fp32] [--limit N] [--out FILE]`
// Comparison with a prior, scored on the recipe's prior/current pairs (generate.py pairs): the
// browser's model runtime drafts both films, the app's alignment (src/imaging/align.ts) and
// comparison (src/report/comparison.ts) say what changed, and src/model/evaluation/changeScore.ts
// scores it against the pair's true changes. Prints each change kind's accuracy and the change F1.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingType } from '../../src/findings/labels';
import { alignFilms, priorBoxOnCurrent } from '../../src/imaging/align';
import { readInstanceHeader } from '../../src/dicom/header';
import { ChangeScorer, type ChangeMetrics } from '../../src/model/evaluation/changeScore';
import type { Precision } from '../../src/model/manifest';
import { CHANGE_KINDS, compareFindings, type ChangeKind, type ObservedFinding } from '../../src/report/comparison';
import { readGreyscale } from './readImage';
import { loadModel } from './runtime';

interface PairJson {
  format: string;
  prior: string;
  current: string;
  changes: Array<{ type: FindingType; laterality: string; change: ChangeKind }>;
}

type Model = Awaited<ReturnType<typeof loadModel>>['model'];

async function read(dir: string, name: string, model: Model) {
  const bytes = new Uint8Array(readFileSync(join(dir, `${name}.dcm`)));
  const image = await readGreyscale(bytes, `${name}.dcm`);
  const spacing = readInstanceHeader(bytes).pixelSpacing ?? [1, 1];
  const truth = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { indication?: string; findings: Array<{ type: string; laterality: string }> };
  const run = await model.draftReport(image, truth.indication ?? '', { maxNewTokens: 140 });
  const findings: ObservedFinding[] = run.report.findings.filter((f) => f.text.trim()).map((f) => ({ text: f.text, boxes: f.boxes }));
  return { image, spacing, findings, truth };
}

export async function evaluatePairs(dir: string, modelDir: string, precision: Precision, options: { runtime: string; threads: number; limit?: number }): Promise<ChangeMetrics & { seconds: number }> {
  const { model } = await loadModel(modelDir, precision, options.runtime, options.threads);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.pair.json'))
    .sort()
    .slice(0, options.limit);
  const scorer = new ChangeScorer();
  const start = performance.now();
  for (const [k, file] of names.entries()) {
    const pair = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PairJson;
    if (pair.format !== 'lucent-cxr-pair/1') throw new Error(`${file}: not a lucent-cxr-pair/1 file`);
    const prior = await read(dir, pair.prior, model);
    const current = await read(dir, pair.current, model);
    const alignment = alignFilms({ image: prior.image, spacingMm: prior.spacing }, { image: current.image, spacingMm: current.spacing });
    const changes = compareFindings(prior.findings, current.findings, {
      priorSpacing: prior.spacing,
      currentSpacing: current.spacing,
      priorToCurrent: (box) => priorBoxOnCurrent(box, alignment, prior.spacing, current.spacing),
    });
    scorer.add(
      pair.changes.map((c) => ({ type: c.type, laterality: c.laterality, kind: c.change })),
      prior.truth.findings,
      changes,
    );
    if ((k + 1) % 25 === 0) console.error(`${precision}: ${k + 1}/${names.length} pairs, ${((performance.now() - start) / 1000).toFixed(0)} s`);
  }
  await model.release();
  return { ...scorer.result(), seconds: (performance.now() - start) / 1000 };
}

export async function runPairs(dir: string, modelDir: string, precision: Precision, options: { runtime: string; threads: number; limit?: number; out?: string }): Promise<void> {
  const m = await evaluatePairs(dir, modelDir, precision, options);
  const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  console.log(`\n${precision}: ${m.pairs} pairs (${m.seconds.toFixed(0)} s)`);
  console.log('change kind'.padEnd(14) + 'true'.padStart(6) + 'accuracy'.padStart(10));
  for (const kind of CHANGE_KINDS) console.log(kind.padEnd(14) + String(m.per_kind[kind].support).padStart(6) + fmt(m.per_kind[kind].accuracy).padStart(10));
  console.log(`change precision ${fmt(m.precision)}, recall ${fmt(m.recall)}, F1 ${fmt(m.f1)}`);
  console.log(`"unchanged" said of a finding the prior film did not have: ${m.unchanged_claimed_absent} (any kind that claims the prior had it: ${m.prior_claimed_absent})`);
  if (options.out) writeFileSync(options.out, JSON.stringify({ [precision]: m }, null, 1));
}
