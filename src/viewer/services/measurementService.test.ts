import { describe, expect, it } from 'vitest';
import { lengthMapping, MeasurementService, regionMapping, type MeasurementEvent } from './measurementService';

const spacing: Record<string, [number, number]> = { ct: [0.5, 0.25] };
const service = () => new MeasurementService([regionMapping('RectangleROI'), lengthMapping('Length')], (id) => spacing[id]);

describe('the measurement service', () => {
  it("maps a length to millimetres from the image's pixel spacing (rows, columns), and to pixels without one", () => {
    const s = service();
    const events: MeasurementEvent[] = [];
    s.subscribe((e) => events.push(e));
    s.annotationCompleted({
      uid: 'l1',
      toolName: 'Length',
      imageId: 'ct',
      points: [
        [0, 0],
        [40, 30],
      ],
    });
    // 40 columns × 0.25 mm and 30 rows × 0.5 mm: a 10 × 15 mm triangle's hypotenuse.
    expect(s.get('l1')?.values).toEqual([{ name: 'length', value: Math.hypot(10, 15), unit: 'mm' }]);
    expect(s.get('l1')).toMatchObject({ kind: 'length', calibrated: true, box: [0, 0, 40, 30] });
    s.annotationCompleted({
      uid: 'l2',
      toolName: 'Length',
      imageId: 'film',
      points: [
        [0, 0],
        [3, 4],
      ],
    });
    expect(s.get('l2')).toMatchObject({ calibrated: false, values: [{ name: 'length', value: 5, unit: 'px' }] });
    expect(events.map((e) => [e.type, e.measurement.uid])).toEqual([
      ['completed', 'l1'],
      ['completed', 'l2'],
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
      toolName: 'Angle',
      imageId: 'ct',
      points: [
        [0, 0],
        [1, 1],
        [2, 0],
      ] as Array<[number, number]>,
    };
    s.annotationCompleted(record);
    expect(s.list()).toEqual([]);
    s.addMapping({ toolName: 'Angle', kind: 'length', values: (points) => [{ name: 'length', value: points.length, unit: 'px' }] });
    s.annotationCompleted(record);
    expect(s.get('a1')?.values[0].value).toBe(3);
  });
});
