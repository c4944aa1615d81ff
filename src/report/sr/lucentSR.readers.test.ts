// The SR as independent readers see it: DCMTK's dsrdump and dicom3tools' dciodvfy read every kind of
// report Lucent writes without an error, and the standard content holds only the signed record.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dciodvfy } from '../../../scripts/dicom/dciodvfy';
import { dsr2xml, dsrdump, standardContent } from '../../../scripts/dicom/dsrdump';
import { applyEdit } from '../edit';
import { emptyReport } from '../content';
import { sign, transition } from '../review';
import type { Report } from '../types';
import { structuredReport } from '../__fixtures__/testReports';
import { context, roundTrip, sampleReport, withoutRegionIds } from './__fixtures__/srReports';

describe('the SR read by independent readers', () => {
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

  it('leaves out of a signed record the AI findings nobody accepted, still a valid SR when nothing is left', () => {
    const draft = applyEdit(emptyReport(context.study.instanceUID), {
      type: 'applyDraft',
      findings: [
        {
          id: 'u1',
          text: 'Right upper lobe nodule.',
          regions: [{ imageId: 'dicomfile:1', box: [1, 2, 3, 4] }],
          regionIds: ['a'],
          confidence: 0.6,
        },
      ],
      impression: 'No acute finding.',
    });
    const signed = sign(draft, 'Dr Test', new Date('2026-11-25T05:59:00Z'));
    const { bytes, back, ds } = roundTrip(signed);
    const file = join(mkdtempSync(join(tmpdir(), 'lucent-sr-')), 'undecided.dcm');
    writeFileSync(file, new Uint8Array(bytes));
    expect(dciodvfy(file).problems).toEqual([]);
    const { problems, dump } = dsrdump(file);
    expect(problems).toEqual([]);
    expect(standardContent(dump)).not.toMatch(/nodule/i);
    expect(ds.CurrentRequestedProcedureEvidenceSequence).toBeUndefined();
    // Lucent reopens it still undecided, where the reader left it.
    expect(back.content.findings.map((f) => [f.id, f.decision])).toEqual([['u1', 'pending']]);
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
      const xml = dsr2xml(file);
      expect(xml.problems, name).toEqual([]);
      expect(xml.dump, name).toContain('<report type="Comprehensive SR">');
    }
  });
});
