// `npm run eval -- --cases DIR --labels [--model DIR] [--precision int8|fp32] [--limit N] [--score-all] [--out FILE]`
// Image-level metrics on cases with labels (converted real films, models/recipe/convert.py): the
// browser's model runtime drafts each film, a finding's score is the label head's probability for
// its type (models with a label head; else the draft's probability for its finding of that type, 0
// when it drafted none), and scripts/eval/metrics/labelMetrics.ts gives per
// finding AUROC, sensitivity and specificity at the operating threshold (calibrated drafting's,
// where the model has it) with 95 % bootstrap
// intervals, normal vs abnormal AUROC, and box recall at IoU 0.3 and 0.5 where the case has boxes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Box } from '../../src/findings/box';
import { FINDING_TYPES, LABEL_TYPES, labelSentence, type LabelType } from '../../src/findings/labels';
import { DEVICE_TYPES, labelMetrics, type Interval, type LabelledCase } from './metrics/labelMetrics';
import { calibrate } from '../../src/model/calibration';
import type { LabelCalibration, LabelOperatingPoint } from '../../src/model/labelGate';
import type { Precision } from '../../src/model/manifest';
import type { GroundedFinding } from '../../src/model/grounding';
import { readInstanceHeader } from '../../src/dicom/header';
import { headerRefusal } from '../../src/model/inputCheck';
import { readGreyscale } from './readImage';
import { loadModel } from './runtime';

interface LabelledJson {
  indication?: string;
  labels?: Partial<Record<string, 0 | 1 | null>> | null;
  unmapped?: string[];
  findings: Array<{ type: string; boxes: Box[] }>;
  report?: { sentences?: unknown[] } | null;
}

/**
 * The case's known labels (label types Lucent has; null and unknown types left out), what its source
 * named without a type, and its boxes per type, in image pixels. A generated case (a full report, no
 * `labels`) lists every finding it has, so each finding type is known: present when listed; and it is
 * abnormal when it lists one that is not a device (models/recipe/findings.py labels_of_findings).
 */
function readLabels(path: string): (Pick<LabelledCase, 'labels' | 'boxes' | 'unmapped'> & { indication: string }) | undefined {
  const json = JSON.parse(readFileSync(path, 'utf8')) as LabelledJson;
  const has = (t: string) => json.findings.some((f) => f.type === t);
  const labels =
    json.labels ??
    (json.report?.sentences
      ? {
          ...Object.fromEntries(FINDING_TYPES.map((t) => [t, has(t) ? 1 : 0])),
          abnormal: FINDING_TYPES.some((t) => has(t) && !DEVICE_TYPES.includes(t)) ? 1 : 0,
        }
      : undefined);
  if (!labels) return undefined;
  const known = LABEL_TYPES.filter((t) => labels[t] === 0 || labels[t] === 1);
  const isLabel = (t: string): t is LabelType => (LABEL_TYPES as readonly string[]).includes(t);
  const boxes: Partial<Record<LabelType, Box[]>> = {};
  for (const f of json.findings) if (isLabel(f.type) && f.boxes.length) (boxes[f.type] ??= []).push(...f.boxes);
  return {
    labels: Object.fromEntries(known.map((t) => [t, labels[t]])),
    unmapped: json.unmapped ?? [],
    boxes,
    indication: json.indication ?? '',
  };
}

/** A finding's score per type: the highest probability (else confidence) among the draft's findings of that type. */
function scoresOf(findings: GroundedFinding[]): Pick<LabelledCase, 'scores' | 'predictedBoxes'> {
  const scores: Partial<Record<LabelType, number>> = {};
  const predictedBoxes: Partial<Record<LabelType, Box[]>> = {};
  for (const f of findings) {
    const type = labelSentence(f.text)?.type;
    if (!type) continue;
    scores[type] = Math.max(scores[type] ?? 0, f.probability ?? f.confidence);
    (predictedBoxes[type] ??= []).push(...f.boxes);
  }
  return { scores, predictedBoxes };
}

/**
 * With calibrated drafting, each type's operating point as a threshold on the head's probability:
 * the lowest probability among these films whose calibrated value reaches the calibrated threshold
 * (the map never decreases, so the films it calls present are those at or above it). Without: 0.5.
 */
function operatingThresholds(cases: LabelledCase[], calibration: LabelCalibration | undefined): Partial<Record<LabelType, number>> {
  if (!calibration) return {};
  const thresholds: Partial<Record<LabelType, number>> = {};
  for (const [type, point] of Object.entries(calibration.types) as Array<[LabelType, LabelOperatingPoint]>) {
    const called = cases
      .map((c) => c.scores[type])
      .filter((s): s is number => s !== undefined && calibrate(s, point.map) >= point.threshold);
    thresholds[type] = called.length ? Math.min(...called) : Number.POSITIVE_INFINITY;
  }
  return thresholds;
}

