import { describe, expect, it } from 'vitest';
import { applyEdit } from '../edit';
import { emptyReport } from '../content';
import { sign, transition } from '../review';
import type { Report } from '../types';
import { reportToHl7 } from './hl7';
import { DRAFT_WARNING_EXTENSION, reportToFhir, SECTION_EXTENSION } from './fhir';
import { exportHeader, structuredReport } from '../__fixtures__/testReports';
import { reportToMarkdown, reportToText } from './text';

const header = exportHeader;

function report(): Report {
  let r = applyEdit(emptyReport('1.2.3', 'Cough.'), {
    type: 'applyDraft',
    findings: [
      { id: 'f1', text: 'The heart is enlarged.', regions: [{ imageId: 'img', box: [1, 2, 3, 4] }], regionIds: ['r1'], confidence: 0.7 },
      { id: 'f2', text: 'Left *apical* pneumothorax.', regions: [], regionIds: [], confidence: 0.4 },
    ],
    impression: 'Cardiomegaly.',
  });
  r = applyEdit(r, { type: 'decide', findingId: 'f2', decision: 'rejected' });
  return applyEdit(r, { type: 'addFinding', finding: { id: 'f3', text: 'No pleural effusion.', regions: [] } });
}

describe('text and Markdown export', () => {
  it('lists the reported findings, leaves rejected ones out, and says whether it is signed', () => {
    const text = reportToText(report(), header);
    expect(text).toContain('INDICATION: Cough.');
    // The model's finding nobody has accepted says so; the reader's own does not need to.
    expect(text).toContain('- The heart is enlarged. (AI draft, not yet accepted)\n- No pleural effusion.\n');
    expect(text).not.toContain('pneumothorax');
    expect(text).toContain('DRAFT — not signed.');
    const signed = reportToText(sign(report(), 'Dr Test', new Date('2026-11-25T06:00:00Z')), header);
    expect(signed).toContain('FINAL — signed by Dr Test (attending) on 2026-11-25T06:00:00.000Z (version 1).');
  });

  it('names the patient as the header has it, and never prints an empty name or ID', () => {
    expect(reportToText(report(), header)).toContain(`Patient: ${header.patientName} (ID ${header.patientId}) · Accession ACC0001`);
    expect(reportToText(report(), { ...header, patientName: '' })).toContain(`Patient: ID ${header.patientId} · Accession`);
    const anonymous = { ...header, patientName: '', patientId: '' };
    expect(reportToText(report(), anonymous)).toContain('Patient: not named in the study · Accession');
    expect(reportToText(report(), anonymous)).not.toContain('(ID )');
    expect(reportToMarkdown(report(), anonymous)).toContain('**Patient:** not named in the study ·');
  });

  it('escapes Markdown in what it quotes', () => {
    const r = applyEdit(report(), { type: 'setImpression', text: '# not a heading <b>' });
    const markdown = reportToMarkdown(r, header);
    expect(markdown).toContain('\\# not a heading \\<b\\>');
    expect(markdown).toContain('- The heart is enlarged\\. _(AI draft, not yet accepted, 1 region)_');
    const accepted = applyEdit(r, { type: 'decide', findingId: 'f1', decision: 'accepted' });
    expect(reportToMarkdown(accepted, header)).toContain('- The heart is enlarged\\. _(AI draft, 1 region)_');
  });
});

