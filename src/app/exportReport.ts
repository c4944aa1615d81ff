// Exports of a study's report: plain text, Markdown, FHIR R4 JSON and DICOM SR, made here in the
// browser and saved through a blob URL (nothing is sent anywhere), and the SR stored in the PACS.
import { newUID } from '../report/ids';
import type { LoadedInstance } from '../dicom/studies';
import { storeInstance } from '../dicom/dicomweb';
import { datasetToBytes } from '../report/sr/dicomFile';
import { reportToFhir } from '../report/export/fhir';
import { reportToHl7 } from '../report/export/hl7';
import { reportToSR } from '../report/sr/lucentSR';
import type { ReferencedImage } from '../report/sr/items';
import { reportToMarkdown, reportToText, type ReportHeader } from '../report/export/text';
import type { Report } from '../report/types';
import { usePacsStore } from '../store/pacsStore';
import { useAppStore } from '../store/appStore';
import { download } from './download';
import { instancesOfStudy } from './studyQueries';

export type ExportFormat = 'text' | 'markdown' | 'fhir' | 'hl7' | 'sr';

function headerOf(instances: LoadedInstance[]): ReportHeader {
  const h = instances[0]?.header;
  return {
    patientName: h?.patientName ?? '',
    patientId: h?.patientId ?? '',
    studyDate: h?.studyDate ?? '',
    studyDescription: h?.studyDescription ?? '',
    accessionNumber: h?.accessionNumber ?? '',
  };
}

function imagesOf(instances: LoadedInstance[], studyInstanceUID?: string): Record<string, ReferencedImage> {
  const images: Record<string, ReferencedImage> = {};
  for (const { header, imageIds } of instances) {
    imageIds.forEach((imageId, k) => {
      images[imageId] = {
        sopClassUID: header.sopClassUID,
        sopInstanceUID: header.sopInstanceUID,
        seriesInstanceUID: header.seriesInstanceUID,
        ...(imageIds.length > 1 ? { frame: k + 1 } : {}),
        ...(studyInstanceUID ? { studyInstanceUID } : {}),
      };
    });
  }
  return images;
}

/**
 * The report's images: its study's, and those of the other studies its regions lie on — the prior it
 * was compared with, and a prior where the reader measured a lesion it tracks — each with its study.
 */
function reportImages(report: Report, instances: LoadedInstance[]): Record<string, ReferencedImage> {
  const regionImages = new Set(report.content.findings.flatMap((f) => f.regions.map((r) => r.imageId)));
  const others = useAppStore
    .getState()
    .studies.filter((s) => s.uid !== report.studyUID)
    .filter((s) => s.uid === report.content.comparison?.studyUID || s.series.some((se) => se.imageIds.some((id) => regionImages.has(id))));
  return Object.assign(imagesOf(instances), ...others.map((s) => imagesOf(instancesOfStudy(s.uid), s.uid)));
}

const fileBase = (header: ReportHeader) =>
  `lucent-report-${(header.accessionNumber || header.patientId || 'study').replace(/[^\w.-]+/g, '_')}`;

export function exportReport(report: Report, format: ExportFormat): void {
  const instances = instancesOfStudy(report.studyUID);
  const header = headerOf(instances);
  const base = fileBase(header);
  if (format === 'text') return download(`${base}.txt`, 'text/plain;charset=utf-8', reportToText(report, header));
  if (format === 'markdown') return download(`${base}.md`, 'text/markdown;charset=utf-8', reportToMarkdown(report, header));
  if (format === 'fhir') {
    const images = reportImages(report, instances);
    const bundle = reportToFhir(report, {
      ...header,
      studyInstanceUID: report.studyUID,
      sopInstanceOf: (id) => images[id]?.sopInstanceUID,
      newId: () => crypto.randomUUID(),
      now: new Date(),
    });
    return download(`${base}.fhir.json`, 'application/fhir+json', JSON.stringify(bundle, null, 2));
  }
  if (format === 'hl7') {
    const h = instances[0]?.header;
    const message = reportToHl7(report, {
      ...header,
      patientBirthDate: h?.patientBirthDate ?? '',
      patientSex: h?.patientSex ?? '',
      now: new Date(),
      controlId: crypto.randomUUID().replace(/-/g, '').slice(0, 20),
    });
    return download(`${base}.hl7`, 'x-application/hl7-v2+er7', message);
  }
  download(`${base}.sr.dcm`, 'application/dicom', srBytes(report, instances));
}

function srBytes(report: Report, instances: LoadedInstance[]): ArrayBuffer {
  const h = instances[0]?.header;
  const dataset = reportToSR(report, {
    patient: { name: h?.patientName ?? '', id: h?.patientId ?? '', birthDate: h?.patientBirthDate ?? '', sex: h?.patientSex ?? '' },
    study: {
      instanceUID: report.studyUID,
      date: h?.studyDate ?? '',
      time: h?.studyTime ?? '',
      accessionNumber: h?.accessionNumber ?? '',
      id: '',
      referringPhysicianName: '',
    },
    images: reportImages(report, instances),
    seriesInstanceUID: newUID(),
    sopInstanceUID: newUID(),
    now: new Date(),
    manufacturer: 'Lucent',
  });
  return datasetToBytes(dataset);
}

/** STOW-RS the report as an SR into its study on the configured PACS. */
export async function storeReportInPacs(report: Report): Promise<void> {
  const settings = usePacsStore.getState().settings;
  if (!settings) throw new Error('no PACS is configured');
  await storeInstance(settings, srBytes(report, instancesOfStudy(report.studyUID)), report.studyUID);
}
