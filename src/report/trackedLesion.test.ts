import { describe, expect, it } from 'vitest';
import { applyEdit } from './edit';
import { emptyReport } from './content';
import { reportOutline } from './outline';
import { bundledTemplate } from './template/bundled';
import { bidirectional } from './__fixtures__/measurements';
import type { Report } from './types';

const measurement = (mm: number) => bidirectional(mm, mm);

const prior = { studyUID: '2.25.9', modality: 'CT', date: '20260601', description: 'CT CHEST', accessionNumber: 'P1' };

function tracked(withTemplate: boolean): Report {
  let r = emptyReport('2.25.8', '');
  if (withTemplate) r = applyEdit(r, { type: 'applyTemplate', template: bundledTemplate('lucent-chest-ct') });
  r = applyEdit(r, {
    type: 'addFinding',
    finding: {
      id: 'n1',
      text: 'A 20 × 20 mm nodule (series 3, image 3).',
      regions: [{ id: 'a', imageId: 'now', box: [0, 0, 1, 1], measurement: measurement(20) }],
    },
  });
  r = applyEdit(r, {
    type: 'setRegion',
    findingId: 'n1',
    region: { id: 'b', imageId: 'then', box: [0, 0, 1, 1], measurement: measurement(16) },
  });
  return applyEdit(r, {
    type: 'trackLesion',
    findingId: 'n1',
    prior,
    comparison: { kind: 'increased', sizeMm: [16, 20], doublingDays: 189.6 },
  });
}

describe('a lesion measured on a prior and now', () => {
  it('makes the report compare with that prior and lists the lesion in the comparison section', () => {
    const plain = tracked(false);
    expect(plain.content.comparison?.studyUID).toBe('2.25.9');
    expect(plain.content.findings[0].comparison).toMatchObject({ kind: 'increased', sizeMm: [16, 20] });
    expect(reportOutline(plain.content).find((s) => s.role === 'comparison')?.text).toBe(
      'CT 2026-06-01, CT CHEST (accession P1)\nTracked lesions:\nNodule: 16 mm → 20 mm (+25 %); volume doubling time 190 days.',
    );
  });

  it("names the prior in a template's Comparison field and keeps the list in its section", () => {
    const ct = tracked(true);
    expect(ct.content.fields?.['comparison-studies']).toBe('CT 2026-06-01, CT CHEST (accession P1)');
    const section = reportOutline(ct.content).find((s) => s.role === 'comparison')!;
    expect(section.fields.map((f) => f.value)).toEqual(['CT 2026-06-01, CT CHEST (accession P1)']);
    expect(section.text).toBe('Tracked lesions:\nNodule: 16 mm → 20 mm (+25 %); volume doubling time 190 days.');
  });
});
