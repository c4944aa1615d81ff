import { describe, expect, it } from 'vitest';
import { referenceFindingsOf } from './groundTruth';

const realFilm = {
  format: 'lucent-cxr-case/2',
  findings: [
    {
      type: 'airspace_opacity',
      laterality: 'right',
      zone: 'middle',
      size_mm: null,
      boxes: [[155.5, 121.3, 266.1, 301.8]],
      measurements: {},
    },
    { type: 'pulmonary_edema', laterality: 'bilateral', size_mm: null, boxes: [], measurements: {} },
    { type: 'cardiomegaly', laterality: 'none', size_mm: null, boxes: [[100, 200, 400, 380]], measurements: {} },
  ],
  labels: { airspace_opacity: 1, cardiomegaly: 1 },
  report: null,
};

describe('referenceFindingsOf', () => {
  it("reads a real film's labels and boxes: an airspace opacity is compared as the consolidation that says it", () => {
    const findings = referenceFindingsOf(realFilm);
    expect(findings.map((f) => [f.type, f.text, f.laterality])).toEqual([
      ['consolidation', 'airspace opacity', 'right'],
      ['cardiomegaly', 'cardiomegaly', 'none'],
    ]);
    expect(findings[0].boxes).toEqual([[155.5, 121.3, 266.1, 301.8]]);
    expect(findings[0].name).toBe('airspace opacity');
    expect(findings[1].name).toBeUndefined();
    expect(findings[0].sizeMm).toBeUndefined();
  });

  it("reads a generated case's report sentences as the reference's words", () => {
    const generated = {
      format: 'lucent-cxr-case/1',
      findings: [{ type: 'nodule', laterality: 'left', size_mm: 12, boxes: [[10, 10, 30, 30]] }],
      report: { sentences: [{ text: 'A 12 mm nodule in the left upper zone.', finding: 0 }] },
    };
    expect(referenceFindingsOf(generated)).toEqual([
      {
        type: 'nodule',
        laterality: 'left',
        boxes: [[10, 10, 30, 30]],
        text: 'A 12 mm nodule in the left upper zone.',
        sizeMm: 12,
        cardiothoracicRatio: undefined,
      },
    ]);
  });

  it('refuses a file of another format', () => {
    expect(() => referenceFindingsOf({ format: 'something-else', findings: [] })).toThrow(/not a ground truth file/);
  });
});
