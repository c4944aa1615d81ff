// The structured parts of a report — template, fields, sections, guideline follow-up, critical-result
// communication — and what Lucent derives after every edit: the follow-up the rules propose for each
// accepted finding, and the impression proposed from the accepted findings while the reader has not
// written it. Deriving inside the edit keeps undo, persistence and tests as simple as before.
// Plain TypeScript.
import { isNegativeSentence } from '../findings/labels';
import { suggestFollowUp } from './guidelines/followUp';
import { meanDiameterMm } from './measurement';
import { proposeImpression } from './impression';
import type { Finding, FollowUp, ReportContent, StructureEdit } from './types';

/** The content with one finding changed; the same object when nothing changed (no undo step). */
export function updateFinding(content: ReportContent, id: string, change: (f: Finding) => Finding): ReportContent {
  const index = content.findings.findIndex((f) => f.id === id);
  if (index < 0) return content;
  const changed = change(content.findings[index]);
  if (changed === content.findings[index]) return content;
  return { ...content, findings: content.findings.map((f, i) => (i === index ? changed : f)) };
}

function setFields(content: ReportContent, values: Record<string, string>): ReportContent {
  const changed = Object.entries(values).filter(([id, v]) => (content.fields?.[id] ?? '') !== v);
  return changed.length ? { ...content, fields: { ...content.fields, ...Object.fromEntries(changed) } } : content;
}

export function editStructure(content: ReportContent, edit: StructureEdit): ReportContent {
  switch (edit.type) {
    case 'applyTemplate': {
      if (edit.template?.id === content.template?.id) return content;
      const { template: _old, ...rest } = content;
      return edit.template ? { ...rest, template: edit.template } : rest;
    }
    case 'setField':
      return setFields(content, { [edit.fieldId]: edit.value });
    case 'setFields':
      return setFields(content, edit.values);
    case 'setSection':
      return updateFinding(content, edit.findingId, (f) => (f.sectionId === edit.sectionId ? f : { ...f, sectionId: edit.sectionId }));
    case 'decideRecommendation':
      return updateFinding(content, edit.findingId, (f) =>
        !f.recommendation || f.recommendation.status === edit.status
          ? f
          : { ...f, recommendation: { ...f.recommendation, status: edit.status } },
      );
    case 'recordCommunication':
      return updateFinding(content, edit.findingId, (f) => {
        const { communication: _old, ...rest } = f;
        return edit.communication ? { ...rest, communication: edit.communication } : rest;
      });
    case 'setNoduleRisk':
      return content.noduleRisk === edit.risk ? content : { ...content, noduleRisk: edit.risk };
    case 'setModality':
      return content.modality === edit.modality ? content : { ...content, modality: edit.modality };
  }
}

/**
 * The follow-up for a finding after an edit: the rule's suggestion for an accepted finding; the
 * reader's decision on it stays while the suggestion is the same, and a changed one (the size was
 * edited) is proposed afresh.
 */
function followUpOf(f: Finding, content: ReportContent): FollowUp | undefined {
  if (f.decision !== 'accepted') return undefined;
  const suggestion = suggestFollowUp(f.text, {
    modality: content.modality ?? '',
    risk: content.noduleRisk ?? 'low',
    measuredMm: measuredSizeOf(f),
  });
  if (!suggestion) return undefined;
  if (f.recommendation?.text === suggestion.text) return f.recommendation;
  const { critical: _critical, ...recommendation } = suggestion;
  return { ...recommendation, status: 'proposed' };
}

/** A measured finding's size: its first measurement's (the one it was made from; a prior's is linked after it). */
function measuredSizeOf(f: Finding): number | undefined {
  const measurement = f.regions.find((r) => r.measurement)?.measurement;
  return measurement && meanDiameterMm(measurement);
}

function withFollowUps(content: ReportContent): ReportContent {
  let changed = false;
  const findings = content.findings.map((f) => {
    const recommendation = followUpOf(f, content);
    if (recommendation === f.recommendation) return f;
    changed = true;
    const { recommendation: _old, ...rest } = f;
    return recommendation ? { ...rest, recommendation } : rest;
  });
  return changed ? { ...content, findings } : content;
}

/** The impression proposed from the accepted findings, until the reader writes one. */
function withProposedImpression(content: ReportContent): ReportContent {
  if (content.impressionBy === 'reader' || (!content.impressionBy && content.impression.trim())) return content;
  const accepted = content.findings.filter((f) => f.decision === 'accepted' && f.text.trim());
  const positive = accepted.some((f) => !isNegativeSentence(f.text));
  const undecided = content.findings.some((f) => f.decision === 'pending' && f.text.trim());
  // Only negatives accepted while others wait: "no abnormal finding" would be premature.
  if (!positive && (undecided || !accepted.length)) {
    // A proposal made earlier no longer stands; the model's own impression stays.
    return content.impressionBy === 'proposed' ? { ...content, impression: '', impressionBy: undefined } : content;
  }
  const recommendations = Object.fromEntries(
    content.findings.filter((f) => f.recommendation?.status === 'accepted').map((f) => [f.id, f.recommendation!.text]),
  );
  const impression = proposeImpression(content.findings, recommendations);
  return impression === content.impression && content.impressionBy === 'proposed'
    ? content
    : { ...content, impression, impressionBy: 'proposed' };
}

/** What Lucent derives after each edit. */
export function settle(content: ReportContent): ReportContent {
  return withProposedImpression(withFollowUps(content));
}
