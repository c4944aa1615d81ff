import { describe, expect, it } from 'vitest';
import { MeasurementService, regionMapping, type MeasurementEvent } from './measurementService';
import { statsMapping } from './toolMappings';

const spacing: Record<string, [number, number]> = { ct: [0.5, 0.25] };
const service = () =>
  new MeasurementService(
    [
      regionMapping('RectangleROI'),
      statsMapping('Length', 'length'),
      statsMapping('Bidirectional', 'bidirectional'),
      statsMapping('EllipticalROI', 'ellipse'),
      statsMapping('Angle', 'angle'),
      statsMapping('Probe', 'probe'),
    ],
    (id) => spacing[id],
  );

describe('the measurement service', () => {
  it("takes each measuring tool's values as Cornerstone computed them, with their units and calibration", () => {
    const s = service();
    const events: MeasurementEvent[] = [];
    s.subscribe((e) => events.push(e));
    const axes: Array<[number, number]> = [
      [0, 0],
      [40, 0],
      [20, -5],
      [20, 5],
    ];
    // Drawn, but not measured yet: the tool computes its statistics on the next render.
    s.annotationCompleted({ uid: 'b1', toolName: 'Bidirectional', imageId: 'ct', points: axes });
    expect(s.get('b1')).toBeUndefined();
    s.annotationModified({
      uid: 'b1',
      toolName: 'Bidirectional',
      imageId: 'ct',
      points: axes,
      stats: { length: 10, width: 2.5, unit: 'mm' },
    });
    expect(s.get('b1')).toMatchObject({
      kind: 'measurement',
      tool: 'bidirectional',
      calibrated: true,
      box: [0, -5, 40, 5],
      values: [
        { name: 'long axis', value: 10, unit: 'mm' },
        { name: 'short axis', value: 2.5, unit: 'mm' },
      ],
    });
    const roi = { area: 78.5, areaUnit: 'mm²', mean: 40.2, stdDev: 3.1, min: 30, max: 50, modalityUnit: 'HU' };
    s.annotationModified({ uid: 'e1', toolName: 'EllipticalROI', imageId: 'ct', points: axes, stats: roi });
    expect(s.get('e1')?.values.map((v) => `${v.name} ${v.value} ${v.unit}`)).toEqual([
      'area 78.5 mm²',
      'mean 40.2 HU',
      'sd 3.1 HU',
      'min 30 HU',
      'max 50 HU',
    ]);
    s.annotationModified({ uid: 'l1', toolName: 'Length', imageId: 'film', points: axes.slice(0, 2), stats: { length: 40, unit: 'px' } });
    expect(s.get('l1')).toMatchObject({ calibrated: false, values: [{ name: 'length', value: 40, unit: 'px' }] });
    s.annotationModified({
      uid: 'l2',
      toolName: 'Length',
      imageId: 'dx',
      points: axes.slice(0, 2),
      stats: { length: 40, unit: 'mm Proj' },
    });
    expect(s.get('l2')).toMatchObject({
      calibrated: true,
      values: [{ unit: 'mm' }],
      caveat: expect.stringContaining('Imager Pixel Spacing'),
    });
    s.annotationModified({ uid: 'a1', toolName: 'Angle', imageId: 'film', points: axes.slice(0, 3), stats: { angle: 45 } });
    expect(s.get('a1')).toMatchObject({ tool: 'angle', calibrated: true, values: [{ name: 'angle', value: 45, unit: 'deg' }] });
    s.annotationModified({ uid: 'p1', toolName: 'Probe', imageId: 'ct', points: [[3, 4]], stats: { value: -998, modalityUnit: 'HU' } });
    expect(s.get('p1')?.values).toEqual([{ name: 'value', value: -998, unit: 'HU' }]);
    expect(events.map((e) => [e.type, e.measurement.uid])).toEqual([
      ['modified', 'b1'],
      ['modified', 'e1'],
      ['modified', 'l1'],
      ['modified', 'l2'],
      ['modified', 'a1'],
      ['modified', 'p1'],
    ]);
  });

  it('maps a region rectangle to its box and size, follows its moves, and forgets it when removed', () => {
    const s = service();
    const events: MeasurementEvent[] = [];
    const unsubscribe = s.subscribe((e) => events.push(e));
    const corners: Array<[number, number]> = [
      [10, 20],
      [30, 20],
      [10, 60],
      [30, 60],
    ];
    s.annotationCompleted({ uid: 'r1', toolName: 'RectangleROI', imageId: 'ct', points: corners, findingId: 'f1' });
    expect(s.get('r1')).toMatchObject({ kind: 'region', box: [10, 20, 30, 60], findingId: 'f1' });
    expect(s.get('r1')?.values).toEqual([
      { name: 'width', value: 5, unit: 'mm' },
      { name: 'height', value: 20, unit: 'mm' },
    ]);
    s.annotationModified({ uid: 'r1', toolName: 'RectangleROI', imageId: 'ct', points: corners.map(([x, y]) => [x + 5, y]) });
    expect(s.get('r1')?.box).toEqual([15, 20, 35, 60]);
    s.annotationRemoved('r1');
    s.annotationRemoved('unknown');
    expect(s.list()).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['completed', 'modified', 'removed']);
    unsubscribe();
    s.annotationCompleted({ uid: 'r2', toolName: 'RectangleROI', imageId: 'ct', points: corners });
    expect(events).toHaveLength(3);
  });

  it('takes no annotation of a tool without a mapping, until one is added', () => {
    const s = service();
    const record = {
      uid: 'a1',
      toolName: 'PlanarFreehandROI',
      imageId: 'ct',
      points: [
        [0, 0],
        [1, 1],
        [2, 0],
      ] as Array<[number, number]>,
    };
    s.annotationCompleted(record);
    expect(s.list()).toEqual([]);
    s.addMapping({
      toolName: 'PlanarFreehandROI',
      kind: 'measurement',
      values: (points) => [{ name: 'length', value: points.length, unit: 'px' }],
    });
    s.annotationCompleted(record);
    expect(s.get('a1')?.values[0].value).toBe(3);
  });
});
