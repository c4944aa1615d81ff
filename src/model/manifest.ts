// The model manifest ("lucent-model/3", written by models/recipe/package.py): which files make
// the model, their checksums, and how to feed it. Validated before anything is downloaded so
// that a wrong URL or another format fails with a message that says what is wrong.
// Plain TypeScript, no DOM.
import type { Calibration } from './calibration';
import type { LabelCalibration, LabelOperatingPoint } from './labelGate';
import type { DomainStatistics } from './domainCheck';
import type { InputDomain } from './inputDomain';
import type { InputSpec } from './preprocess';
import { LABEL_TYPES, type LabelType } from '../findings/labels';

export type Precision = 'int8' | 'fp32';

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ModelManifest {
  format: 'lucent-model/3';
  name: string;
  version: string;
  trainedOn: string;
  intendedUse: string;
  /** What the model reads; absent from a manifest, nothing is refused by its header. */
  inputDomain: InputDomain;
  /** The learned domain check's statistics (domainCheck.ts); absent, the check is not made. */
  domainStatistics?: DomainStatistics;
  /** Raw confidence → probability that a finding is right (calibration.ts); absent, confidence is uncalibrated. */
  calibration?: Calibration;
  defaultPrecision: Precision;
  files: {
    encoder: Record<Precision, ManifestFile>;
    decoder: Record<Precision, ManifestFile>;
    tokenizer: ManifestFile;
  };
  inputSize: number;
  normalize: { mean: number; std: number };
  /** Levels the trained inputs were rounded to after resizing (255: 8-bit), 0 for none. */
  quantizeLevels: number;
  /** The input is histogram-equalised (preprocessing.equalize; models from 0.7.0). */
  equalize: boolean;
  decoder: { layers: number; heads: number; headDim: number; maxLen: number };
  grid: [number, number];
  /** The finding types of the encoder's finding_logits output, in its order (a model with a label head; from 0.7.0). */
  findingLabels?: LabelType[];
  /** Calibrated drafting (labelGate.ts): per label type, the head's calibration and operating threshold. */
  labelCalibration?: LabelCalibration;
  metrics?: Partial<Record<Precision, { micro_f1?: number; box_recall_at_0_5?: number; laterality_accuracy?: number }>>;
}

export class ManifestError extends Error {
  constructor(source: string, problem: string) {
    super(`${source} is not a usable Lucent model manifest: ${problem}`);
    this.name = 'ManifestError';
  }
}

type Json = Record<string, unknown>;

function field<T>(obj: unknown, path: string, check: (v: unknown) => v is T, source: string): T {
  let v: unknown = obj;
  for (const key of path.split('.')) v = v && typeof v === 'object' ? (v as Json)[key] : undefined;
  if (!check(v)) throw new ManifestError(source, `"${path}" is missing or has the wrong type`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isFile = (v: unknown): v is ManifestFile =>
  !!v &&
  typeof v === 'object' &&
  isString((v as Json).path) &&
  /^[0-9a-f]{64}$/.test(String((v as Json).sha256)) &&
  isNumber((v as Json).bytes);

const upperStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString).map((s) => s.toUpperCase()) : []);

function inputDomainOf(v: unknown): InputDomain {
  const d = (v && typeof v === 'object' ? v : {}) as Json;
  return {
    modalities: upperStrings(d.modalities),
    bodyParts: upperStrings(d.body_parts),
    views: upperStrings(d.views),
    description: isString(d.description) ? d.description : 'the images it was trained on',
  };
}

function domainStatisticsOf(v: unknown, source: string): DomainStatistics | undefined {
  if (v === undefined) return undefined;
  const d = v as Json;
  const numbers = (x: unknown, n: number): x is number[] => Array.isArray(x) && x.length === n && x.every(isNumber);
  const features = Array.isArray(d.features) ? d.features.map(String) : [];
  const n = features.length;
  if (
    !n ||
    !numbers(d.mean, n) ||
    !Array.isArray(d.precision) ||
    d.precision.length !== n ||
    !d.precision.every((row) => numbers(row, n)) ||
    !isNumber(d.threshold)
  ) {
    throw new ManifestError(source, '"domain_statistics" needs features, a mean and a precision matrix of their size, and a threshold');
  }
  return {
    features,
    mean: d.mean,
    precision: d.precision as number[][],
    threshold: d.threshold,
    refusal: isString(d.refusal) ? d.refusal : 'this image is unlike the images the model was trained on.',
  };
}

function findingLabelsOf(v: unknown, source: string): LabelType[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((t) => (LABEL_TYPES as readonly string[]).includes(t)))
    throw new ManifestError(source, '"encoder.finding_labels" must list label types Lucent knows');
  return v as LabelType[];
}

function calibrationOf(v: unknown, source: string): Calibration | undefined {
  if (v === undefined) return undefined;
  const c = v as Json;
  const x = c.confidence;
  const y = c.probability;
  const ok =
    Array.isArray(x) &&
    Array.isArray(y) &&
    x.length > 0 &&
    x.length === y.length &&
    [...x, ...y].every(isNumber) &&
    x.every((v, i) => i === 0 || v >= x[i - 1]);
  if (c.method !== 'isotonic' || !ok || (c.precision !== 'int8' && c.precision !== 'fp32')) {
    throw new ManifestError(
      source,
      '"calibration" needs method "isotonic", increasing confidence knots with a probability each, and the precision it was fitted with',
    );
  }
  return { method: 'isotonic', confidence: x as number[], probability: y as number[], precision: c.precision };
}

