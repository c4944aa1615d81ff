// Checks before any model task: is this image something the model was trained to read? From the
// header (modality, body part, view against the manifest's declared input domain) and from the
// pixels the model would see (blank, uniform, noise). Each refusal says its reason in words; the
// reader can still draft anyway. Plain TypeScript.

import { displayedRegion, domainDistance, domainFeatures, meanStep } from './domainCheck';
import type { InputDomain } from './inputDomain';
import type { ModelManifest } from './manifest';
import type { ModelInput } from './preprocess';

/** The header facts the check reads (DICOM Modality, Body Part Examined, View Position; '' when absent). */
export interface ImageFacts {
  modality: string;
  bodyPartExamined: string;
  viewPosition: string;
}

export type RefusalCode = 'modality' | 'body-part' | 'view' | 'blank' | 'uniform' | 'noise' | 'domain';

export interface Refusal {
  code: RefusalCode;
  /** Why, in words a reader acts on: "CT image: this model reads frontal chest radiographs." */
  reason: string;
}

const MODALITY_NAMES: Record<string, string> = {
  CT: 'CT image',
  MR: 'MR image',
  US: 'ultrasound image',
  NM: 'nuclear medicine image',
  PT: 'PET image',
  MG: 'mammogram',
  XA: 'angiography image',
  RF: 'fluoroscopy image',
  OT: 'image of unknown modality',
  SC: 'secondary capture',
  SR: 'structured report',
  DOC: 'document',
};
const LATERAL = new Set(['LL', 'RL', 'LAT', 'LATERAL', 'LLD', 'RLD']);

/** The model learned from adults' films: below this age its draft may not hold. */
export const ADULT_AGE = 16;

/**
 * The patient's age in years from the header: Patient's Age ("045Y", "006M", "010W", "003D"), else
 * the years between birth and study dates; undefined when neither is stated.
 */
export function ageInYears(h: { patientAge: string; patientBirthDate: string; studyDate: string }): number | undefined {
  const stated = /^(\d{1,3})([DWMY])$/.exec(h.patientAge.trim().toUpperCase());
  if (stated) return Number(stated[1]) / { D: 365.25, W: 52.18, M: 12, Y: 1 }[stated[2] as 'D' | 'W' | 'M' | 'Y'];
  const date = (s: string) => (/^\d{8}$/.test(s) ? new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`).getTime() : NaN);
  const years = (date(h.studyDate) - date(h.patientBirthDate)) / (365.25 * 86_400_000);
  return Number.isFinite(years) && years >= 0 ? years : undefined;
}

/** What the reader is told before relying on a draft the header gives reason to doubt (not a refusal): a child's film. */
export function headerWarnings(h: { patientAge: string; patientBirthDate: string; studyDate: string }): string[] {
  const age = ageInYears(h);
  if (age === undefined || age >= ADULT_AGE) return [];
  const said = age >= 1 ? `${Math.floor(age)} years old` : `${Math.max(0, Math.floor(age * 12))} months old`;
  return [
    `The patient is ${said}: the model was trained on adults' films only (none under ${ADULT_AGE}); its draft may not hold for a child.`,
  ];
}

/** The header's verdict: undefined when the image is within the model's declared domain. */
export function headerRefusal(facts: ImageFacts, domain: InputDomain): Refusal | undefined {
  const modality = facts.modality.toUpperCase();
  if (domain.modalities.length && !domain.modalities.includes(modality)) {
    return { code: 'modality', reason: `${MODALITY_NAMES[modality] ?? `${modality} image`}: this model reads ${domain.description}.` };
  }
  const part = facts.bodyPartExamined.toUpperCase();
  if (part && domain.bodyParts.length && !domain.bodyParts.includes(part)) {
    return { code: 'body-part', reason: `body part ${part}: this model reads ${domain.description}.` };
  }
  const view = facts.viewPosition.toUpperCase();
  if (view && domain.views.length && !domain.views.includes(view)) {
    return { code: 'view', reason: `${LATERAL.has(view) ? 'lateral view' : `view ${view}`}: this model reads ${domain.description}.` };
  }
  return undefined;
}

