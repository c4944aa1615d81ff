// The checks before signing, each blocking or a warning and each pointing at its place in the
// report: laterality of a sentence against its region's side, AI findings not decided, a finding
// contradicted by a negative sentence, required template fields left empty, an empty impression, a
// critical result not communicated. Plain TypeScript; the app supplies what needs the images.
import { isNegativeSentence, labelSentence } from '../findings/labels';
import { criticalRuleFor, type CriticalRule } from './critical';
import { reportedFindings } from './content';
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

/** Accepted positive findings that a negative sentence elsewhere in the report denies. */
function contradictionChecks(content: ReportContent, findings: Finding[]): SignCheck[] {
  const negatives = [
    // What a comparison says is gone from this film ("No right pneumothorax now; resolved …") denies nothing else.
    ...findings
      .filter((f) => f.comparison?.kind !== 'resolved' && f.comparison?.kind !== 'removed')
      .flatMap((f) => sentencesOf(f.text).map((s) => ({ sentence: s, where: f.id }))),
    ...Object.entries(content.template ? (content.fields ?? {}) : {}).flatMap(([fieldId, v]) =>
      sentencesOf(v).map((s) => ({ sentence: s, where: fieldId })),
    ),
  ].filter((n) => isNegativeSentence(n.sentence));
  return findings
    .filter((f) => f.decision === 'accepted' && !isNegativeSentence(f.text))
    .flatMap((f) => {
      const type = labelSentence(f.text)?.type;
      const denial = type && negatives.find((n) => n.where !== f.id && mentionedTypes(n.sentence).includes(type));
      if (!denial) return [];
      return [
        {
          id: `contradiction-${f.id}`,
          severity: 'blocking',
          message: `${quote(f.text)} is contradicted by ${quote(denial.sentence)}.`,
          target: onFinding(f),
        },
      ];
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

/** Every problem to settle before signing, blocking ones first. */
export function checksBeforeSigning(content: ReportContent, context: CheckContext): SignCheck[] {
  const findings = reportedFindings(content);
  const checks: SignCheck[] = [
    ...criticalChecks(findings, content, context),
    ...contradictionChecks(content, findings),
    ...fieldChecks(content),
    ...lateralityChecks(findings, context),
    ...findings
      .filter((f) => f.provenance !== 'human' && f.decision === 'pending')
      .map((f): SignCheck => ({
        id: `pending-${f.id}`,
        severity: 'warning',
        message: `AI finding ${quote(f.text)} is neither accepted nor rejected.`,
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
    ...(content.impression.trim()
      ? []
      : [{ id: 'impression', severity: 'warning', message: 'The impression is empty.', target: { kind: 'impression' } } as SignCheck]),
  ];
  return checks.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
}
