// Measurements in Lucent's SR: TID 1501 groups as OHIF writes them (a NUM per value, INFERRED FROM the
// tool's shape, SELECTED FROM its image), valid for dciodvfy and DCMTK, and read back the same.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dciodvfy } from '../../../scripts/dicom/dciodvfy';
import { dsrdump } from '../../../scripts/dicom/dsrdump';
import { applyEdit } from '../edit';
import { sign } from '../review';
import type { RegionMeasurement } from '../measurement';
import type { Region, Report } from '../types';
import { context, roundTrip, sampleReport, withoutRegionIds } from './__fixtures__/srReports';
import type { Item } from './items';

const NODULE = 'c4a1e8f0-3b5d-4c7e-a9f2-1d6b8e0c5a33';
const HEART = '3f0c9a52-8d4b-4a1e-9f57-2b8c6d1e0a11';

const bidirectional: RegionMeasurement = {
  tool: 'bidirectional',
  points: [
    [100.25, 200.5],
    [124.75, 210],
    [110, 196],
    [114.5, 214.25],
  ],
  values: [
    { name: 'long axis', value: 12.3456, unit: 'mm' },
    { name: 'short axis', value: 8.1, unit: 'mm' },
  ],
  calibrated: true,
  trackingUid: '2.25.111',
};

/** One of every other tool, on a finding that is several measurements. */
const others: RegionMeasurement[] = [
  {
    tool: 'length',
    points: [
      [10, 20],
      [30, 40],
    ],
    values: [{ name: 'length', value: 210.5, unit: 'px' }],
    calibrated: false,
    trackingUid: '2.25.1',
  },
  {
    tool: 'ellipse',
    points: [
      [50, 80],
      [50, 20],
      [40, 50],
      [60, 50],
    ],
    values: [
      { name: 'area', value: 471.2, unit: 'mm²' },
      { name: 'mean', value: -4.5, unit: 'HU' },
      { name: 'sd', value: 6, unit: 'HU' },
      { name: 'min', value: -30, unit: 'HU' },
      { name: 'max', value: 22, unit: 'HU' },
    ],
    calibrated: true,
    caveat: 'Imager Pixel Spacing: measured at the detector, magnified',
    trackingUid: '2.25.2',
  },
  {
    tool: 'ellipse',
    points: [
      [50, 60],
      [50, 40],
      [20, 50],
      [80, 50],
    ],
    values: [{ name: 'area', value: 3.5, unit: 'mm²' }],
    calibrated: true,
    trackingUid: '2.25.3',
  },
  {
    tool: 'circle',
    points: [
      [100, 100],
      [110, 100],
    ],
    values: [{ name: 'area', value: 314.2, unit: 'px²' }],
    calibrated: false,
    trackingUid: '2.25.4',
  },
  {
    tool: 'rectangle',
    points: [
      [1, 2],
      [9, 2],
      [1, 7],
      [9, 7],
    ],
    values: [
      { name: 'area', value: 40, unit: 'mm²' },
      { name: 'mean', value: 812, unit: '' },
    ],
    calibrated: true,
    trackingUid: '2.25.5',
  },
  {
    tool: 'angle',
    points: [
      [0, 0],
      [10, 0],
      [10, 10],
    ],
    values: [{ name: 'angle', value: 90, unit: 'deg' }],
    calibrated: true,
    trackingUid: '2.25.6',
  },
  {
    tool: 'cobb',
    points: [
      [0, 0],
      [10, 1],
      [0, 20],
      [10, 25],
    ],
    values: [{ name: 'angle', value: 21.2, unit: 'deg' }],
    calibrated: true,
    trackingUid: '2.25.7',
  },
  { tool: 'probe', points: [[33, 44]], values: [{ name: 'value', value: 40, unit: 'HU' }], calibrated: true, trackingUid: '2.25.8' },
  {
    tool: 'arrow',
    points: [
      [5, 6],
      [25, 36],
    ],
    values: [],
    calibrated: true,
    trackingUid: '2.25.9',
    label: 'Line tip',
  },
];

