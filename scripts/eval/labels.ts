// `npm run eval -- --cases DIR --labels [--model DIR] [--precision int8|fp32] [--limit N] [--out FILE] [--films FILE [--check]]`
// Image-level metrics on cases with labels (converted real films, models/recipe/convert.py): the
// browser's model runtime drafts each film as the app does (a film the input checks refuse is drafted
// as nothing), a finding's score is the label head's probability for its type (a model without a
// label head is refused), --films keeps one record per film (metrics/realFilms.ts: what the card's
// numbers are recomputed from; with --check, the films are instead held to that file's records),
// and scripts/eval/metrics/labelMetrics.ts gives per finding AUROC, sensitivity and specificity at
// the operating threshold (calibrated drafting's, where the model has it) with 95 % bootstrap
// intervals, normal vs abnormal AUROC, and box recall at IoU 0.3 and 0.5 where the case has boxes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Box } from '../../src/findings/box';
import { FINDING_TYPES, isDevice, LABEL_TYPES, type LabelType } from '../../src/findings/labels';
import type { Interval, LabelledCase } from './metrics/labelMetrics';
import { filmRecord, realFilmCard, type FilmRecord, type FilmRecords } from './metrics/realFilms';
import type { Precision } from '../../src/model/manifest';
import { readInstanceHeader } from '../../src/dicom/header';
import { draftForFilm, filmOf } from '../../src/app/draftForFilm';
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
          abnormal: FINDING_TYPES.some((t) => has(t) && !isDevice(t)) ? 1 : 0,
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

/** How far a label head probability may move between machines (WASM float order) and still be the record's. */
const PROBABILITY_TOLERANCE = 1e-3;

/**
 * What differs between the films drafted now and the committed records of them (the same weights, by sha256): the refusal,
 * a head probability beyond the tolerance, a sentence. The regions' IoUs are not compared: the fixtures carry NIH's boxes
 * only, the records RSNA's too.
 */
function checkRecords(films: FilmRecord[], committed: FilmRecords, sha256: FilmRecords['model']['sha256']): string[] {
  if (committed.model.sha256.encoder !== sha256.encoder || committed.model.sha256.decoder !== sha256.decoder)
    return [`the records were made with other weights (sha256 ${committed.model.sha256.encoder.slice(0, 12)}…)`];
  const byName = new Map(committed.films.map((f) => [f.name, f]));
  return films.flatMap((film) => {
    const record = byName.get(film.name);
    if (!record) return [`${film.name}: no record`];
    const problems: string[] = [];
    if (film.refused !== record.refused) problems.push(`${film.name}: refused ${film.refused}, recorded ${record.refused}`);
    for (const [type, p] of Object.entries(record.probabilities ?? {})) {
      const now = film.probabilities?.[type as LabelType];
      if (now === undefined || Math.abs(now - p!) > PROBABILITY_TOLERANCE) problems.push(`${film.name}: ${type} ${now}, recorded ${p}`);
    }
    const [said, recorded] = [film.sentences, record.sentences].map((s) => s.map((x) => x.text).join(' | '));
    if (said !== recorded) problems.push(`${film.name}: drafted "${said}", recorded "${recorded}"`);
    return problems;
  });
}

export async function runLabels(
  dir: string,
  modelDir: string,
  precision: Precision,
  options: { runtime: string; threads: number; limit?: number; out?: string; films?: string; check?: boolean },
): Promise<void> {
  const { model, bytes } = await loadModel(modelDir, precision, options.runtime, options.threads);
  const files = new Set(readdirSync(dir));
  const names = [...files]
    .filter((f) => f.endsWith('.dcm') && files.has(`${f.slice(0, -4)}.json`))
    .map((f) => f.slice(0, -4))
    .sort()
    .slice(0, options.limit);
  const films: FilmRecord[] = [];
  for (const name of names) {
    const truth = readLabels(join(dir, `${name}.json`));
    if (!truth) continue;
    const fileBytes = new Uint8Array(readFileSync(join(dir, `${name}.dcm`)));
    const image = await readGreyscale(fileBytes, `${name}.dcm`);
    const header = readInstanceHeader(fileBytes);
    const refusal = headerRefusal(header, bytes.manifest.inputDomain) ?? model.checkPixels(image).refusal;
    // A refused film is drafted as nothing, as the app would.
    const run = refusal ? undefined : await model.draftReport(image, truth.indication, { maxNewTokens: 140 });
    // As the app shows it: sizes as the film's spacing allows, its probabilities as the film is (app/draftForFilm.ts).
    const findings = run ? draftForFilm(run.report, filmOf(header), run.labelHead).findings : [];
    films.push(filmRecord(name, truth, refusal ? refusal.code : null, { probabilities: run?.findingProbabilities, findings }));
  }
  await model.release();
  // The gate's operating points hold for the weights it was fitted with; the app drafts other weights ungated.
  const calibrated = bytes.manifest.labelCalibration?.precision === precision ? bytes.manifest.labelCalibration : undefined;
  const m = realFilmCard(films, calibrated);
  const refused = m.refused;
  const fromHead = films.filter((f) => f.probabilities).length;
  if (!fromHead) throw new Error(`${modelDir} has no label head: real-film scores are the label head's`);
  const fmt = (i: Interval) =>
    i.value === null ? '—' : `${i.value.toFixed(3)} (${i.low?.toFixed(3) ?? '—'}-${i.high?.toFixed(3) ?? '—'})`;
  console.log(
    `\n${precision}: ${m.cases} labelled cases, ${refused} refused by the input checks` +
      `${refused ? ' (scored as drafting nothing)' : ''}; 95 % bootstrap intervals`,
  );
  console.log(`scores: the label head's probabilities (${fromHead} films); boxes: the draft's`);
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
  console.log('films labelled with a type whose draft holds a pertinent negative that denies it:');
  for (const [type, x] of Object.entries(m.negatives_denying)) console.log(`  ${type}: ${x.denied}/${x.films}`);
  if (options.out) writeFileSync(options.out, JSON.stringify({ [precision]: m }, null, 1));
  const { encoder, decoder } = bytes.manifest.files;
  const sha256 = { encoder: encoder[precision].sha256, decoder: decoder[precision].sha256 };
  if (options.films && options.check) {
    const problems = checkRecords(films, JSON.parse(readFileSync(options.films, 'utf8')) as FilmRecords, sha256);
    if (problems.length) {
      console.error(`\nCHECK FAILED against ${options.films}:\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`check: ${films.length} films drafted as ${options.films} records them (probabilities within ${PROBABILITY_TOLERANCE})`);
  } else if (options.films) {
    const records: FilmRecords = {
      format: 'lucent-real-films/1',
      model: {
        name: bytes.manifest.name,
        version: bytes.manifest.version,
        precision,
        sha256,
      },
      set: basename(dir),
      films,
    };
    writeFileSync(options.films, JSON.stringify(records));
  }
}
