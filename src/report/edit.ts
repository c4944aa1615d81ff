// The report's edit reducer: every edit is a pure function from one report to the next, so undo and
// redo, persistence and tests need nothing else. A signed report refuses every edit.

import { editStructure, settle, updateFinding } from './structured';
import { EDITABLE, ReportLockedError } from './review';
import { describePrior, type PriorStudy } from './comparison/text';
import type { Finding, Provenance, Report, ReportContent, ReportEdit } from './types';

/** An AI finding the reader changed becomes 'ai-edited'; the reader's own stay 'human'. */
const touched = (f: Finding): Provenance => (f.provenance === 'ai' ? 'ai-edited' : f.provenance);

/** A finding without what a model proposal said of it (calibration, warnings): a new proposal brings its own. */
function withoutModelMarks(f: Finding): Finding {
  const { calibrated: _calibrated, warnings: _warnings, headProbability: _head, noProbability: _none, ...rest } = f;
  return rest;
}

/**
 * A finding whose sentence the reader rewrote: the warnings about the model's sentence (a loop cut,
 * an unfinished sentence) no longer apply; those the report carries as a whole (drafted anyway) stay.
 */
function withoutSentenceFlags(f: Finding, content: ReportContent): Finding {
  if (!f.warnings) return f;
  const { warnings, ...rest } = f;
  const kept = warnings.filter((w) => content.warnings?.includes(w));
  return kept.length ? { ...rest, warnings: kept } : rest;
}

/**
 * The report compared with a prior: the prior recorded, and the template's Comparison field naming
 * it unless the reader wrote something else there than the template's default.
 */
function withComparison(content: ReportContent, prior: PriorStudy): ReportContent {
  const field =
    content.template?.sections.find((s) => s.id === 'comparison')?.fields[0] ??
    content.template?.sections.flatMap((s) => s.fields).find((f) => /^comparison/i.test(f.label));
  const written = field ? content.fields?.[field.id]?.trim() : undefined;
  const free = field && (!written || written === field.normal?.trim() || /^none\.?$/i.test(written));
  return { ...content, comparison: prior, ...(field && free ? { fields: { ...content.fields, [field.id]: describePrior(prior) } } : {}) };
}

function editContent(content: ReportContent, edit: ReportEdit): ReportContent {
  switch (edit.type) {
    case 'setIndication':
      return edit.text === content.indication ? content : { ...content, indication: edit.text };
    case 'setImpression':
      // Cleared by the reader: Lucent may propose again.
      return edit.text === content.impression
        ? content
        : { ...content, impression: edit.text, impressionBy: edit.text.trim() ? 'reader' : undefined };
    case 'applyDraft': {
      const kept = content.findings.filter((f) => f.provenance !== 'ai' || f.decision !== 'pending');
      const drafted: Finding[] = edit.findings.map((d) => ({
        id: d.id,
        text: d.text,
        regions: d.regions.map((r, i) => ({ ...r, id: d.regionIds[i] })),
        provenance: 'ai',
        decision: 'pending',
        confidence: d.confidence,
        ...(d.calibrated ? { calibrated: true } : {}),
        ...(d.headProbability ? { headProbability: d.headProbability } : {}),
        ...(d.noProbability ? { noProbability: d.noProbability } : {}),
        ...(d.evidence ? { evidence: d.evidence } : {}),
        ...(d.warnings?.length ? { warnings: d.warnings } : {}),
        ...(d.comparison ? { comparison: d.comparison } : {}),
      }));
      const warnings = [...new Set([...(content.warnings ?? []), ...(edit.warnings ?? [])])];
      const readers = content.impressionBy === 'reader' || (!content.impressionBy && content.impression.trim());
      return {
        ...(edit.comparison ? withComparison(content, edit.comparison) : content),
        findings: [...kept, ...drafted],
        ...(readers ? {} : { impression: edit.impression, impressionBy: 'model' as const }),
        ...(warnings.length ? { warnings } : {}),
      };
    }
    case 'editText':
      return updateFinding(content, edit.findingId, (f) =>
        f.text === edit.text ? f : { ...withoutSentenceFlags(f, content), text: edit.text, provenance: touched(f) },
      );
    case 'proposeText':
      return updateFinding(content, edit.findingId, (f) =>
        f.text.trim()
          ? f
          : {
              ...withoutModelMarks(f),
              text: edit.text,
              provenance: 'ai',
              decision: 'pending',
              confidence: edit.confidence,
              ...(edit.calibrated ? { calibrated: true } : {}),
              ...(edit.noProbability ? { noProbability: edit.noProbability } : {}),
              ...(edit.warnings?.length ? { warnings: edit.warnings } : {}),
            },
      );
    case 'proposeRegions':
      return updateFinding(content, edit.findingId, (f) =>
        f.regions.length || !edit.regions.length ? f : { ...f, regions: edit.regions.map((r) => ({ ...r, proposed: true })) },
      );
    case 'decide':
      return updateFinding(content, edit.findingId, (f) => (f.decision === edit.decision ? f : { ...f, decision: edit.decision }));
    case 'addFinding': {
      const finding: Finding = { ...edit.finding, provenance: 'human', decision: 'accepted', confidence: undefined };
      const findings = [...content.findings];
      findings.splice(edit.index ?? findings.length, 0, finding);
      return { ...content, findings };
    }
    case 'removeFinding':
      return { ...content, findings: content.findings.filter((f) => f.id !== edit.findingId) };
    case 'moveFinding': {
      const from = content.findings.findIndex((f) => f.id === edit.findingId);
      if (from < 0) return content;
      const findings = [...content.findings];
      const [moved] = findings.splice(from, 1);
      findings.splice(Math.max(0, Math.min(findings.length, edit.toIndex)), 0, moved);
      return { ...content, findings };
    }
    case 'setRegion':
      return updateFinding(content, edit.findingId, (f) => {
        const exists = f.regions.some((r) => r.id === edit.region.id);
        const regions = exists ? f.regions.map((r) => (r.id === edit.region.id ? edit.region : r)) : [...f.regions, edit.region];
        return { ...f, regions, provenance: touched(f) };
      });
    case 'removeRegion':
      return updateFinding(content, edit.findingId, (f) => ({
        ...f,
        regions: f.regions.filter((r) => r.id !== edit.regionId),
        provenance: touched(f),
      }));
    case 'trackLesion': {
      const compared = content.comparison?.studyUID === edit.prior.studyUID ? content : withComparison(content, edit.prior);
      return updateFinding(compared, edit.findingId, (f) => ({ ...f, comparison: edit.comparison }));
    }
    default:
      return editStructure(content, edit);
  }
}

/** The report after one edit; a signed report refuses every edit. */
export function applyEdit(report: Report, edit: ReportEdit): Report {
  if (!EDITABLE.has(report.status)) throw new ReportLockedError();
  const content = editContent(report.content, edit);
  return content === report.content ? report : { ...report, content: settle(content) };
}
