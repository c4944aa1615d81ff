// Report → DICOM SR → report, and the SR file checked by dicom3tools' dciodvfy (no error lines).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dciodvfy } from '../../../scripts/dicom/dciodvfy';
import { dsrdump, standardContent } from '../../../scripts/dicom/dsrdump';
import { applyEdit } from '../edit';
import { emptyReport } from '../content';
import { sign, transition } from '../review';
import type { Report } from '../types';
import { withAudit } from '../audit';
import { structuredReport, template } from '../__fixtures__/testReports';
import { bytesToDataset, datasetToBytes } from './dicomFile';
import { contentFromSR, isLucentSR } from './lucentSRRead';
import { reportToSR, type SrContext } from './lucentSR';

const PRIOR_IMAGE = {
  sopClassUID: '1.2.840.10008.5.1.4.1.1.1',
  sopInstanceUID: '1.2.826.0.1.3680043.10.1234.9.3.1',
  seriesInstanceUID: '1.2.826.0.1.3680043.10.1234.9.2',
};

const context: SrContext = {
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

function sampleReport(): Report {
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

const roundTrip = (report: Report) => {
  const bytes = datasetToBytes(reportToSR(report, context));
  const ds = bytesToDataset(bytes);
  const imageIdOf = (sop: string) => Object.entries(context.images).find(([, i]) => i.sopInstanceUID === sop)?.[0];
  return { bytes, ds, back: contentFromSR(ds, imageIdOf, (id) => (id === template.id ? template : undefined)) };
};
const withoutRegionIds = (r: Report['content']) => ({
  ...r,
  findings: r.findings.map((f) => ({ ...f, regions: f.regions.map(({ id: _, ...rest }) => rest) })),
});

describe('DICOM SR export', () => {
  it('round-trips a draft: text, decisions, provenance, confidence, regions on their images, indication, impression', () => {
    const report = sampleReport();
    const { ds, back } = roundTrip(report);
    expect(isLucentSR(ds)).toBe(true);
    expect(ds.CompletionFlag).toBe('PARTIAL');
    expect(ds.VerificationFlag).toBe('UNVERIFIED');
    expect(withoutRegionIds(back.content)).toEqual(withoutRegionIds(report.content));
    expect(back.verified).toBe(false);
  });

  it('marks a signed report complete and verified by its reader, and references the source study', () => {
    const signed = sign(sampleReport(), 'Dr Test', new Date('2026-11-25T05:59:00Z'));
    const { ds, back } = roundTrip(signed);
    expect([ds.CompletionFlag, ds.VerificationFlag]).toEqual(['COMPLETE', 'VERIFIED']);
    expect(back.reader).toBe('Dr Test');
    expect(ds.StudyInstanceUID).toBe(context.study.instanceUID);
    expect(ds.PatientID).toBe('LUC-0001');
    const evidence = (
      ds.CurrentRequestedProcedureEvidenceSequence as Array<{ ReferencedSeriesSequence: Array<{ ReferencedSOPSequence: unknown[] }> }>
    )[0];
    // The rejected effusion's second image is not part of the record.
    expect(evidence.ReferencedSeriesSequence[0].ReferencedSOPSequence).toHaveLength(1);
  });

  it('carries sections, fields, the accepted recommendation and the coded communication, and reads them back', () => {
    const report = structuredReport();
    expect(report.content.findings[0].recommendation).toMatchObject({
      status: 'accepted',
      text: expect.stringMatching(/Chest CT is recommended/),
    });
    const { ds, back } = roundTrip(report);
    const dump = JSON.stringify(ds);
    for (const expected of ['"121075"', '"73568-8"', '"RID49480"', 'Lungs', 'Pleura', 'Communicated to', 'Dr Lee (ED)', '3 mm'])
      expect(dump).toContain(expected);
    // The modality is the study's own (the app sets it on opening), not the SR's.
    expect(withoutRegionIds(back.content)).toEqual(withoutRegionIds({ ...report.content, modality: undefined }));
  });

  it('keeps the review: a preliminary is complete but unverified, the final verified, addenda, audit and versions read back', () => {
    const resident = { name: 'Dr Res', role: 'resident' as const };
    const attending = { name: 'Dr Att', role: 'attending' as const };
    let r = transition(sampleReport(), { kind: 'sign' }, resident, new Date('2026-11-25T05:00:00Z'));
    r = withAudit(r, resident, 'Signed the preliminary report (version 1)', new Date('2026-11-25T05:00:00Z'), undefined, 1);
    const prelim = roundTrip(r);
    expect([prelim.ds.CompletionFlag, prelim.ds.VerificationFlag, prelim.ds.VerifyingObserverSequence]).toEqual([
      'COMPLETE',
      'UNVERIFIED',
      undefined,
    ]);
    expect(prelim.back.review).toMatchObject({ status: 'preliminary', versions: [{ kind: 'preliminary', reader: 'Dr Res' }] });
    r = applyEdit(r, {
      type: 'setRegion',
      findingId: '3f0c9a52-8d4b-4a1e-9f57-2b8c6d1e0a11',
      region: { id: 'r1', imageId: 'dicomfile:2', box: [1, 2, 3, 4] },
    });
    r = transition(r, { kind: 'sign' }, attending, new Date('2026-11-25T06:00:00Z'));
    r = transition(
      transition(r, { kind: 'start-addendum' }, attending, new Date()),
      { kind: 'sign-addendum', text: 'Told the ward.' },
      attending,
      new Date('2026-11-25T07:00:00Z'),
    );
    const { ds, back } = roundTrip(r);
    expect([ds.CompletionFlag, ds.VerificationFlag]).toEqual(['COMPLETE', 'VERIFIED']);
    expect(JSON.stringify(ds.ContentSequence)).toContain('Addendum 1 by Dr Att (attending), 2026-11-25T07:00:00.000Z: Told the ward.');
    expect(JSON.stringify(ds.ContentSequence)).toContain('version 1 · Dr Res (resident): Signed the preliminary report (version 1)');
    expect(back.review).toEqual({
      status: 'signed',
      versions: r.versions,
      addenda: r.addenda,
      audit: r.audit,
      withheld: [{ index: 1, finding: r.content.findings[1] }],
    });
  });

  it("names each finding by its type's SNOMED CT code, with its site and side as modifiers", () => {
    const effusion = '7d2e4b19-0c6a-4f3d-8e21-5a9b7c3d2f44';
    const { ds } = roundTrip(applyEdit(sampleReport(), { type: 'decide', findingId: effusion, decision: 'accepted' }));
    const groups = (ds.ContentSequence as Array<Record<string, unknown>>).find((i) =>
      JSON.stringify(i.ConceptNameCodeSequence).includes('126010'),
    )!.ContentSequence as Array<Record<string, unknown>>;
    const codesOf = (g: Record<string, unknown>) => JSON.stringify(g.ContentSequence);
    expect(codesOf(groups[0])).toContain('"287272002"'); // cardiomegaly
    expect(codesOf(groups[0])).toContain('"80891009"'); // heart
    expect(codesOf(groups[0])).not.toContain('"272741003"'); // no side for the heart
    expect(codesOf(groups[1])).toMatch(/"60046008".*"363698007".*"3120008".*"272741003".*"7771000"/s); // effusion, pleura, left
    expect(codesOf(groups[2])).not.toContain('"36118008"'); // "No pneumothorax" is not a pneumothorax
  });

  it("references the prior study compared with: its images as other evidence, the Comparison text, each finding's change", () => {
    const prior = {
      studyUID: '1.2.826.0.1.3680043.10.1234.9',
      modality: 'CR',
      date: '20260101',
      description: 'Chest PA',
      accessionNumber: 'ACC0000',
      image: PRIOR_IMAGE,
    };
    const compared = applyEdit(emptyReport(context.study.instanceUID), {
      type: 'applyDraft',
      findings: [
        {
          id: 'f1',
          text: 'Small left pleural effusion, increased since the prior study (20 mm, now 35 mm).',
          regions: [
            { imageId: 'dicomfile:1', box: [1, 2, 3, 4] },
            { imageId: 'prior:1', box: [5, 6, 7, 8] },
          ],
          regionIds: ['a', 'b'],
          confidence: 0.8,
          comparison: { kind: 'increased', sizeMm: [20, 35] },
        },
      ],
      impression: '',
      comparison: prior,
    });
    const { ds, back } = roundTrip(compared);
    const other = ds.PertinentOtherEvidenceSequence as Array<{
      StudyInstanceUID: string;
      ReferencedSeriesSequence: Array<{ ReferencedSOPSequence: Array<{ ReferencedSOPInstanceUID: string }> }>;
    }>;
    expect(other.map((s) => s.StudyInstanceUID)).toEqual([prior.studyUID]);
    expect(other[0].ReferencedSeriesSequence[0].ReferencedSOPSequence.map((r) => r.ReferencedSOPInstanceUID)).toEqual([
      PRIOR_IMAGE.sopInstanceUID,
    ]);
    // The current study's evidence names only its own image.
    expect(JSON.stringify(ds.CurrentRequestedProcedureEvidenceSequence)).not.toContain(PRIOR_IMAGE.sopInstanceUID);
    expect(JSON.stringify(ds.ContentSequence)).toContain('CR 2026-01-01, Chest PA (accession ACC0000)');
    expect(back.content.comparison).toEqual(prior);
    expect(back.content.findings[0].comparison).toEqual({ kind: 'increased' });
    expect(back.content.findings[0].regions.map((r) => r.imageId)).toEqual(['dicomfile:1', 'prior:1']);
    const file = join(mkdtempSync(join(tmpdir(), 'lucent-sr-')), 'compared.dcm');
    writeFileSync(file, new Uint8Array(roundTrip(sign(compared, 'Dr Test', new Date('2026-11-25T05:59:00Z'))).bytes));
    expect(dciodvfy(file).problems).toEqual([]);
  });

  it('leaves a rejected finding out of the standard content, where every SR reader would show it, and reopens it as rejected', () => {
    const rejected = '7d2e4b19-0c6a-4f3d-8e21-5a9b7c3d2f44';
    const report = sign(
      applyEdit(sampleReport(), { type: 'setImpression', text: 'Cardiomegaly.' }),
      'Dr Test',
      new Date('2026-11-25T05:59:00Z'),
    );
    const { bytes, back } = roundTrip(report);
    const file = join(mkdtempSync(join(tmpdir(), 'lucent-sr-')), 'rejected.dcm');
    writeFileSync(file, new Uint8Array(bytes));
    const { problems, dump } = dsrdump(file);
    expect(problems).toEqual([]);
    const standard = standardContent(dump);
    expect(standard).toContain('The heart is enlarged, cardiothoracic ratio 0.59.');
    expect(standard).toContain('287272002'); // cardiomegaly, a finding of the record
    expect(standard).not.toMatch(/effusion|60046008/i);
    // Lucent's own working state still holds it (the dump shows private content too), and reopens it.
    expect(dump).toContain('Small left pleural effusion.');
    expect(back.content.findings.map((f) => [f.id, f.decision])).toEqual(report.content.findings.map((f) => [f.id, f.decision]));
    expect(withoutRegionIds(back.content)).toEqual(withoutRegionIds(report.content));
  });

  it('passes dciodvfy and DCMTK dsrdump with no errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lucent-sr-'));
    const signed = (r: Report) => sign(r, 'Dr Test', new Date('2026-11-25T05:59:00Z'));
    const preliminary = transition(
      sampleReport(),
      { kind: 'sign' },
      { name: 'Dr Res', role: 'resident' },
      new Date('2026-11-25T05:00:00Z'),
    );
    const reviewed = transition(preliminary, { kind: 'sign' }, { name: 'Dr Att', role: 'attending' }, new Date('2026-11-25T06:00:00Z'));
    for (const [name, report] of [
      ['draft', sampleReport()],
      ['signed', signed(sampleReport())],
      ['structured', signed(structuredReport())],
      ['preliminary', preliminary],
      ['reviewed', reviewed],
    ] as const) {
      const file = join(dir, `${name}.dcm`);
      writeFileSync(file, new Uint8Array(roundTrip(report).bytes));
      const { problems, output } = dciodvfy(file);
      if (process.env.SHOW_DCIODVFY) console.log(output);
      expect(problems, `${name}:\n${output}`).toEqual([]);
      // The structured report holds a critical result's communication time, a DT DCMTK once refused.
      expect(dsrdump(file).problems, name).toEqual([]);
    }
  });
});
