// Report templates: sections (clinical information, comparison, technique, findings by organ
// system, impression) holding fields the reader fills — free text, pick lists, numbers with units,
// dates. The model of an IHE MRRT template (mrrt.ts reads and writes the files); plain TypeScript.
import { labelSentence, type FindingType } from '../../findings/labels';

/** A coded term tied to a section or field (RadLex, SNOMED CT, LOINC…), as MRRT's coded_content. */
export interface CodedTerm {
  code: string;
  /** The coding scheme's designator: RADLEX, SNOMEDCT, LN… */
  scheme: string;
  meaning: string;
}

export type FieldKind = 'text' | 'choice' | 'number' | 'date' | 'time';

export interface TemplateField {
  /** Unique within the template (the MRRT element's id). */
  id: string;
  label: string;
  kind: FieldKind;
  /** A pick list's choices (kind 'choice'). */
  options?: string[];
  /** A number's unit (kind 'number'), e.g. "mm". */
  unit?: string;
  /** Signing waits until the field is filled (MRRT data-field-completion-action="REQUIRED"). */
  required?: boolean;
  /** What the field says in a normal study (the MRRT field's default value); one key inserts it. */
  normal?: string;
  codes?: CodedTerm[];
}

/** What a section is for, where Lucent puts its own parts of the report. */
export type SectionRole = 'clinical-information' | 'comparison' | 'technique' | 'findings' | 'impression';

export interface TemplateSection {
  /** Unique within the template. */
  id: string;
  name: string;
  role?: SectionRole;
  /** Finding sentences of these types sit in this section (findings by organ system). */
  findingTypes?: FindingType[];
  fields: TemplateField[];
  codes?: CodedTerm[];
}

export interface Template {
  /** A stable identifier (MRRT dcterms.identifier). */
  id: string;
  title: string;
  description: string;
  /** BCP 47 language of the text (MRRT dcterms.language). */
  language: string;
  /** MRRT dcterms.publisher, dcterms.date, dcterms.license…: kept as read so an export gives them back. */
  meta: Record<string, string>;
  sections: TemplateSection[];
}

/** The template's fields, section by section, in reading (and Tab) order. */
export function fieldsOf(template: Template): TemplateField[] {
  return template.sections.flatMap((s) => s.fields);
}

export function sectionOfField(template: Template, fieldId: string): TemplateSection | undefined {
  return template.sections.find((s) => s.fields.some((f) => f.id === fieldId));
}

/** The section a finding sentence belongs in: the reader's choice, else by its type, else the general findings section. */
export function sectionForFinding(template: Template, text: string, chosen?: string): TemplateSection | undefined {
  if (chosen) {
    const section = template.sections.find((s) => s.id === chosen);
    if (section) return section;
  }
  const type = labelSentence(text)?.type ?? mentionedType(text);
  const byType = type && template.sections.find((s) => s.findingTypes?.includes(type));
  if (byType) return byType;
  const findings = template.sections.filter((s) => s.role === 'findings');
  // Untyped sentences go to the findings section that claims no organ system, if there is one.
  return findings.find((s) => !s.findingTypes?.length) ?? findings.at(-1) ?? template.sections.at(-1);
}

const MENTION: Array<[FindingType, RegExp]> = [
  ['pneumothorax', /pneumothorax/],
  ['pleural_effusion', /effusion|costophrenic/],
  ['cardiomegaly', /heart|cardiac|cardiomegaly/],
  ['consolidation', /lungs are clear|consolidation|airspace/],
  ['endotracheal_tube', /endotracheal/],
  ['central_line', /central venous|central line|catheter/],
  ['pacemaker', /pacemaker/],
  ['nodule', /nodul/],
  ['mass', /\bmass\b/],
  ['atelectasis', /atelectasis/],
];

/** The finding type a sentence speaks of, negated or not ("No pneumothorax." → pneumothorax). */
export function mentionedType(text: string): FindingType | undefined {
  const t = text.toLowerCase();
  return MENTION.find(([, pattern]) => pattern.test(t))?.[0];
}

/** Every finding type a sentence speaks of ("No pleural effusion or pneumothorax." → both). */
export function mentionedTypes(text: string): FindingType[] {
  const t = text.toLowerCase();
  return MENTION.filter(([, pattern]) => pattern.test(t)).map(([type]) => type);
}
