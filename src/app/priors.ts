// The open patient's earlier studies: those open in this page and those the PACS holds (QIDO-RS by
// Patient ID), newest first, each with what report it has; and opening one beside the current study.
import type { StudyRow } from '../dicom/dicomweb';
import { firstImageSeries, isEarlier, type Study } from '../dicom/studies';
import { findSeries, useAppStore } from '../store/appStore';
import { usePacsStore } from '../store/pacsStore';
import { useReportStore } from '../store/reportStore';
import { recordOf } from '../report/content';
import { useDocumentStore } from '../store/documentStore';
import type { StudyDocument } from '../report/import/document';
import { download } from './download';
import { openPacsStudy, searchPacs } from './pacs';

export interface PriorEntry {
  studyUID: string;
  /** YYYYMMDD */
  date: string;
  modalities: string;
  description: string;
  accessionNumber: string;
  /** Open in this page, or on the PACS only (opened when chosen). */
  where: 'open' | 'pacs';
  /** What report the prior has, in words, or undefined when it has none. */
  report: string | undefined;
  row?: StudyRow;
}

/** What report a study has, in words (the priors list and the prior's pane say it); undefined when none. */
export function reportOf(studyUID: string): string | undefined {
  const report = useReportStore.getState().histories[studyUID]?.present;
  const pdf = useDocumentStore.getState().byStudy[studyUID]?.[0];
  if (!report || (!recordOf(report).findings.length && !report.content.impression.trim()))
    return pdf ? `PDF report: ${pdf.title}` : undefined;
  if (report.content.importedFrom) return `measurement report (${report.content.importedFrom.manufacturer || 'another tool'})`;
  if (report.status === 'signed' || report.status === 'addendum' || report.status === 'amending') return 'signed report';
  return report.status === 'preliminary' ? 'preliminary report' : 'draft report';
}

const modalitiesOf = (study: Study) => [...new Set(study.series.map((s) => s.modality))].join(', ');

/** The patient's earlier studies open in this page, newest first. */
export function localPriors(current: Study): PriorEntry[] {
  return useAppStore
    .getState()
    .studies.filter((s) => s.uid !== current.uid && s.patientId === current.patientId && isEarlier(s, current))
    .sort((a, b) => b.date.localeCompare(a.date) || b.time.localeCompare(a.time))
    .map((s) => ({
      studyUID: s.uid,
      date: s.date,
      modalities: modalitiesOf(s),
      description: s.description,
      accessionNumber: s.accessionNumber,
      where: 'open',
      report: reportOf(s.uid),
    }));
}

/**
 * The patient's earlier studies on the PACS, newest first (the list shows those open here as open);
 * none without a PACS or a Patient ID. A study whose modalities include SR has a report stored with it.
 */
export async function pacsPriors(current: Study): Promise<PriorEntry[]> {
  if (!usePacsStore.getState().settings || !current.patientId.trim()) return [];
  const rows = await searchPacs({ patientId: current.patientId }, 0);
  return rows
    .filter((r) => r.studyUID !== current.uid && isEarlier(r, current))
    .sort((a, b) => b.date.localeCompare(a.date))
    .map((r) => ({
      studyUID: r.studyUID,
      date: r.date,
      modalities: r.modalities,
      description: r.description,
      accessionNumber: r.accessionNumber,
      where: 'pacs',
      report: /\b(SR|DOC)\b/.test(r.modalities) ? 'report stored with the study' : undefined,
      row: r,
    }));
}

/** Saves a report kept as a document (a prior's PDF report) for the reader's PDF viewer; nothing leaves the browser. */
export function openDocument(document: StudyDocument): void {
  const name = `${document.title.replace(/[^\w.-]+/g, '_') || 'report'}${document.date ? `-${document.date}` : ''}.pdf`;
  download(name, document.mimeType, document.bytes);
}

/** Opens a prior beside the current study (from the PACS first when it is not open), keeping the current study on screen. */
export async function openPriorBeside(entry: PriorEntry): Promise<void> {
  const keep = useAppStore.getState().activeSeriesUID;
  if (entry.where === 'pacs' && entry.row) {
    await openPacsStudy(entry.row);
    // Opening a study shows it: the current study stays the one being reported.
    if (keep) useAppStore.getState().openSeries(keep);
  }
  useAppStore.getState().openPrior(entry.studyUID);
}

/**
 * What the study beside is to the current one. Only the same patient's earlier study is a prior (the
 * one compared with); else it is newer, of the same day with no time to order them, or another patient's.
 */
export function besideAs(beside: Study, current: Study): 'prior' | 'newer' | 'same day' | 'other patient' {
  if (beside.patientId !== current.patientId) return 'other patient';
  if (isEarlier(beside, current)) return 'prior';
  return isEarlier(current, beside) ? 'newer' : 'same day';
}

/** Reads the study beside instead, with the one read until now beside it as its prior. */
export function readStudyBeside(): void {
  const { studies, activeSeriesUID, priorStudyUID, openSeries, openPrior } = useAppStore.getState();
  const current = findSeries(studies, activeSeriesUID)?.study;
  const beside = studies.find((s) => s.uid === priorStudyUID);
  const series = beside && firstImageSeries(beside);
  if (!current || !series) return;
  openSeries(series.uid);
  openPrior(current.uid);
}
