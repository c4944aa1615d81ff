import { describe, expect, it } from 'vitest';
import { pacsError, serviceUrl, studyQueryParams } from './dicomweb';

describe('DICOMweb queries and errors', () => {
  it('turns the search form into QIDO-RS parameters', () => {
    expect(
      studyQueryParams(
        { patientName: ' smi ', patientId: 'P1', from: '2026-01-01', to: '', modality: 'cr', accessionNumber: 'A7' },
        25,
        25,
      ),
    ).toEqual({
      limit: '25',
      offset: '25',
      includefield: '00081030,00080061,00201208',
      PatientName: '*smi*',
      PatientID: 'P1',
      AccessionNumber: 'A7',
      ModalitiesInStudy: 'CR',
      StudyDate: '20260101-',
    });
    expect(studyQueryParams({}, 0, 10)).toEqual({ limit: '10', offset: '0', includefield: '00081030,00080061,00201208' });
  });

  it('says what each failure means', () => {
    const url = 'https://pacs.example.org/dicom-web';
    expect(pacsError({ status: 401 }, 'Searching the PACS failed', url).message).toContain('credentials');
    expect(pacsError({ status: 403 }, 'x', url).message).toContain('403');
    expect(pacsError({ status: 404 }, 'x', url).message).toContain('check the DICOMweb URL');
    expect(pacsError({ status: 503 }, 'x', url).message).toContain('the PACS failed (503)');
    expect(pacsError({ status: 0 }, 'x', url).message).toContain('unreachable, or it refused this page');
    expect(pacsError({ status: 0, request: { timedOut: true } }, 'x', url).message).toContain('did not answer within 30 s');
  });

  it('uses a service’s own root when the server splits them', () => {
    const s = { url: '/dicom-web', auth: 'none' as const, stowUrl: 'https://stow.example.org/rs' };
    expect([serviceUrl(s, 'qido'), serviceUrl(s, 'stow')]).toEqual(['/dicom-web', 'https://stow.example.org/rs']);
  });
});
