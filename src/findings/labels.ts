// Rule-based labelling of report sentences: finding type, laterality, size. The same rules as
// models/recipe/labels.py (a parity test checks them), so the browser runtime's evaluation
// gives the model card's numbers. Lucent's own keyword labeller, not CheXbert.

export const FINDING_TYPES = [
  'nodule',
  'mass',
  'pleural_effusion',
  'pneumothorax',
  'consolidation',
  'atelectasis',
  'cardiomegaly',
  'endotracheal_tube',
  'central_line',
  'pacemaker',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

/** Tubes, lines and devices: things placed in the patient, not disease (a film with only these is normal). */
export const DEVICE_TYPES = ['endotracheal_tube', 'central_line', 'pacemaker'] as const satisfies readonly FindingType[];

/** Whether a finding or label type is a device. */
export const isDevice = (type: string): boolean => (DEVICE_TYPES as readonly string[]).includes(type);

/**
 * A label head's outputs (models/recipe/findings.py LABEL_TYPES): every finding type, then types that
 * real films' labels carry and the generator does not draw (NIH pneumonia, consolidation or
 * infiltration: airspace opacity; edema: pulmonary oedema), then "abnormal": the film is not normal
 * (any finding, a device aside; NIH: any label but No Finding).
 */
export const LABEL_TYPES = [...FINDING_TYPES, 'airspace_opacity', 'pulmonary_edema', 'abnormal'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

/** Drafted finding types that say a label besides its own: a drafted consolidation is an airspace opacity. */
const SAID_AS: Partial<Record<LabelType, FindingType[]>> = { airspace_opacity: ['consolidation'] };

/** Every type whose drafted finding says this label: the label itself, and those SAID_AS names. */
export const typesSaying = (label: LabelType): LabelType[] => [label, ...(SAID_AS[label] ?? [])];

/** The drafted finding type that says a label (its own, or the first SAID_AS names); undefined when none does. */
export function findingTypeSaying(label: string): FindingType | undefined {
  if ((FINDING_TYPES as readonly string[]).includes(label)) return label as FindingType;
  return SAID_AS[label as LabelType]?.[0];
}

export interface SentenceLabel {
  type: FindingType;
  laterality: 'right' | 'left' | 'bilateral' | 'none';
  sizeMm: number | undefined;
  ratio: number | undefined;
}

const TYPE_PATTERNS: Array<[FindingType, RegExp]> = [
  ['pneumothorax', /pneumothorax/],
  ['pleural_effusion', /effusion|blunting/],
  ['endotracheal_tube', /endotracheal/],
  ['central_line', /central venous|central line|catheter/],
  ['pacemaker', /pacemaker/],
  ['cardiomegaly', /cardiomegaly|heart is enlarged|enlarged cardiac|cardiac silhouette is enlarged/],
  ['mass', /\bmass\b/],
  ['nodule', /nodul/],
  ['atelectasis', /atelectasis/],
  ['consolidation', /consolidation|airspace opacity/],
];
const NEGATION =
  /^(no |there is no |the lungs are clear|the heart size is normal|normal cardiac size|the costophrenic angles are clear|normal chest)/;
const ALL_FINDINGS: LabelType[] = [...FINDING_TYPES, 'airspace_opacity', 'pulmonary_edema'];
const SIZE = /(\d+(?:\.\d+)?)\s*(mm|cm)/;
const RATIO = /ratio (?:of )?(\d\.\d+)/;
const UNSIDED = new Set<FindingType>(['cardiomegaly', 'endotracheal_tube']);

/** A pertinent negative ("no pneumothorax", "the lungs are clear"). */
export function isNegativeSentence(text: string): boolean {
  return NEGATION.test(text.toLowerCase().trim());
}

const LUNG_TYPES: LabelType[] = ['consolidation', 'airspace_opacity', 'pulmonary_edema', 'nodule', 'mass', 'atelectasis'];
/** What the pertinent negatives that name no type deny. */
const DENIED_BY: Array<[RegExp, LabelType[]]> = [
  [/^the lungs are clear/, LUNG_TYPES],
  [/^(the heart size is normal|normal cardiac size)/, ['cardiomegaly']],
  [/^the costophrenic angles are clear/, ['pleural_effusion']],
  [/^(normal chest|no acute cardiopulmonary)/, ALL_FINDINGS],
];

/** The types a pertinent negative denies ("no pneumothorax", "the lungs are clear"); none for other sentences. */
export function typesDenied(text: string): LabelType[] {
  const t = text.toLowerCase().trim();
  if (!NEGATION.test(t)) return [];
  const general = DENIED_BY.find(([pattern]) => pattern.test(t));
  if (general) return general[1];
  return TYPE_PATTERNS.filter(([, pattern]) => pattern.test(t)).map(([type]) => type);
}

/**
 * Every label a pertinent negative denies: the types it denies and the labels they say ("No focal consolidation."
 * also denies an airspace opacity, which a drafted consolidation would say).
 */
export function labelsDenied(text: string): LabelType[] {
  return [...new Set(typesDenied(text).flatMap(labelsSaidBy))];
}

/** Every label a finding of this type says: its own, and those it is said as (a consolidation: an airspace opacity too). */
export const labelsSaidBy = (type: LabelType): LabelType[] => LABEL_TYPES.filter((label) => typesSaying(label).includes(type));

/** undefined for a negative or unrecognised sentence. */
export function labelSentence(text: string): SentenceLabel | undefined {
  const t = text.toLowerCase().trim();
  if (!t || NEGATION.test(t)) return undefined;
  const type = TYPE_PATTERNS.find(([, pattern]) => pattern.test(t))?.[0];
  if (!type) return undefined;
  let laterality: SentenceLabel['laterality'] = 'none';
  if (!UNSIDED.has(type)) {
    if (t.includes('bilateral')) laterality = 'bilateral';
    else laterality = (/\b(right|left)\b/.exec(t)?.[1] as 'right' | 'left' | undefined) ?? 'none';
  }
  const size = SIZE.exec(t);
  const ratio = RATIO.exec(t);
  return {
    type,
    laterality,
    sizeMm: size ? Number(size[1]) * (size[2] === 'cm' ? 10 : 1) : undefined,
    ratio: ratio ? Number(ratio[1]) : undefined,
  };
}
