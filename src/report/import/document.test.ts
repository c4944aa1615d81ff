import { describe, expect, it } from 'vitest';
import { bytesToDataset, datasetToBytes } from '../sr/dicomFile';
import { documentOf, ENCAPSULATED_PDF } from './document';
import { reportIn } from './importedContent';
import { pdfReport } from './__fixtures__/testDocuments';

const study = { StudyInstanceUID: '1.2.3.4', PatientID: 'P1', PatientName: 'Test^Patient', StudyDate: '20261001' };

describe('PDF reports', () => {
  it('keeps the PDF an Encapsulated PDF holds, with its title and date, for its study', () => {
    const bytes = datasetToBytes(pdfReport(study, 'Chest X-ray report'));
    const dataset = reportIn(bytes, ENCAPSULATED_PDF)!;
    const document = documentOf(dataset)!;
    expect(document).toMatchObject({ studyUID: '1.2.3.4', title: 'Chest X-ray report', date: '20261001', mimeType: 'application/pdf' });
    const text = new TextDecoder().decode(document.bytes);
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    // The even-length padding of the DICOM element is not part of the PDF.
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });

  it('names an Encapsulated PDF without a document, and leaves other files to the loader', () => {
    const empty = pdfReport(study, 'Empty');
    delete empty.EncapsulatedDocument;
    expect(() => reportIn(datasetToBytes(empty), ENCAPSULATED_PDF)).toThrow(/not an image \(Encapsulated PDF\), and it holds no document/);
    expect(documentOf(bytesToDataset(datasetToBytes(pdfReport(study, 'x'))))).toBeDefined();
    expect(reportIn(new ArrayBuffer(8), '1.2.840.10008.5.1.4.1.1.1')).toBeUndefined();
  });
});
