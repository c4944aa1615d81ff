// The checks before signing (report/signChecks.ts) over the studies open here: they need each
// region's side of the patient, from its image's orientation, and the reader's critical-results list.
import type { InstanceHeader } from '../dicom/instanceHeader';
import type { Region, ReportContent } from '../report/types';
import { checksBeforeSigning, type SignCheck } from '../report/signChecks';
import { useReportingStore } from '../store/reportingStore';
import { instanceOfImage } from './studyQueries';

/**
 * Which way an image's columns run on the patient: 'L' when they increase towards the patient's
 * left. Patient Orientation (radiographs) says so directly; else Image Orientation (cross-sections)
 * gives the row direction, whose x is the patient's left.
 */
function columnsRunTowards(header: InstanceHeader): 'L' | 'R' | undefined {
  const stated = header.patientOrientation[0]?.[0];
  if (stated !== undefined) return stated === 'L' || stated === 'R' ? stated : undefined;
  const x = header.imageOrientationPatient?.[0];
  return x === undefined ? undefined : x > 0.5 ? 'L' : x < -0.5 ? 'R' : undefined;
}

/** The patient's side a region lies on; undefined when the image does not say, or the region is central. */
export function sideOfRegion(region: Region): 'left' | 'right' | undefined {
  const header = instanceOfImage(region.imageId)?.header;
  const towards = header?.columns ? columnsRunTowards(header) : undefined;
  if (!header || !towards) return undefined;
  const centre = (region.box[0] + region.box[2]) / 2;
  // Within the middle tenth the side is not clear enough to contradict a sentence.
  if (Math.abs(centre - header.columns / 2) < header.columns * 0.05) return undefined;
  const highColumns = towards === 'L' ? 'left' : 'right';
  const lowColumns = towards === 'L' ? 'right' : 'left';
  return centre > header.columns / 2 ? highColumns : lowColumns;
}

export function checksForSigning(content: ReportContent): SignCheck[] {
  return checksBeforeSigning(content, { sideOfRegion, criticalRules: useReportingStore.getState().criticalRules });
}
