// The report as its reader sees it, section by section: the template's sections in order (the
// indication in clinical information, each finding in its section, the impression last), or the
// plain indication, findings, impression when there is no template. Every export writes from this,
// so they keep the same sections. Plain TypeScript.
import { reportedFindings } from './content';
import type { Finding, ReportContent } from './types';
import { describePrior } from './comparison/text';
import { mentionedType, sectionForFinding, type SectionRole } from './template/template';
import { trackedLesionLine } from './measurement';

export interface OutlineSection {
  id: string;
  title: string;
  role?: SectionRole;
  /** Filled fields, with units. */
  fields: Array<{ id: string; label: string; value: string }>;
  /** The reported findings (not rejected, not empty) in this section. */
  findings: Finding[];
  /** The report's indication or impression, in the section with that role. */
  text?: string;
}

const PLAIN: Array<Pick<OutlineSection, 'id' | 'title' | 'role'>> = [
  { id: 'indication', title: 'Indication', role: 'clinical-information' },
  { id: 'findings', title: 'Findings', role: 'findings' },
  { id: 'impression', title: 'Impression', role: 'impression' },
];

export function reportOutline(content: ReportContent): OutlineSection[] {
  const findings = reportedFindings(content);
  const template = content.template;
  if (!template) {
    // Without a template, the prior compared with gets a Comparison section of its own after the indication.
    const plain = content.comparison ? [PLAIN[0], COMPARISON, ...PLAIN.slice(1)] : PLAIN;
    return plain.map((s) => ({ ...s, fields: [], findings: s.role === 'findings' ? findings : [], ...textOf(s.role, content) }));
  }
  const fromTemplate: OutlineSection[] = template.sections.map((s) => ({
    id: s.id,
    title: s.name,
    ...(s.role ? { role: s.role } : {}),
    fields: s.fields
      .filter((f) => content.fields?.[f.id]?.trim())
      .map((f) => ({ id: f.id, label: f.label, value: `${content.fields![f.id].trim()}${f.unit ? ` ${f.unit}` : ''}` })),
    findings: findings.filter((f) => sectionForFinding(template, f.text, f.sectionId)?.id === s.id),
    ...textOf(s.role, content),
  }));
  // A template without a clinical-information or impression section still gets them, first and last.
  const has = (role: SectionRole) => template.sections.some((s) => s.role === role);
  return [
    ...(has('clinical-information') ? [] : [{ ...PLAIN[0], fields: [], findings: [], text: content.indication }]),
    ...fromTemplate,
    ...(has('impression') ? [] : [{ ...PLAIN[2], fields: [], findings: [], text: content.impression }]),
  ];
}

const COMPARISON: Pick<OutlineSection, 'id' | 'title' | 'role'> = { id: 'comparison', title: 'Comparison', role: 'comparison' };

/** The lesions measured on the prior and now (a finding with the sizes on both dates), one line each. */
function trackedLesions(content: ReportContent): string[] {
  return reportedFindings(content).flatMap((f) => {
    const [prior, current] = f.comparison?.sizeMm ?? [];
    if (prior === undefined || current === undefined || !f.regions.some((r) => r.measurement)) return [];
    const name = mentionedType(f.text)?.replace(/_/g, ' ') ?? 'lesion';
    return [trackedLesionLine(name, [prior, current], f.comparison?.doublingDays)];
  });
}

function textOf(role: SectionRole | undefined, content: ReportContent): { text?: string } {
  if (role === 'comparison') {
    const tracked = trackedLesions(content);
    const prior = content.comparison && !content.template ? [describePrior(content.comparison)] : [];
    const lines = [...prior, ...(tracked.length ? ['Tracked lesions:', ...tracked] : [])];
    if (lines.length) return { text: lines.join('\n') };
  }
  if (role === 'clinical-information') return { text: content.indication };
  if (role === 'impression') return { text: content.impression };
  return {};
}