const boxOf = (m: RegionMeasurement): Region['box'] => {
  const xs = m.points.map((p) => p[0]);
  const ys = m.points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

function measuredReport(): Report {
  let r = applyEdit(sampleReport(), { type: 'editText', findingId: NODULE, text: 'A 12 × 8 mm nodule in the right upper lobe.' });
  r = applyEdit(r, {
    type: 'setRegion',
    findingId: NODULE,
    region: { id: 'm1', imageId: 'dicomfile:1', box: boxOf(bidirectional), measurement: bidirectional },
  });
  others.forEach((m, i) => {
    r = applyEdit(r, {
      type: 'setRegion',
      findingId: HEART,
      region: { id: `m${i + 2}`, imageId: 'dicomfile:2', box: boxOf(m), measurement: m },
    });
  });
  return r;
}

const groups = (ds: Record<string, unknown>) =>
  (
    (ds.ContentSequence as Item[]).find((i) => (i.ConceptNameCodeSequence as Item[])[0].CodeValue === '126010')!.ContentSequence as Item[]
  ).map((g) => g.ContentSequence as Item[]);
const concept = (i: Item) => (i.ConceptNameCodeSequence as Item[] | undefined)?.[0];

describe('measurements in the SR', () => {
  it('writes a lone measurement as OHIF does: its tool as the Tracking Identifier, its Tracking UID, NUMs inferred from its axes', () => {
    const { ds } = roundTrip(measuredReport());
    const nodule = groups(ds).find((g) => g.some((i) => i.TextValue === NODULE))!;
    expect(nodule.find((i) => concept(i)?.CodeValue === '112039')?.TextValue).toBe('Cornerstone3DTools@^0.1.0:Bidirectional');
    expect(nodule.find((i) => concept(i)?.CodeValue === '112040')?.UID).toBe('2.25.111');
    const nums = nodule.filter((i) => i.ValueType === 'NUM');
    expect(nums.map((n) => [concept(n)?.CodeValue, concept(n)?.CodeMeaning])).toEqual([
      ['103339001', 'Long Axis'],
      ['103340004', 'Short Axis'],
    ]);
    const long = nums[0];
    expect((long.MeasuredValueSequence as Item[])[0]).toMatchObject({ NumericValue: 12.3456 });
    expect(((long.MeasuredValueSequence as Item[])[0].MeasurementUnitsCodeSequence as Item[])[0]).toMatchObject({ CodeValue: 'mm' });
    const shape = (long.ContentSequence as Item[])[0];
    expect(shape).toMatchObject({ RelationshipType: 'INFERRED FROM', ValueType: 'SCOORD', GraphicType: 'POLYLINE' });
    expect(shape.GraphicData).toEqual([100.25, 200.5, 124.75, 210]);
    expect((shape.ContentSequence as Item[])[0]).toMatchObject({ RelationshipType: 'SELECTED FROM', ValueType: 'IMAGE' });
  });

  it('writes each tool in its true shape with UCUM units, and keeps the Lucent identifier for a finding of several', () => {
    const { ds } = roundTrip(measuredReport());
    const heart = groups(ds).find((g) => g.some((i) => i.TextValue === HEART))!;
    expect(heart.find((i) => concept(i)?.CodeValue === '112039')?.TextValue).toBe('Lucent finding 1');
    const shapes = heart
      .filter((i) => i.ValueType === 'NUM' && i.ContentSequence)
      .map((n) => {
        const unit = ((n.MeasuredValueSequence as Item[])[0].MeasurementUnitsCodeSequence as Item[])[0].CodeValue;
        return `${concept(n)?.CodeMeaning} ${unit} ${(n.ContentSequence as Item[])[0].GraphicType}`;
      });
    expect(shapes).toEqual([
      'Length {px} POLYLINE',
      ...['Area mm2', "Mean [hnsf'U]", "Standard Deviation [hnsf'U]", "Minimum [hnsf'U]", "Maximum [hnsf'U]"].map((s) => `${s} ELLIPSE`),
      'Area mm2 ELLIPSE',
      'Area {px2} CIRCLE',
      'Area mm2 POLYLINE',
      'Mean 1 POLYLINE',
      'Angle deg POLYLINE',
      'Cobb angle deg POLYLINE',
      "Pixel value [hnsf'U] POINT",
      'Center 1 POINT',
    ]);
    const ellipses = heart.filter((n) => (n.ContentSequence as Item[] | undefined)?.[0]?.GraphicType === 'ELLIPSE');
    // The major axis first (PS3.3 C.18.6.1.2): the first ellipse's vertical axis, the second's horizontal one.
    expect((ellipses[0].ContentSequence as Item[])[0].GraphicData).toEqual([50, 80, 50, 20, 40, 50, 60, 50]);
    expect((ellipses.at(-1)!.ContentSequence as Item[])[0].GraphicData).toEqual([20, 50, 80, 50, 50, 60, 50, 40]);
    const rectangle = heart.find((n) => concept(n)?.CodeMeaning === 'Area' && (n.ContentSequence as Item[])[0].GraphicType === 'POLYLINE')!;
    expect((rectangle.ContentSequence as Item[])[0].GraphicData).toEqual([1, 2, 9, 2, 9, 7, 1, 7, 1, 2]);
  });

  it('reads every measurement back the same: tool, points, values, units, calibration, tracking UID, label', () => {
    const report = measuredReport();
    const { back } = roundTrip(report);
    // The regions, each measurement whole (a proposed follow-up is not kept in the SR: the rules propose it again).
    const regionsOf = (c: Report['content']) => withoutRegionIds(c).findings.map((f) => [f.id, f.regions]);
    expect(regionsOf(back.content)).toEqual(regionsOf(report.content));
    expect(back.content.findings.find((f) => f.id === NODULE)?.regions[0].measurement).toEqual(bidirectional);
    const heart = back.content.findings.find((f) => f.id === HEART)!;
    expect(heart.regions.map((r) => r.measurement?.tool)).toEqual([
      undefined,
      'length',
      'ellipse',
      'ellipse',
      'circle',
      'rectangle',
      'angle',
      'cobb',
      'probe',
      'arrow',
    ]);
  });

  it('passes dciodvfy and DCMTK dsrdump with measurements of every tool', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lucent-sr-')), 'measured.dcm');
    const signed = sign(applyEdit(measuredReport(), { type: 'decide', findingId: NODULE, decision: 'accepted' }), 'Dr Test', context.now);
    writeFileSync(file, new Uint8Array(roundTrip(signed).bytes));
    const { problems, output } = dciodvfy(file);
    expect(problems, output).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.dump).toContain('Cornerstone3DTools@^0.1.0:Bidirectional');
  });
});
