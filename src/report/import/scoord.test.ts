import { describe, expect, it } from 'vitest';
import { boundingBox, regionOf } from './scoord';

describe('regions from SCOORD items', () => {
  it('boxes each shape', () => {
    expect(boundingBox('POINT', [5, 6])).toEqual([5, 6, 5, 6]);
    expect(boundingBox('MULTIPOINT', [5, 6, 1, 9, 3, 2])).toEqual([1, 2, 5, 9]);
    expect(boundingBox('CIRCLE', [10, 10, 13, 14])).toEqual([5, 5, 15, 15]);
    // An ellipse tilted 45°: semi-axes of √2·10 and √2·5 along the diagonals.
    const box = boundingBox('ELLIPSE', [0, 0, 20, 20, 15, 5, 5, 15])!;
    expect(box.map((v) => Math.round(v * 1000) / 1000)).toEqual(
      [10 - Math.sqrt(125), 10 - Math.sqrt(125), 10 + Math.sqrt(125), 10 + Math.sqrt(125)].map((v) => Math.round(v * 1000) / 1000),
    );
    expect(boundingBox('ELLIPSE', [0, 0, 1, 1])).toBeUndefined();
    expect(boundingBox('POLYLINE', [0, 0, 1])).toBeUndefined();
    expect(boundingBox('POLYLINE', [0, NaN])).toBeUndefined();
    expect(boundingBox('CURVE', [0, 0, 1, 1])).toBeUndefined();
    const image = { ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPInstanceUID: '1.2', ReferencedFrameNumber: '3' }] };
    expect(
      regionOf({ ValueType: 'SCOORD', GraphicType: 'polygon', GraphicData: [0.1000000015, 0, 2, 2], ContentSequence: [image] }),
    ).toEqual({ box: [0.1, 0, 2, 2], graphicType: 'POLYGON', sopInstanceUID: '1.2', frame: 3 });
  });
});
