// An SR written the way OHIF writes one: dcmjs 0.52's Cornerstone3D adapters (the ones
// @cornerstonejs/adapters grew from) turn Cornerstone3D annotations into a TID 1500 report. World
// coordinates are the image's pixels here (the image lies at z = 0 with 1 mm pixels), so the points
// written are the points given.
import dcmjs from 'dcmjs';
import type { Dataset } from '../../sr/items';
import type { SourceImage } from './testMeasurementReports';

/** A Cornerstone3D annotation as the adapters read it. */
interface Annotation {
  metadata: { toolName: string; referencedImageId: string };
  data: { handles: { points: number[][]; arrowFirst?: boolean }; cachedStats?: Record<string, Record<string, number>>; text?: string };
}

interface Cornerstone3DAdapters {
  adapters: {
    Cornerstone3D: {
      MeasurementReport: {
        generateReport(
          toolState: Record<string, Record<string, { data: Annotation[] }>>,
          metadata: { get(type: string, imageId: string): unknown },
          worldToImageCoords: (imageId: string, point: number[]) => number[],
          options?: Record<string, unknown>,
        ): { dataset: Dataset };
      };
    };
  };
}
const { MeasurementReport } = (dcmjs as unknown as Cornerstone3DAdapters).adapters.Cornerstone3D;

const IMAGE_ID = 'wadors:source-image';

const annotation = (
  toolName: string,
  points: number[][],
  stats?: Record<string, number>,
  extra?: Partial<Annotation['data']>,
): Annotation => ({
  metadata: { toolName, referencedImageId: IMAGE_ID },
  data: { handles: { points }, ...(stats ? { cachedStats: { [`imageId:${IMAGE_ID}`]: stats } } : {}), ...extra },
});

/** A Length, a Bidirectional, an EllipticalROI and an ArrowAnnotate on one image, as OHIF saves them. */
export function cornerstoneReport(image: SourceImage): Dataset {
  const toolState = {
    [IMAGE_ID]: {
      Length: {
        data: [
          annotation(
            'Length',
            [
              [10, 20, 0],
              [40, 60, 0],
            ],
            { length: 50.5 },
          ),
        ],
      },
      Bidirectional: {
        data: [
          annotation(
            'Bidirectional',
            [
              [100, 200, 0],
              [130, 200, 0],
              [115, 190, 0],
              [115, 210, 0],
            ],
            { length: 30, width: 20 },
          ),
        ],
      },
      // Cornerstone3D's ellipse handles: the vertical axis' ends, then the horizontal one's.
      EllipticalROI: {
        data: [
          annotation(
            'EllipticalROI',
            [
              [50, 80, 0],
              [50, 20, 0],
              [40, 50, 0],
              [60, 50, 0],
            ],
            { area: 471.2, mean: -4.5, stdDev: 6, min: -30, max: 22 },
          ),
        ],
      },
      ArrowAnnotate: {
        data: [
          annotation(
            'ArrowAnnotate',
            [
              [300, 310, 0],
              [340, 350, 0],
            ],
            undefined,
            {
              text: 'Line tip',
              handles: {
                points: [
                  [300, 310, 0],
                  [340, 350, 0],
                ],
                arrowFirst: true,
              },
            },
          ),
        ],
      },
    },
  };
  const metadata = {
    get(type: string) {
      if (type === 'sopCommonModule') return { sopInstanceUID: image.SOPInstanceUID, sopClassUID: image.SOPClassUID };
      if (type === 'generalSeriesModule') return { studyInstanceUID: image.StudyInstanceUID, seriesInstanceUID: image.SeriesInstanceUID };
      return undefined;
    },
  };
  const { dataset } = MeasurementReport.generateReport(toolState, metadata, (_, p) => [p[0], p[1]]);
  const meta = dataset._meta as Record<string, { Value: unknown[] }>;
  // The adapters leave the file meta in DICOM JSON form and the classes to the derivation: named here as the loader needs them.
  return {
    ...dataset,
    _meta: {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: dataset.SOPClassUID,
      MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: String(meta?.ImplementationClassUID?.Value?.[0] ?? '2.25.1'),
      ImplementationVersionName: 'dcmjs',
    },
  };
}
