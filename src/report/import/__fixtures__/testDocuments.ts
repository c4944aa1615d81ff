// An Encapsulated PDF instance as a RIS writes one for a study's report, for the tests (dcmjs).
import type { Dataset } from '../../sr/items';
import { ENCAPSULATED_PDF } from '../document';

/** A small, valid PDF of one page saying `text`. */
export function minimalPdf(text: string): Uint8Array {
  const body = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

export interface DocumentStudy {
  StudyInstanceUID: string;
  PatientID: string;
  PatientName: string;
  StudyDate: string;
}

export function pdfReport(study: DocumentStudy, title: string, sopInstanceUID = '2.25.4711'): Dataset {
  const pdf = minimalPdf(title);
  return {
    _meta: {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: ENCAPSULATED_PDF,
      MediaStorageSOPInstanceUID: sopInstanceUID,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: '2.25.4712',
    },
    SOPClassUID: ENCAPSULATED_PDF,
    SOPInstanceUID: sopInstanceUID,
    Modality: 'DOC',
    ...study,
    StudyTime: '120000',
    AccessionNumber: '',
    SeriesInstanceUID: `${sopInstanceUID}.1`,
    SeriesNumber: '99',
    InstanceNumber: '1',
    ContentDate: study.StudyDate,
    ContentTime: '120000',
    AcquisitionDateTime: `${study.StudyDate}120000`,
    BurnedInAnnotation: 'YES',
    DocumentTitle: title,
    ConceptNameCodeSequence: [],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocumentLength: String(pdf.byteLength),
    EncapsulatedDocument: pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength),
  };
}
