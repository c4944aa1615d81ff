// A region's size in millimetres, said the way a report says it for its finding type. Boxes are in
// image pixels; pixel spacing is (row, column) in mm, as DICOM gives it.
import type { Box } from '../findings/box';
import type { FindingType } from '../findings/labels';

export interface Measurement {
  /** What is measured: "diameter", "heart width", ... */
  label: string;
  mm: number;
}

export function boxSizeMm(box: Box, spacing: [number, number]): { widthMm: number; heightMm: number } {
  return { widthMm: (box[2] - box[0]) * spacing[1], heightMm: (box[3] - box[1]) * spacing[0] };
}

/** The measurement that matters for the finding type, from its region (undefined without pixel spacing). */
export function measureRegion(type: FindingType | undefined, box: Box, spacing: [number, number] | undefined): Measurement[] {
  if (!spacing) return [];
  const { widthMm, heightMm } = boxSizeMm(box, spacing);
  switch (type) {
    case 'nodule':
    case 'mass':
      return [{ label: 'diameter', mm: Math.max(widthMm, heightMm) }];
    case 'cardiomegaly':
      // The cardiothoracic ratio divides this by the widest inner width of the thorax (on a PA film).
      return [{ label: 'heart width', mm: widthMm }];
    case 'pleural_effusion':
      return [{ label: 'height of the opacity', mm: heightMm }];
    default:
      return [
        { label: 'width', mm: widthMm },
        { label: 'height', mm: heightMm },
      ];
  }
}

export function formatMm(mm: number): string {
  return `${mm >= 100 ? mm.toFixed(0) : mm.toFixed(1)} mm`;
}
