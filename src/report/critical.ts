// Critical results: the findings that must be communicated to the responsible clinician, and the
// record of that communication (who was told, how, when). The ACR Practice Parameter for
// Communication of Diagnostic Imaging Findings (2020) asks for non-routine communication to be
// documented; its actionable-finding categories are coded by DICOM CID 7035 (RadLex RID49480–82).
// The list is configurable; plain TypeScript.
import { isDevice, isNegativeSentence, labelSentence } from '../findings/labels';
import type { ChangeKind } from './comparison/compare';
import { suggestFollowUp } from './guidelines/followUp';

/** ACR actionable-finding category: 1 within minutes, 2 within hours, 3 within days. */
export type ActionableCategory = 1 | 2 | 3;

export type CriticalMatch =
  | { kind: 'pneumothorax' }
  | { kind: 'malpositioned-device' }
  | { kind: 'large-effusion' }
  /** Any of these comma-separated words or phrases in an accepted sentence. */
  | { kind: 'words'; words: string };

export interface CriticalRule {
  id: string;
  label: string;
  enabled: boolean;
  category: ActionableCategory;
  match: CriticalMatch;
}

export const DEFAULT_CRITICAL_RULES: CriticalRule[] = [
  { id: 'pneumothorax', label: 'Pneumothorax', enabled: true, category: 1, match: { kind: 'pneumothorax' } },
  { id: 'malpositioned-device', label: 'Malpositioned tube or line', enabled: true, category: 1, match: { kind: 'malpositioned-device' } },
  // "New": a large effusion the comparison with a prior says was there as large is not flagged; without a prior it is.
  { id: 'large-effusion', label: 'New large pleural effusion', enabled: true, category: 2, match: { kind: 'large-effusion' } },
];

export const COMMUNICATION_METHODS = ['telephone', 'in person', 'secure message', 'page'] as const;
export type CommunicationMethod = (typeof COMMUNICATION_METHODS)[number];

export interface Communication {
  /** Who was told: the responsible clinician's name and role. */
  recipient: string;
  method: CommunicationMethod;
  /** ISO 8601 time the result was communicated. */
  at: string;
  /** The rule that made the finding critical, and its category, as they were when recorded. */
  rule: string;
  category: ActionableCategory;
}

/** RadLex codes of DICOM CID 7035 (Actionable Finding Classification). */
export const ACTIONABLE_CODES: Record<ActionableCategory, { code: string; meaning: string }> = {
  1: { code: 'RID49480', meaning: 'ACR Category 1 Actionable Finding' },
  2: { code: 'RID49481', meaning: 'ACR Category 2 Actionable Finding' },
  3: { code: 'RID49482', meaning: 'ACR Category 3 Actionable Finding' },
};

const MALPOSITION = /malposition|misplaced|too (low|high)|main ?(stem )?bronchus|kinked|coiled|withdraw|advance/;

function matches(match: CriticalMatch, text: string, modality: string, change: ChangeKind | undefined): boolean {
  const t = text.toLowerCase();
  const type = labelSentence(text)?.type;
  switch (match.kind) {
    case 'pneumothorax':
      return type === 'pneumothorax';
    case 'malpositioned-device':
      return !!type && isDevice(type) && (MALPOSITION.test(t) || !!suggestFollowUp(text, { modality, risk: 'low' })?.critical);
    case 'large-effusion':
      return type === 'pleural_effusion' && /\b(large|massive)\b/.test(t) && change !== 'unchanged' && change !== 'decreased';
    case 'words':
      return match.words
        .split(',')
        .map((w) => w.trim().toLowerCase())
        .some((w) => w && t.includes(w));
  }
}

/** The first enabled rule a finding sentence falls under; pertinent negatives are never critical. */
export function criticalRuleFor(text: string, rules: CriticalRule[], modality: string, change?: ChangeKind): CriticalRule | undefined {
  if (!text.trim() || isNegativeSentence(text)) return undefined;
  return rules.find((r) => r.enabled && matches(r.match, text, modality, change));
}

/** "Communicated to Dr Lee (ICU registrar) by telephone at 2026-12-02 10:15." */
export function describeCommunication(c: Communication): string {
  const at = c.at.replace('T', ' ').slice(0, 16);
  return `${c.rule} (ACR category ${c.category}) communicated to ${c.recipient} by ${c.method} at ${at} UTC.`;
}

/** The reader's own critical words ("free air, pneumoperitoneum") as a rule named by the first; undefined for none. */
export function criticalRuleFromWords(words: string, id: string): CriticalRule | undefined {
  const said = words.trim();
  if (!said) return undefined;
  return { id, label: said.split(',')[0].trim(), enabled: true, category: 1, match: { kind: 'words', words: said } };
}