export async function runLabels(
  dir: string,
  modelDir: string,
  precision: Precision,
  options: { runtime: string; threads: number; limit?: number; scoreAll: boolean; out?: string },
): Promise<void> {
  const { model, bytes } = await loadModel(modelDir, precision, options.runtime, options.threads);
  const files = new Set(readdirSync(dir));
  const names = [...files]
    .filter((f) => f.endsWith('.dcm') && files.has(`${f.slice(0, -4)}.json`))
    .map((f) => f.slice(0, -4))
    .sort()
    .slice(0, options.limit);
  const cases: LabelledCase[] = [];
  let refused = 0;
  let fromHead = 0;
  for (const name of names) {
    const truth = readLabels(join(dir, `${name}.json`));
    if (!truth) continue;
    const fileBytes = new Uint8Array(readFileSync(join(dir, `${name}.dcm`)));
    const image = await readGreyscale(fileBytes, `${name}.dcm`);
    const refusal = headerRefusal(readInstanceHeader(fileBytes), bytes.manifest.inputDomain) ?? model.checkPixels(image).refusal;
    if (refusal) refused++;
    // A refused film is drafted as nothing, as the app would: every score 0, unless --score-all.
    const run = refusal && !options.scoreAll ? undefined : await model.draftReport(image, truth.indication, { maxNewTokens: 140 });
    const drafted = scoresOf(run?.report.findings ?? []);
    if (run?.findingProbabilities) fromHead++;
    cases.push({
      labels: truth.labels,
      unmapped: truth.unmapped,
      boxes: truth.boxes,
      ...drafted,
      scores: { ...drafted.scores, ...run?.findingProbabilities },
    });
  }
  await model.release();
  // The gate's operating points hold for the weights it was fitted with; the app drafts other weights ungated.
  const calibrated = bytes.manifest.labelCalibration?.precision === precision ? bytes.manifest.labelCalibration : undefined;
  const m = labelMetrics(cases, operatingThresholds(cases, calibrated));
  const fmt = (i: Interval) =>
    i.value === null ? '—' : `${i.value.toFixed(3)} (${i.low?.toFixed(3) ?? '—'}-${i.high?.toFixed(3) ?? '—'})`;
  console.log(
    `\n${precision}: ${m.cases} labelled cases, ${refused} refused by the input checks` +
      `${refused && !options.scoreAll ? ' (scored as drafting nothing)' : ''}; 95 % bootstrap intervals`,
  );
  console.log(
    `scores: ${
      fromHead ? `the label head's probabilities (${fromHead} films)` : "the draft's probabilities (the model has no label head)"
    }; boxes: the draft's`,
  );
  console.log(
    `sensitivity and specificity: ${
      calibrated
        ? "at each calibrated type's operating point (calibrated drafting); others, and nodule or mass, at probability 0.5"
        : 'at probability 0.5'
    }`,
  );
  console.log(
    'finding'.padEnd(20) + 'known'.padStart(7) + 'pos'.padStart(6) + '   AUROC'.padEnd(24) + 'sensitivity'.padEnd(22) + 'specificity',
  );
  for (const [type, f] of Object.entries(m.per_type))
    console.log(
      type.padEnd(20) +
        String(f.known).padStart(7) +
        String(f.positives).padStart(6) +
        '   ' +
        fmt(f.auroc).padEnd(21) +
        fmt(f.sensitivity).padEnd(22) +
        fmt(f.specificity),
    );
  console.log(
    `normal vs abnormal AUROC ${fmt(m.normal_vs_abnormal)} ` +
      `(${m.normal_vs_abnormal.normal} normal, ${m.normal_vs_abnormal.abnormal} abnormal)`,
  );
  const r = m.box_recall;
  const recall = (x: { boxes: number; 'at_0.3': number | null; 'at_0.5': number | null }) =>
    `over ${x.boxes} true boxes: IoU 0.3 ${x['at_0.3']?.toFixed(3) ?? '—'}, IoU 0.5 ${x['at_0.5']?.toFixed(3) ?? '—'}`;
  console.log(`box recall ${recall(r)}`);
  for (const [type, x] of Object.entries(r.by_type)) console.log(`  ${type}: ${recall(x)}`);
  if (options.out) writeFileSync(options.out, JSON.stringify({ [precision]: { ...m, refused } }, null, 1));
}