describe('FHIR export', () => {
  it('is a bundle with a DiagnosticReport, its ImagingStudy by UID and an Observation per reported finding', () => {
    let n = 0;
    const accepted = applyEdit(report(), { type: 'decide', findingId: 'f1', decision: 'accepted' });
    const signed = sign(applyEdit(accepted, { type: 'setImpression', text: 'Cardiomegaly.' }), 'Dr Test', new Date('2026-11-25T06:00:00Z'));
    const bundle = reportToFhir(signed, {
      ...header,
      studyInstanceUID: '1.2.3',
      sopInstanceOf: () => '1.2.3.4',
      newId: () => `id-${++n}`,
      now: new Date('2026-11-25T06:01:00Z'),
    }) as {
      resourceType: string;
      entry: Array<{ fullUrl: string; resource: Record<string, unknown> }>;
    };
    expect(bundle.resourceType).toBe('Bundle');
    const [dr, study, ...observations] = bundle.entry.map((e) => e.resource);
    expect(dr).toMatchObject({
      resourceType: 'DiagnosticReport',
      status: 'final',
      conclusion: 'Cardiomegaly.',
      issued: '2026-11-25T06:00:00.000Z',
      resultsInterpreter: [{ display: 'Dr Test' }],
    });
    expect(study).toMatchObject({ resourceType: 'ImagingStudy', identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' }] });
    expect(observations.map((o) => o.valueString)).toEqual(['The heart is enlarged.', 'No pleural effusion.']);
    expect((dr.result as Array<{ reference: string }>).map((r) => r.reference)).toEqual(bundle.entry.slice(2).map((e) => e.fullUrl));
    expect(JSON.stringify(observations[0].note)).toContain('Region on image 1.2.3.4');
  });
});

describe('the signed record in every export', () => {
  it('leaves out the AI findings nobody accepted once signed, and marks them in the draft', () => {
    const draft = report();
    expect(reportToText(draft, header)).toContain('- The heart is enlarged. (AI draft, not yet accepted)');
    const signed = sign(draft, 'Dr Test', new Date('2026-11-25T06:00:00Z'));
    const fhir = JSON.stringify(
      reportToFhir(signed, { ...header, studyInstanceUID: '1.2.3', sopInstanceOf: () => '1.2.3.4', newId: () => 'id', now: new Date() }),
    );
    const hl7 = reportToHl7(signed, { ...header, patientBirthDate: '', patientSex: '', controlId: '1', now: new Date() });
    for (const [name, text] of [
      ['text', reportToText(signed, header)],
      ['Markdown', reportToMarkdown(signed, header)],
      ['FHIR', fhir],
      ['HL7', hl7],
    ])
      expect(text, name).not.toMatch(/heart is enlarged|pneumothorax/i);
    expect(reportToText(signed, header)).toContain('No pleural effusion.');
  });
});

describe('a draft with warnings (drafted anyway, or a cut sentence)', () => {
  const WARNING = 'Drafted anyway — CT image: this model reads frontal chest radiographs (PA or AP).';
  const warned = (): Report =>
    applyEdit(emptyReport('1.2.3', ''), {
      type: 'applyDraft',
      findings: [{ id: 'f1', text: 'Endotracheal tube.', regions: [], regionIds: [], confidence: 0.8, warnings: [WARNING] }],
      impression: 'Endotracheal tube.',
      warnings: [WARNING],
    });

  it('states the warning at the top and on its finding in text and Markdown', () => {
    const text = reportToText(warned(), header);
    expect(text.split('\n').slice(0, 4)).toContain(`WARNING: ${WARNING}`);
    expect(text).toContain(`- Endotracheal tube. (AI draft, not yet accepted)\n  WARNING: ${WARNING}`);
    const markdown = reportToMarkdown(warned(), header);
    expect(markdown).toContain('> **Warning:** Drafted anyway');
    expect(markdown).toMatch(/- Endotracheal tube\\\. _\(AI draft, not yet accepted\)_ \*\*Warning:\*\* Drafted anyway/);
    expect(reportToText(report(), header)).not.toContain('WARNING');
  });

  it("keeps a forced draft's warning on the report even when it drafted no finding", () => {
    const empty = applyEdit(emptyReport('1.2.3', ''), {
      type: 'applyDraft',
      findings: [],
      impression: 'No acute finding.',
      warnings: [WARNING],
    });
    expect(reportToText(empty, header)).toContain(`WARNING: ${WARNING}`);
    let n = 0;
    const bundle = reportToFhir(empty, {
      ...header,
      studyInstanceUID: '1.2.3',
      sopInstanceOf: () => undefined,
      newId: () => `id-${++n}`,
      now: new Date(),
    }) as { entry: Array<{ resource: Record<string, unknown> }> };
    expect(bundle.entry[0].resource.extension).toEqual([{ url: DRAFT_WARNING_EXTENSION, valueString: WARNING }]);
  });

  it('carries the warning in the FHIR Observation and an extension of the DiagnosticReport', () => {
    let n = 0;
    const bundle = reportToFhir(warned(), {
      ...header,
      studyInstanceUID: '1.2.3',
      sopInstanceOf: () => undefined,
      newId: () => `id-${++n}`,
      now: new Date(),
    }) as { entry: Array<{ resource: Record<string, unknown> }> };
    const [dr, , observation] = bundle.entry.map((e) => e.resource);
    expect(dr.extension).toEqual([{ url: DRAFT_WARNING_EXTENSION, valueString: WARNING }]);
    expect(observation.note).toEqual([{ text: `Warning: ${WARNING}` }]);
  });
});

describe('structured report export', () => {
  const structured = () => sign(structuredReport('1.2.3'), 'Dr Test', new Date('2026-11-25T06:00:00Z'));

  it('writes text and Markdown section by section, with fields, the follow-up and the communication', () => {
    const text = reportToText(structured(), header);
    expect(text).toContain('Template: Test chest');
    expect(text).toContain('TECHNIQUE:\nProjection: PA\nCardiothoracic ratio: 0.48\n');
    expect(text).toContain(
      'LUNGS:\nLungs: Otherwise clear.\n- Nodule in the right mid zone.\n' +
        '  Recommendation: Chest CT is recommended to characterise the nodule seen on the radiograph.',
    );
    expect(text).toContain(
      'PLEURA:\nThickening: 3 mm\n- Small left apical pneumothorax.\n' +
        '  CRITICAL RESULT: Pneumothorax (ACR category 1) communicated to Dr Lee (ED) by telephone at 2026-11-25 05:50 UTC.',
    );
    expect(text.indexOf('INDICATION: Trauma.')).toBeLessThan(text.indexOf('TECHNIQUE:'));
    expect(text.indexOf('PLEURA:')).toBeLessThan(text.indexOf('IMPRESSION:'));
    const markdown = reportToMarkdown(structured(), header);
    expect(markdown).toContain(
      '## Pleura\n\n- **Thickening:** 3 mm\n\n- Small left apical pneumothorax\\. _(reader)_\n  - **CRITICAL RESULT:** Pneumothorax',
    );
  });

  it('gives FHIR the sections, a proposal ServiceRequest and a Communication about the critical finding', () => {
    let n = 0;
    const bundle = reportToFhir(structured(), {
      ...header,
      studyInstanceUID: '1.2.3',
      sopInstanceOf: () => '1.2.3.4',
      newId: () => `id-${++n}`,
      now: new Date('2026-11-25T06:01:00Z'),
    }) as { entry: Array<{ resource: Record<string, unknown> }> };
    const resources = bundle.entry.map((e) => e.resource);
    const of = (type: string) => resources.filter((r) => r.resourceType === type);
    const pneumothorax = of('Observation').find((o) => o.valueString === 'Small left apical pneumothorax.')!;
    expect(pneumothorax).toMatchObject({
      extension: [{ url: SECTION_EXTENSION, valueString: 'Pleura' }],
      interpretation: [{ coding: [{ code: 'RID49480' }] }],
    });
    expect(of('Observation').find((o) => o.valueString === '3 mm')).toMatchObject({
      code: { text: 'Thickening' },
      extension: [{ valueString: 'Pleura' }],
    });
    expect(of('ServiceRequest')).toEqual([
      expect.objectContaining({ intent: 'proposal', code: { text: expect.stringMatching(/Chest CT is recommended/) } }),
    ]);
    // Inside a final report the signed follow-up is an active request, not a draft.
    expect(of('DiagnosticReport')[0].status).toBe('final');
    expect(of('ServiceRequest')[0].status).toBe('active');
    expect(of('Communication')).toEqual([
      expect.objectContaining({
        status: 'completed',
        sent: '2026-11-25T05:50:00.000Z',
        recipient: [{ display: 'Dr Lee (ED)' }],
        about: [{ reference: `urn:uuid:${pneumothorax.id}` }],
      }),
    ]);
  });
});

describe('HL7 v2 ORU^R01', () => {
  it('carries the patient, the status of the preliminary and the final, both interpreters and the report text, escaped', () => {
    const context = {
      ...header,
      patientName: 'Doe^Jane|X',
      patientBirthDate: '19610412',
      patientSex: 'F',
      now: new Date('2026-12-02T10:00:00Z'),
      controlId: 'MSG1',
    };
    const prelim = transition(report(), { kind: 'sign' }, { name: 'Dr Res', role: 'resident' }, new Date('2026-12-02T09:00:00Z'));
    const segments = (r: Report) => reportToHl7(r, context).split('\r').filter(Boolean);
    const p = segments(prelim);
    expect(p[0]).toBe('MSH|^~\\&|LUCENT|LUCENT|||20261202100000||ORU^R01^ORU_R01|MSG1|P|2.5.1');
    expect(p[1]).toBe('PID|1||LUC-0001||Doe^Jane\\F\\X||19610412|F');
    expect(p[2].split('|')[25]).toBe('P');
    const final = transition(prelim, { kind: 'sign' }, { name: 'Dr Att', role: 'attending' }, new Date('2026-12-02T09:30:00Z'));
    const f = segments(final);
    const obr = f[2].split('|');
    expect([obr[25], obr[32], obr[33], obr[22]]).toEqual(['F', 'Dr Att', 'Dr Res', '20261202093000']);
    expect(f.filter((s) => s.startsWith('OBX|')).map((s) => s.split('|')[5])).toEqual(
      reportToText(final, context)
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => l.replace(/\|/g, '\\F\\').replace(/\^/g, '\\S\\')),
    );
    expect(f.every((s) => !s.startsWith('OBX|') || s.endsWith('|F'))).toBe(true);
    const appended = transition(
      transition(final, { kind: 'start-addendum' }, { name: 'Dr Att', role: 'attending' }, new Date()),
      { kind: 'sign-addendum', text: 'Discussed.' },
      { name: 'Dr Att', role: 'attending' },
      new Date('2026-12-02T11:00:00Z'),
    );
    expect(segments(appended)[2].split('|')[25]).toBe('C');
    // The result's status changed when the addendum was signed.
    expect(segments(appended)[2].split('|')[22]).toBe('20261202110000');
    expect(reportToHl7(appended, context)).toContain('ADDENDUM 1 (Dr Att, attending, 2026-12-02T11:00:00.000Z): Discussed.');
  });
});
