// Use-cases of structured reporting: choose, import and export MRRT templates, a section's normal
// text, and critical-result communication.
import { criticalRuleFor, type Communication, type CriticalRule } from '../report/critical';
import type { Finding, ReportContent } from '../report/types';
import { BUNDLED_TEMPLATES } from '../report/template/bundled';
import { parseMrrt } from '../report/template/mrrtRead';
import { toMrrt } from '../report/template/mrrtWrite';
import type { Template } from '../report/template/template';
import { useReportingStore } from '../store/reportingStore';
import { download } from './download';
import { reportSession } from './reportSession';

/** The bundled templates, then the reader's own. */
export function availableTemplates(): Template[] {
  const imported = useReportingStore.getState().importedTemplates;
  return [...BUNDLED_TEMPLATES.filter((t) => !imported.some((i) => i.id === t.id)), ...imported];
}

export function templateById(id: string): Template | undefined {
  return availableTemplates().find((t) => t.id === id);
}

export function chooseTemplate(studyUID: string, templateId: string): void {
  reportSession(studyUID).edit({ type: 'applyTemplate', template: templateById(templateId) });
}

/** Reads an MRRT file, keeps it in this browser and applies it to the report; throws a message naming the file. */
export async function importTemplate(studyUID: string, file: File): Promise<Template> {
  let template: Template;
  try {
    template = parseMrrt(await file.text());
  } catch (error) {
    throw new Error(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  useReportingStore.getState().addTemplate(template);
  reportSession(studyUID).edit({ type: 'applyTemplate', template });
  return template;
}

export function exportTemplate(template: Template): void {
  download(`${template.id}.mrrt.html`, 'text/html;charset=utf-8', toMrrt(template));
}

/** A section's normal text, into each of its fields the reader has not filled: one undo step. */
export function insertSectionNormal(studyUID: string, content: ReportContent, sectionId: string): void {
  const section = content.template?.sections.find((s) => s.id === sectionId);
  if (!section) return;
  const values = Object.fromEntries(
    section.fields.filter((f) => f.normal && !content.fields?.[f.id]?.trim()).map((f) => [f.id, f.normal!]),
  );
  if (Object.keys(values).length) reportSession(studyUID).edit({ type: 'setFields', values });
}

/** The critical-results rule an accepted finding falls under, for the study's modality. */
export function criticalRuleOf(modality: string, finding: Finding): CriticalRule | undefined {
  if (finding.decision !== 'accepted') return undefined;
  return criticalRuleFor(finding.text, useReportingStore.getState().criticalRules, modality, finding.comparison?.kind);
}

export function recordCommunication(studyUID: string, findingId: string, communication: Communication | undefined): void {
  reportSession(studyUID).edit({ type: 'recordCommunication', findingId, communication });
}
