// The checks before signing, each blocking or a warning and each pointing at its place in the
// report: laterality of a sentence against its region's side, AI findings not decided, a finding
// contradicted by a negative sentence anywhere in the report (findings, fields, impression), required
// template fields left empty, an empty impression, a critical result not communicated. Plain
// TypeScript; the app supplies what needs the images.
import { isNegativeSentence, labelSentence, typesDenied } from '../findings/labels';
import { criticalRuleFor, type CriticalRule } from './critical';
import { blankFields } from './macros';
import { isUndecided, reportedFindings } from './content';
import type { Finding, Region, ReportContent } from './types';
import { fieldsOf, mentionedTypes } from './template/template';

export type CheckTarget = { kind: 'finding'; findingId: string } | { kind: 'field'; fieldId: string } | { kind: 'impression' };

export interface SignCheck {
  /** Stable for the same problem (a list key). */
  id: string;
  /** Blocking checks must be fixed; warnings may be signed over. */
  severity: 'blocking' | 'warning';
  message: string;
  target: CheckTarget;
}

export interface CheckContext {
  /** The patient's side a region lies on, from its image's orientation; undefined when unknown. */
  sideOfRegion: (region: Region) => 'left' | 'right' | undefined;
  criticalRules: CriticalRule[];
}

const quote = (text: string) => `“${text.trim().length > 60 ? `${text.trim().slice(0, 57)}…` : text.trim()}”`;
const onFinding = (f: Finding) => ({ kind: 'finding', findingId: f.id }) as const;

function lateralityChecks(findings: Finding[], context: CheckContext): SignCheck[] {
  return findings.flatMap((f) => {
    const side = labelSentence(f.text)?.laterality;
    if (side !== 'left' && side !== 'right') return [];
    const sides = f.regions.map(context.sideOfRegion).filter((s) => s !== undefined);
    if (!sides.length || sides.includes(side)) return [];
    return [
      {
        id: `side-${f.id}`,
        severity: 'warning',
        message: `${quote(f.text)} says ${side}, but its region is on the patient's ${sides[0]}.`,
        target: onFinding(f),
      },
    ];
  });
}

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());

/** The types a negative sentence denies: those it names, or all those a general one covers ("The lungs are clear."). */
const deniedTypes = (sentence: string): string[] => [...typesDenied(sentence), ...mentionedTypes(sentence)];

/** The side a sentence speaks of, if it names one. */
function sideOf(sentence: string): 'left' | 'right' | undefined {
  const t = sentence.toLowerCase();
  const [left, right] = [/\bleft\b/.test(t), /\bright\b/.test(t)];
  return left === right || /\b(bilateral|both)\b/.test(t) ? undefined : left ? 'left' : 'right';
}

/** A finding's side and a denial's agree unless both name one and they differ. */
const sidesMeet = (a: string | undefined, b: string | undefined) => !a || !b || a === b;

interface Negative {
  sentence: string;
  /** The finding it belongs to, if it is a finding's sentence (a finding does not deny itself). */
  findingId?: string;
  /** Where it stands, in words: "the impression", "the field “Lungs”", "finding 2". */
  where: string;
}

/** The template fields' texts, each with its field's label (none without a template). */
function fieldTexts(content: ReportContent): Array<{ fieldId: string; text: string; label: string }> {
  if (!content.template) return [];
  const labels = new Map(fieldsOf(content.template).map((f) => [f.id, f.label]));
  return Object.entries(content.fields ?? {}).map(([fieldId, text]) => ({ fieldId, text, label: labels.get(fieldId) ?? fieldId }));
}

/** Every negative sentence of the report, wherever it stands: findings, template fields, impression (not the indication). */
function negativesOf(content: ReportContent, findings: Finding[]): Negative[] {
  return [
    // What a comparison says is gone from this film ("No right pneumothorax now; resolved …") denies nothing else.
    ...findings
      .filter((f) => f.comparison?.kind !== 'resolved' && f.comparison?.kind !== 'removed')
      .flatMap((f, i) => sentencesOf(f.text).map((sentence) => ({ sentence, findingId: f.id, where: `finding ${i + 1}` }))),
    ...fieldTexts(content).flatMap(({ text, label }) => sentencesOf(text).map((sentence) => ({ sentence, where: `the field “${label}”` }))),
    ...sentencesOf(content.impression).map((sentence) => ({ sentence, where: 'the impression' })),
  ].filter((n) => isNegativeSentence(n.sentence));
}

