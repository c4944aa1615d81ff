// Report → DICOM SR → report: what each part of the report becomes, and back (independent readers: lucentSR.readers.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dciodvfy } from '../../../scripts/dicom/dciodvfy';
import { applyEdit } from '../edit';
import { emptyReport } from '../content';
import { sign, transition } from '../review';
import type { Report } from '../types';
import { withAudit } from '../audit';
import { structuredReport } from '../__fixtures__/testReports';
import { isLucentSR } from './lucentSRRead';
import { context, PRIOR_IMAGE, roundTrip, sampleReport, withoutRegionIds } from './__fixtures__/srReports';

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
    const accepted = applyEdit(compared, { type: 'decide', findingId: 'f1', decision: 'accepted' });
    writeFileSync(file, new Uint8Array(roundTrip(sign(accepted, 'Dr Test', new Date('2026-11-25T05:59:00Z'))).bytes));
    expect(dciodvfy(file).problems).toEqual([]);
  });
});
