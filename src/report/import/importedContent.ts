// Another tool's report as Lucent's report content, and the loader's recognition of the SR files
// that hold a report: Lucent's own first (sr/lucentSR.ts), then other tools' measurement and text
// reports (measurementReport.ts); any other SR is named as a problem with the reason.
import type { Box } from '../../findings/box';
import type { Finding, Region, ReportContent } from '../types';
import { bytesToDataset } from '../sr/dicomFile';
import { isLucentSR } from '../sr/lucentSRRead';
import type { Dataset } from '../sr/lucentSR';
import { readMeasurementReport, SR_CLASSES, type ImportedReport } from './measurementReport';
import { documentOf, ENCAPSULATED_PDF } from './document';

/** A point or a straight line is drawn as a box this many image pixels wide (or high), so it shows. */
export const MIN_SIDE = 8;

function padded([x0, y0, x1, y1]: Box): Box {
  const [dx, dy] = [Math.max(0, MIN_SIDE - (x1 - x0)) / 2, Math.max(0, MIN_SIDE - (y1 - y0)) / 2];
  return [x0 - dx, y0 - dy, x1 + dx, y1 + dy];
}

/**
 * The report content of another tool's report: each finding the reader's own (provenance human,
 * accepted), its regions one box per image — the shapes drawn on it together (a bidirectional's
 * two axes make one box), with the measurement of a Cornerstone3D tool — on the images open here; `imageIdOf` maps a referenced image (SOP
 * Instance UID, frame) to its imageId, and regions on images not open are dropped. Ids follow
 * from the SR, so opening the same file again gives the same content.
 */
export function contentFromImported(
  report: ImportedReport,
  imageIdOf: (sopInstanceUID: string, frame: number | undefined) => string | undefined,
): ReportContent {
  const findings: Finding[] = report.findings.map((f, i) => {
    const id = `sr-${report.sopInstanceUID}-${i + 1}`;
    const boxes = new Map<string, Box>();
    for (const r of f.regions) {
      const imageId = imageIdOf(r.sopInstanceUID, r.frame);
      if (!imageId) continue;
      const seen = boxes.get(imageId);
      boxes.set(
        imageId,
        seen ? [Math.min(seen[0], r.box[0]), Math.min(seen[1], r.box[1]), Math.max(seen[2], r.box[2]), Math.max(seen[3], r.box[3])] : r.box,
      );
    }
    // A tool's measurement goes with the region on its image: the reader sees its values, and its Tracking UID
    // follows the lesion into Lucent's report.
    const measured = f.measurement && imageIdOf(f.measurement.sopInstanceUID, f.measurement.frame);
    const regions: Region[] = [...boxes].map(([imageId, box], k) => ({
      id: `${id}-r${k}`,
      imageId,
      box: padded(box),
      ...(f.measurement && imageId === measured ? { measurement: f.measurement.measurement } : {}),
    }));
    return { id, text: f.text, regions, provenance: 'human', decision: 'accepted', confidence: undefined };
  });
  return {
    indication: report.indication,
    findings,
    impression: report.impression,
    importedFrom: {
      manufacturer: report.manufacturer,
      description: report.description,
      sopInstanceUID: report.sopInstanceUID,
      date: report.date,
      kind: report.kind,
      ...(report.observer ? { observer: report.observer } : {}),
    },
  };
}

/** An Encapsulated PDF's data set (a report kept as a document, see document.ts); one without a document is named. */
function pdfIn(bytes: ArrayBuffer): Dataset {
  let dataset: Dataset;
  try {
    dataset = bytesToDataset(bytes);
  } catch (error) {
    throw new Error(
      `not an image (Encapsulated PDF), and its content could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!documentOf(dataset)) throw new Error('not an image (Encapsulated PDF), and it holds no document');
  return dataset;
}

/**
 * The data set of a file that holds a report — Lucent's own SR, or a measurement or text report
 * another tool wrote — for the loader to restore once the study's images are open; undefined for a
 * file that is not an SR. An SR with neither throws, so the loader names it with the reason.
 */
export function reportIn(bytes: ArrayBuffer, sopClassUID: string | undefined): Dataset | undefined {
  if (sopClassUID === ENCAPSULATED_PDF) return pdfIn(bytes);
  const kind = sopClassUID && SR_CLASSES[sopClassUID];
  if (!kind) return undefined;
  let dataset: Dataset;
  try {
    dataset = bytesToDataset(bytes);
  } catch (error) {
    throw new Error(`not an image (${kind}), and its content could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (isLucentSR(dataset) || readMeasurementReport(dataset)) return dataset;
  const empty = !Array.isArray(dataset.ContentSequence) || !dataset.ContentSequence.length;
  throw new Error(
    `not an image (${kind}), and not a report Lucent can read: ` +
      `${empty ? 'it holds no content' : 'it has no measurement groups (TID 1500) and no text'}`,
  );
}
