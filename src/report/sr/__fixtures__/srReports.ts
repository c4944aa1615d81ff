// A Lucent SR's test material: the study context, a report with an accepted, a rejected and a
// reader's finding, and the round trip through the SR file and back.
import { applyEdit } from '../../edit';
import { emptyReport } from '../../content';
import type { Report } from '../../types';
import { template } from '../../__fixtures__/testReports';
import { bytesToDataset, datasetToBytes } from '../dicomFile';
import { contentFromSR } from '../lucentSRRead';
import { reportToSR, type SrContext } from '../lucentSR';

export const PRIOR_IMAGE = {
  sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
  sopInstanceUID: '1.2.826.0.1.3680043.10.1234.9.3.1',
  seriesInstanceUID: '1.2.826.0.1.3680043.10.1234.9.2',
};

export const context: SrContext = {
  patient: { name: 'Synthetic^Chest DX', id: 'LUC-0001', birthDate: '19610412', sex: 'F' },
  study: {
    instanceUID: '1.2.826.0.1.3680043.10.1234.1',
    date: '20260315',
    time: '101500',
    accessionNumber: 'ACC0001',
    id: 'S1',
    referringPhysicianName: '',
  },
  images: {
    'dicomfile:1': {
      sopClassUID: '1.2.840.10008.5.1.4.1.1.1.1',
      sopInstanceUID: '1.2.826.0.1.3680043.10.1234.3.1',
      seriesInstanceUID: '1.2.826.0.1.3680043.10.1234.2',
    },
    'dicomfile:2': {
      sopClassUID: '1.2.840.10008.5.1.4.1.1.1.1',
      sopInstanceUID: '1.2.826.0.1.3680043.10.1234.3.2',
      seriesInstanceUID: '1.2.826.0.1.3680043.10.1234.2',
    },
    'prior:1': {
      sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
      sopInstanceUID: '1.2.826.0.1.3680043.10.1234.9.3.1',
      seriesInstanceUID: '1.2.826.0.1.3680043.10.1234.9.2',
      studyInstanceUID: '1.2.826.0.1.3680043.10.1234.9',
    },
  },
  seriesInstanceUID: '2.25.1001',
  sopInstanceUID: '2.25.1002',
  now: new Date('2026-11-25T06:00:00Z'),
  manufacturer: 'Lucent',
};

export function sampleReport(): Report {
  let r = applyEdit(emptyReport(context.study.instanceUID, 'Shortness of breath.'), {
    type: 'applyDraft',
    findings: [
      {
        id: '3f0c9a52-8d4b-4a1e-9f57-2b8c6d1e0a11',
        text: 'The heart is enlarged, cardiothoracic ratio 0.59.',
        regions: [{ imageId: 'dicomfile:1', box: [534, 586.1, 1263.3, 1211.2] }],
        regionIds: ['r1'],
        confidence: 0.71,
        calibrated: true,
      },
      {
        id: '7d2e4b19-0c6a-4f3d-8e21-5a9b7c3d2f44',
        text: 'Small left pleural effusion.',
        regions: [
          { imageId: 'dicomfile:1', box: [898.6, 1054.9, 1419.6, 1211.2] },
          { imageId: 'dicomfile:2', box: [10, 20, 30, 40] },
        ],
        regionIds: ['r2', 'r3'],
        confidence: 0.63,
        warnings: ['the model wrote this finding twice'],
      },
    ],
    impression: 'Cardiomegaly with a small left effusion.',
    warnings: ['Drafted anyway — a test warning.'],
  });
  r = applyEdit(r, { type: 'decide', findingId: '3f0c9a52-8d4b-4a1e-9f57-2b8c6d1e0a11', decision: 'accepted' });
  r = applyEdit(r, { type: 'decide', findingId: '7d2e4b19-0c6a-4f3d-8e21-5a9b7c3d2f44', decision: 'rejected' });
  r = applyEdit(r, {
    type: 'addFinding',
    finding: {
      id: 'c4a1e8f0-3b5d-4c7e-a9f2-1d6b8e0c5a33',
      text: 'No pneumothorax — unchanged since 2024 (Dr Müller), gap ≥ 2 mm.',
      regions: [],
    },
  });
  return r;
}

export const roundTrip = (report: Report) => {
  const bytes = datasetToBytes(reportToSR(report, context));
  const ds = bytesToDataset(bytes);
  const imageIdOf = (sop: string) => Object.entries(context.images).find(([, i]) => i.sopInstanceUID === sop)?.[0];
  return { bytes, ds, back: contentFromSR(ds, imageIdOf, (id) => (id === template.id ? template : undefined)) };
};
export const withoutRegionIds = (r: Report['content']) => ({
  ...r,
  findings: r.findings.map((f) => ({ ...f, regions: f.regions.map(({ id: _, ...rest }) => rest) })),
});
