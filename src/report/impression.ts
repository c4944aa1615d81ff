// The proposed impression (structured-reporting issue): made from the findings the reader accepted,
// the most significant first, pertinent negatives left out, each finding's accepted recommendation
// appended. The reader edits it; the app keeps proposing only while the impression is untouched.
// Plain TypeScript.
import { isNegativeSentence, labelSentence, type FindingType } from '../findings/labels';
import type { Finding } from './types';

/**
 * Most significant first: what can kill soon, then what needs work-up, then what is chronic, then
 * lines and devices in place. Sentences of no known type come after the typed ones, in report order.
 */
export const SIGNIFICANCE: FindingType[] = [
  'pneumothorax',
  'mass',
  'consolidation',
  'pleural_effusion',
  'nodule',
  'atelectasis',
  'cardiomegaly',
  'endotracheal_tube',
  'central_line',
  'pacemaker',
];

const rank = (f: Pick<Finding, 'text'>) => {
  const type = labelSentence(f.text)?.type;
  return type ? SIGNIFICANCE.indexOf(type) : SIGNIFICANCE.length;
};

const sentence = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/**
 * The impression the findings support. `recommendations`: accepted follow-up texts by finding id.
 * One finding: its sentence; several: a numbered list; none positive: says so.
 */
export function proposeImpression(findings: Finding[], recommendations: Record<string, string> = {}): string {
  return impressionOf(
    findings.filter((f) => f.decision === 'accepted'),
    recommendations,
  );
}

/**
 * The impression a model draft proposes from its own sentences, for a draft without one: on real films
 * the label head changes the findings and drops the model's impression with them (model/labelGate.ts),
 * which left the impression empty until the reader accepted a finding (#38). As proposeImpression
 * would make it of the findings all accepted; nothing of a draft without a sentence.
 */
export function draftImpression(sentences: string[]): string {
  const said = sentences.filter((s) => s.trim());
  return said.length ? impressionOf(said.map((text, k) => ({ id: String(k), text }))) : '';
}

function impressionOf(findings: Array<Pick<Finding, 'id' | 'text'>>, recommendations: Record<string, string> = {}): string {
  const positive = findings
    .map((f, order) => ({ f, order }))
    .filter(({ f }) => f.text.trim() && !isNegativeSentence(f.text))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.order - b.order)
    .map(({ f }) => f);
  if (!positive.length) return 'No abnormal finding reported.';
  const lines = positive.map((f, k) => `${positive.length > 1 ? `${k + 1}. ` : ''}${sentence(f.text)}`);
  const advice = positive.map((f) => recommendations[f.id]).filter((r): r is string => !!r?.trim());
  return [...lines, ...advice.map((r) => `Recommendation: ${sentence(r)}`)].join('\n');
}
