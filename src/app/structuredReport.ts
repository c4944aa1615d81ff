// Use-cases of structured reporting: choose, import and export MRRT templates, a section's normal
// text, critical-result communication, macros as files, and the checks before signing (which need
// each region's side of the patient, from its image's orientation).
import type { InstanceHeader } from '../dicom/instanceHeader';
import { criticalRuleFor, type Communication, type CriticalRule } from '../report/critical';
import { macrosFromFile, macrosToFile, mergeMacros } from '../report/macros';
import type { Finding, Region, ReportContent } from '../report/report';
import { checksBeforeSigning, type SignCheck } from '../report/signChecks';
import { BUNDLED_TEMPLATES } from '../report/template/bundled';
import { parseMrrt, toMrrt } from '../report/template/mrrt';
import type { Template } from '../report/template/template';
import { useReportingStore } from '../store/reportingStore';
import { useReportStore } from '../store/reportStore';
import { download } from './download';
import { instanceOfImage } from './studyQueries';

/** The bundled templates, then the reader's own. */
export function availableTemplates(): Template[] {
  const imported = useReportingStore.getState().importedTemplates;
  return [...BUNDLED_TEMPLATES.filter((t) => !imported.some((i) => i.id === t.id)), ...imported];
}

export function templateById(id: string): Template | undefined {
  return availableTemplates().find((t) => t.id === id);
}

export function chooseTemplate(studyUID: string, templateId: string): void {
  useReportStore.getState().edit(studyUID, { type: 'applyTemplate', template: templateById(templateId) });
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
  useReportStore.getState().edit(studyUID, { type: 'applyTemplate', template });
  return template;
}

export function exportTemplate(template: Template): void {
  download(`${template.id}.mrrt.html`, 'text/html;charset=utf-8', toMrrt(template));
}

/** A section's normal text, into each of its fields the reader has not filled: one undo step. */
export function insertSectionNormal(studyUID: string, content: ReportContent, sectionId: string): void {
  const section = content.template?.sections.find((s) => s.id === sectionId);
  if (!section) return;
  const values = Object.fromEntries(section.fields.filter((f) => f.normal && !content.fields?.[f.id]?.trim()).map((f) => [f.id, f.normal!]));
  if (Object.keys(values).length) useReportStore.getState().edit(studyUID, { type: 'setFields', values });
}

/** The critical-results rule an accepted finding falls under, for the study's modality. */
export function criticalRuleOf(modality: string, finding: Finding): CriticalRule | undefined {
  if (finding.decision !== 'accepted') return undefined;
  return criticalRuleFor(finding.text, useReportingStore.getState().criticalRules, modality, finding.comparison?.kind);
}

export function recordCommunication(studyUID: string, findingId: string, communication: Communication | undefined): void {
  useReportStore.getState().edit(studyUID, { type: 'recordCommunication', findingId, communication });
}

/**
 * Which way an image's columns run on the patient: 'L' when they increase towards the patient's
 * left. Patient Orientation (radiographs) says so directly; else Image Orientation (cross-sections)
 * gives the row direction, whose x is the patient's left.
 */
function columnsRunTowards(header: InstanceHeader): 'L' | 'R' | undefined {
  const stated = header.patientOrientation[0]?.[0];
  if (stated !== undefined) return stated === 'L' || stated === 'R' ? stated : undefined;
  const x = header.imageOrientationPatient?.[0];
  return x === undefined ? undefined : x > 0.5 ? 'L' : x < -0.5 ? 'R' : undefined;
}

/** The patient's side a region lies on; undefined when the image does not say, or the region is central. */
export function sideOfRegion(region: Region): 'left' | 'right' | undefined {
  const header = instanceOfImage(region.imageId)?.header;
  const towards = header?.columns ? columnsRunTowards(header) : undefined;
  if (!header || !towards) return undefined;
  const centre = (region.box[0] + region.box[2]) / 2;
  // Within the middle tenth the side is not clear enough to contradict a sentence.
  if (Math.abs(centre - header.columns / 2) < header.columns * 0.05) return undefined;
  const highColumns = towards === 'L' ? 'left' : 'right';
  const lowColumns = towards === 'L' ? 'right' : 'left';
  return centre > header.columns / 2 ? highColumns : lowColumns;
}

export function checksForSigning(content: ReportContent): SignCheck[] {
  return checksBeforeSigning(content, { sideOfRegion, criticalRules: useReportingStore.getState().criticalRules });
}

export function exportMacros(): void {
  download('lucent-macros.json', 'application/json', macrosToFile(useReportingStore.getState().macros));
}

/** Adds the file's macros (replacing those with the same trigger); throws a message naming the file. */
export async function importMacros(file: File): Promise<number> {
  try {
    const imported = macrosFromFile(await file.text());
    const { macros, setMacros } = useReportingStore.getState();
    setMacros(mergeMacros(macros, imported));
    return imported.length;
  } catch (error) {
    throw new Error(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