/** Accepted positive findings that a negative sentence anywhere in the report denies, by type and side. */
function contradictionChecks(content: ReportContent, findings: Finding[]): SignCheck[] {
  const negatives = negativesOf(content, findings);
  return findings
    .filter((f) => f.decision === 'accepted' && !isNegativeSentence(f.text))
    .flatMap((f) => {
      const label = labelSentence(f.text);
      const side = label?.laterality === 'left' || label?.laterality === 'right' ? label.laterality : undefined;
      const denial =
        label &&
        negatives.find((n) => n.findingId !== f.id && deniedTypes(n.sentence).includes(label.type) && sidesMeet(side, sideOf(n.sentence)));
      if (!denial) return [];
      return [
        {
          id: `contradiction-${f.id}`,
          severity: 'blocking',
          message: `${quote(f.text)} is contradicted by ${quote(denial.sentence)} in ${denial.where}.`,
          target: onFinding(f),
        },
      ];
    });
}

/**
 * The impression empty, or still the model's own: written for the draft's findings, it would put on
 * record what nobody accepted (an undecided finding is left out, its mention in the impression not).
 */
function impressionChecks(content: ReportContent): SignCheck[] {
  const message = !content.impression.trim()
    ? 'The impression is empty.'
    : content.impressionBy === 'model'
      ? 'The impression is still the AI draft’s: nobody has accepted a finding or edited it.'
      : undefined;
  return message ? [{ id: 'impression', severity: 'warning', message, target: { kind: 'impression' } }] : [];
}

/** A macro's [field] left blank anywhere in the report: it would be signed as "[size] mm nodule". */
function blankFieldChecks(content: ReportContent, findings: Finding[]): SignCheck[] {
  const places: Array<{ id: string; text: string; where: string; target: CheckTarget }> = [
    ...findings.map((f, i) => ({ id: f.id, text: f.text, where: `Finding ${i + 1}`, target: onFinding(f) })),
    ...fieldTexts(content).map(({ fieldId, text, label }) => ({
      id: `field-${fieldId}`,
      text,
      where: `The field “${label}”`,
      target: { kind: 'field', fieldId } as const,
    })),
    { id: 'impression', text: content.impression, where: 'The impression', target: { kind: 'impression' } },
  ];
  return places.flatMap(({ id, text, where, target }) => {
    const blanks = blankFields(text);
    if (!blanks.length) return [];
    return [{ id: `blank-${id}`, severity: 'warning', message: `${where} still holds the macro's blank ${blanks.join(', ')}.`, target }];
  });
}

function fieldChecks(content: ReportContent): SignCheck[] {
  if (!content.template) return [];
  return fieldsOf(content.template)
    .filter((field) => field.required && !content.fields?.[field.id]?.trim())
    .map((field) => ({
      id: `field-${field.id}`,
      severity: 'blocking',
      message: `The required field “${field.label}” is empty.`,
      target: { kind: 'field', fieldId: field.id },
    }));
}

function criticalChecks(findings: Finding[], content: ReportContent, context: CheckContext): SignCheck[] {
  return findings
    .filter((f) => f.decision === 'accepted' && !f.communication)
    .flatMap((f) => {
      const rule = criticalRuleFor(f.text, context.criticalRules, content.modality ?? '', f.comparison?.kind);
      if (!rule) return [];
      return [
        {
          id: `critical-${f.id}`,
          severity: 'blocking',
          message: `Critical result (${rule.label}): record who was told, how and when.`,
          target: onFinding(f),
        },
      ];
    });
}

const UNDECIDED_CHECK = 'pending-';

/** The check of an AI finding nobody decided: signing leaves it out, unless the reader keeps it. */
export const isUndecidedCheck = (check: SignCheck): boolean => check.id.startsWith(UNDECIDED_CHECK);

/** Every problem to settle before signing, blocking ones first. */
export function checksBeforeSigning(content: ReportContent, context: CheckContext): SignCheck[] {
  const findings = reportedFindings(content);
  const checks: SignCheck[] = [
    ...criticalChecks(findings, content, context),
    ...contradictionChecks(content, findings),
    ...fieldChecks(content),
    ...blankFieldChecks(content, findings),
    ...lateralityChecks(findings, context),
    ...findings.filter(isUndecided).map((f): SignCheck => ({
      id: `${UNDECIDED_CHECK}${f.id}`,
      severity: 'warning',
      message: `AI finding ${quote(f.text)} is neither accepted nor rejected: signing leaves it out of the report.`,
      target: onFinding(f),
    })),
    ...findings
      .filter((f) => f.recommendation?.status === 'proposed')
      .map((f): SignCheck => ({
        id: `recommendation-${f.id}`,
        severity: 'warning',
        message: `The follow-up proposed for ${quote(f.text)} is not accepted or dismissed.`,
        target: onFinding(f),
      })),
    ...impressionChecks(content),
  ];
  return checks.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
}