/** Statistics of the image part of the model input, in displayed units (0 black .. 1 white). */
export interface PixelStats {
  mean: number;
  std: number;
  /** Mean absolute difference of neighbouring pixels over the standard deviation: about 0.1–0.3 for a film, above 1 for noise. */
  roughness: number;
}

/** Statistics of displayed values v (h × w: domainCheck.ts's displayedRegion of the model input). */
export function pixelStats({ v, h, w }: { v: Float32Array; h: number; w: number }): PixelStats {
  let sum = 0;
  let sumSq = 0;
  for (const p of v) {
    sum += p;
    sumSq += p * p;
  }
  const n = h * w;
  const mean = sum / n;
  const std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  // Neighbours across and down, each direction weighted by its number of pairs.
  const across = h * (w - 1);
  const down = (h - 1) * w;
  const meanDiff = across + down ? (meanStep(v, h, w, 1, false) * across + meanStep(v, h, w, 1, true) * down) / (across + down) : 0;
  return { mean, std, roughness: std > 0 ? meanDiff / std : 0 };
}

/** Below this standard deviation (of 0..1) an image shows nothing: one grey, or black or white. */
export const UNIFORM_STD = 0.02;
/**
 * Above this roughness neighbouring pixels are as unlike as any two: noise, not anatomy. Measured at
 * the model's 160-pixel input: generated films and MR slices 0.06–0.08, uniform noise 1.06.
 */
export const NOISE_ROUGHNESS = 0.5;
/** Below this, the pixels are one value (rounding aside): roughness means nothing. */
const FLAT_STD = 0.002;

/** The pixels' verdict: undefined for an image with something to read. */
export function pixelRefusal(stats: PixelStats): Refusal | undefined {
  const flat = stats.std < FLAT_STD;
  // Noise first: averaged down to the model's input, strong noise can be faint, but it stays rough.
  if (!flat && stats.roughness > NOISE_ROUGHNESS)
    return { code: 'noise', reason: 'the image is noise, not a radiograph: nothing for the model to read.' };
  if (stats.std < UNIFORM_STD) {
    if (stats.mean < 0.05 || stats.mean > 0.95)
      return { code: 'blank', reason: `blank image (all ${stats.mean < 0.5 ? 'black' : 'white'}): nothing for the model to read.` };
    return { code: 'uniform', reason: 'uniform image (one grey, no structure): nothing for the model to read.' };
  }
  return undefined;
}

/** The pixel checks' verdict on an image, and the learned domain check's distance when the model brings its statistics. */
export interface CheckRun {
  refusal: Refusal | undefined;
  domainDistance?: number;
}

/** The pixels the blank, uniform and noise checks read: the displayed image before any equalisation. */
export function checkedPixels(input: ModelInput, normalize: ModelManifest['normalize']): { v: Float32Array; h: number; w: number } {
  return input.displayed ? { v: input.displayed, h: input.h, w: input.w } : displayedRegion(input, normalize);
}

/** Every check on what the model would see: blank, uniform, noise, then how far from the films it learned (domainCheck.ts). */
export function checkModelInput(input: ModelInput, manifest: Pick<ModelManifest, 'normalize' | 'domainStatistics'>): CheckRun {
  const region = displayedRegion(input, manifest.normalize);
  const refusal = pixelRefusal(pixelStats(checkedPixels(input, manifest.normalize)));
  const stats = manifest.domainStatistics;
  if (refusal || !stats) return { refusal };
  const distance = domainDistance(domainFeatures(region), stats);
  return { refusal: distance > stats.threshold ? { code: 'domain', reason: stats.refusal } : undefined, domainDistance: distance };
}