function labelCalibrationOf(v: unknown, labels: LabelType[] | undefined, source: string): LabelCalibration | undefined {
  if (v === undefined) return undefined;
  const c = v as Json;
  const fail = (problem: string) => new ManifestError(source, `"encoder.label_calibration" ${problem}`);
  if (!labels) throw fail('needs a label head (encoder.finding_labels)');
  if (c.precision !== 'int8' && c.precision !== 'fp32') throw fail('needs the precision it was fitted with');
  const types: Partial<Record<LabelType, LabelOperatingPoint>> = {};
  for (const [type, point] of Object.entries((c.types ?? {}) as Record<string, Json>)) {
    if (!labels.includes(type as LabelType)) throw fail(`names "${type}", which the label head does not have`);
    const map = calibrationOf({ ...(point.map as Json), precision: c.precision }, source)!;
    const numbers = [point.threshold, point.sensitivity, point.specificity, point.prevalence];
    if (!numbers.every((n) => isNumber(n) && n >= 0 && n <= 1))
      throw fail(`needs a threshold, sensitivity, specificity and prevalence in 0..1 for "${type}"`);
    types[type as LabelType] = {
      map: { method: 'isotonic', confidence: map.confidence, probability: map.probability },
      threshold: point.threshold as number,
      sensitivity: point.sensitivity as number,
      specificity: point.specificity as number,
      prevalence: point.prevalence as number,
    };
  }
  return { precision: c.precision, fittedOn: String(c.fitted_on ?? ''), types, ...ruleOutOf(c.rule_out, labels, fail) };
}

/** label_calibration.rule_out.below: per type, the head's probability below which it is ruled out (scripts/calibration/ruleOut.ts). */
function ruleOutOf(v: unknown, labels: LabelType[], fail: (problem: string) => Error): Pick<LabelCalibration, 'ruleOut'> {
  if (v === undefined) return {};
  const ruleOut: Partial<Record<LabelType, number>> = {};
  for (const [type, below] of Object.entries(((v as Json).below ?? {}) as Json)) {
    if (!labels.includes(type as LabelType)) throw fail(`rules out "${type}", which the label head does not have`);
    if (!isNumber(below) || below < 0 || below > 1) throw fail(`needs a rule-out probability in 0..1 for "${type}"`);
    ruleOut[type as LabelType] = below;
  }
  return { ruleOut };
}

export function parseManifest(json: unknown, source: string): ModelManifest {
  const format = field(json, 'format', isString, source);
  if (format === 'lucent-model/1')
    throw new ManifestError(
      source,
      'it is in format lucent-model/1, whose decoder takes the encoder states; ' +
        're-package it with the current recipe (models/recipe/package.py)',
    );
  if (format === 'lucent-model/2')
    throw new ManifestError(
      source,
      'it is in format lucent-model/2, whose decoder returns only the whole key/value cache; ' +
        're-package it with the current recipe (models/recipe/package.py)',
    );
  if (format !== 'lucent-model/3') throw new ManifestError(source, `format "${format}" is not lucent-model/3`);
  const file = (path: string) => field(json, path, isFile, source);
  const grid = field(json, 'encoder.grid', (v): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isNumber), source);
  const precision = (json as Json).default_precision === 'fp32' ? 'fp32' : 'int8';
  const preprocessing = (json as Json).preprocessing as Json | undefined;
  const encoder = (json as Json).encoder as Json | undefined;
  const findingLabels = findingLabelsOf(encoder?.finding_labels, source);
  return {
    format,
    name: field(json, 'name', isString, source),
    version: field(json, 'version', isString, source),
    trainedOn: String((json as Json).trained_on ?? 'unknown data'),
    intendedUse: String((json as Json).intended_use ?? ''),
    inputDomain: inputDomainOf((json as Json).input_domain),
    domainStatistics: domainStatisticsOf((json as Json).domain_statistics, source),
    calibration: calibrationOf((json as Json).calibration, source),
    defaultPrecision: precision,
    files: {
      encoder: { int8: file('files.encoder.int8'), fp32: file('files.encoder.fp32') },
      decoder: { int8: file('files.decoder.int8'), fp32: file('files.decoder.fp32') },
      tokenizer: file('files.tokenizer'),
    },
    inputSize: field(json, 'input.size', isNumber, source),
    normalize: {
      mean: field(json, 'preprocessing.normalize.mean', isNumber, source),
      std: field(json, 'preprocessing.normalize.std', isNumber, source),
    },
    quantizeLevels: isNumber((preprocessing?.quantize as Json | undefined)?.levels) ? Number((preprocessing!.quantize as Json).levels) : 0,
    equalize: Boolean(preprocessing?.equalize),
    decoder: {
      layers: field(json, 'decoder.layers', isNumber, source),
      heads: field(json, 'decoder.heads', isNumber, source),
      headDim: field(json, 'decoder.head_dim', isNumber, source),
      maxLen: field(json, 'decoder.max_len', isNumber, source),
    },
    grid,
    findingLabels,
    labelCalibration: labelCalibrationOf(encoder?.label_calibration, findingLabels, source),
    metrics: (json as Json).metrics as ModelManifest['metrics'],
  };
}

/** How a model's input is made from an image (preprocess.ts), as its manifest says. */
export function inputSpecOf(m: ModelManifest): InputSpec {
  return { size: m.inputSize, normalize: m.normalize, quantizeLevels: m.quantizeLevels, equalize: m.equalize };
}
