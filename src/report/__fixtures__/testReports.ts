// Reports the export tests share: one on a template with filled fields, an accepted follow-up and a
// communicated critical result.
import { applyEdit } from '../edit';
import { emptyReport } from '../content';
import type { Report, ReportEdit } from '../types';
import type { Template, TemplateField } from '../template/template';
import type { SrContext } from '../sr/lucentSR';

/** The header of the text, FHIR and HL7 exports in the tests: a synthetic patient's chest radiograph. */
export const exportHeader = {
  patientName: 'Synthetic^Chest DX',
  patientId: 'LUC-0001',
  studyDate: '20260315',
  studyDescription: 'XR CHEST PA',
  accessionNumber: 'ACC0001',
};

/** An SR context with no images, for tests that only need a valid SR of a study. */
export function bareSrContext(studyUID: string): SrContext {
  return {
    patient: { name: 'A^B', id: 'P1', birthDate: '', sex: '' },
    study: { instanceUID: studyUID, date: '', time: '', accessionNumber: '', id: '', referringPhysicianName: '' },
    images: {},
    seriesInstanceUID: '2.25.1',
    sopInstanceUID: '2.25.2',
    now: new Date(),
    manufacturer: 'Lucent',
  };
}

/** A template of one findings section (id 's') holding these fields: for tests of fields alone. */
export const oneSectionTemplate = (name: string, fields: TemplateField[]): Template => ({
  id: 't',
  title: 'T',
  description: '',
  language: 'en',
  meta: {},
  sections: [{ id: 's', name, role: 'findings', fields }],
});

export const template: Template = {
  id: 'test-chest',
  title: 'Test chest',
  description: '',
  language: 'en',
  meta: {},
  sections: [
    {
      id: 'technique',
      name: 'Technique',
      role: 'technique',
      fields: [
        { id: 'view', label: 'Projection', kind: 'choice', options: ['PA', 'AP'], required: true },
        { id: 'ctr', label: 'Cardiothoracic ratio', kind: 'number' },
      ],
    },
    {
      id: 'lungs',
      name: 'Lungs',
      role: 'findings',
      findingTypes: ['nodule'],
      fields: [{ id: 'lungs-text', label: 'Lungs', kind: 'text', codes: [{ code: 'RID1301', scheme: 'RADLEX', meaning: 'lung' }] }],
    },
    {
      id: 'pleura',
      name: 'Pleura',
      role: 'findings',
      findingTypes: ['pneumothorax'],
      fields: [{ id: 'thick', label: 'Thickening', kind: 'number', unit: 'mm' }],
    },
  ],
};

/** A report on a template: filled fields, an accepted nodule follow-up, a communicated pneumothorax. */
export function structuredReport(studyUID = '1.2.826.0.1.3680043.10.1234.1'): Report {
  let r = emptyReport(studyUID, 'Trauma.', 'DX');
  for (const edit of [
    { type: 'applyTemplate', template },
    { type: 'setFields', values: { view: 'PA', ctr: '0.48', 'lungs-text': 'Otherwise clear.', thick: '3' } },
    {
      type: 'addFinding',
      finding: {
        id: 'n1',
        text: 'Nodule in the right mid zone.',
        regions: [{ id: 'r', imageId: 'dicomfile:1', box: [100, 100, 140, 140] }],
      },
    },
    { type: 'decideRecommendation', findingId: 'n1', status: 'accepted' },
    { type: 'addFinding', finding: { id: 'p1', text: 'Small left apical pneumothorax.', regions: [] } },
    { type: 'setSection', findingId: 'p1', sectionId: 'pleura' },
    {
      type: 'recordCommunication',
      findingId: 'p1',
      communication: { recipient: 'Dr Lee (ED)', method: 'telephone', at: '2026-11-25T05:50:00.000Z', rule: 'Pneumothorax', category: 1 },
    },
  ] satisfies ReportEdit[])
    r = applyEdit(r, edit);
  return r;
}
