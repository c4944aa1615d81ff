// The Cornerstone side of the measurement service: annotations become records in image pixels as the
// reader completes, moves and removes them, and each image's pixel spacing comes from Cornerstone's
// metadata. One service for the page (annotations are global in Cornerstone, across viewers), fed
// once Cornerstone is initialised (cornerstone.ts).
import { eventTarget, metaData, utilities as csUtils, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, ProbeTool, RectangleROITool } from '@cornerstonejs/tools';
import { probeStatsOnStack } from './probeOnStack';
import { MeasurementService, regionMapping, type AnnotationRecord, type Point2 } from './services/measurementService';
import { measuringMappings } from './measuringTools';

/** What Lucent reads of a Cornerstone annotation. */
interface AnnotationLike {
  annotationUID?: string;
  metadata: { toolName: string; referencedImageId?: string; findingId?: string };
  data: { handles: { points: Types.Point3[] }; cachedStats?: Record<string, Record<string, unknown>>; label?: string };
}

function spacingOf(imageId: string): [number, number] | undefined {
  const plane = metaData.get('imagePlaneModule', imageId) as { rowPixelSpacing?: number; columnPixelSpacing?: number } | undefined;
  const [row, column] = [plane?.rowPixelSpacing, plane?.columnPixelSpacing];
  return row && column ? [row, column] : undefined;
}

// Cornerstone's tools by their static names: class names are minified in production builds.
export const measurementService = new MeasurementService([regionMapping(RectangleROITool.toolName), ...measuringMappings()], spacingOf);

/** An annotation's record, its world points turned into image pixels of its image. */
function recordOf(annotation: AnnotationLike | undefined): AnnotationRecord | undefined {
  const imageId = annotation?.metadata.referencedImageId;
  if (!annotation?.annotationUID || !imageId) return undefined;
  const points = annotation.data.handles.points.map((p) => csUtils.worldToImageCoords(imageId, p) as Point2);
  const { findingId } = annotation.metadata;
  // One image per annotation on a stack: its statistics are those of its one target.
  const found = Object.values(annotation.data.cachedStats ?? {})[0];
  const stats = found && annotation.metadata.toolName === ProbeTool.toolName ? probeStatsOnStack(imageId, found) : found;
  const { label } = annotation.data;
  return {
    uid: annotation.annotationUID,
    toolName: annotation.metadata.toolName,
    imageId,
    points,
    ...(findingId ? { findingId } : {}),
    ...(stats ? { stats } : {}),
    ...(label ? { label } : {}),
  };
}

/** Feeds Cornerstone's annotation events into the service (initCornerstone calls it, once). */
export function feedMeasurements(): void {
  const { ANNOTATION_ADDED, ANNOTATION_COMPLETED, ANNOTATION_MODIFIED, ANNOTATION_REMOVED } = ToolEnums.Events;
  const annotationOf = (event: Event) => (event as CustomEvent<{ annotation?: AnnotationLike }>).detail.annotation;
  eventTarget.addEventListener(ANNOTATION_COMPLETED, (event: Event) => {
    const record = recordOf(annotationOf(event));
    if (record) measurementService.annotationCompleted(record);
  });
  // Added: a measurement drawn again from a report (an arrow has no statistics whose arrival would announce it).
  for (const name of [ANNOTATION_ADDED, ANNOTATION_MODIFIED])
    eventTarget.addEventListener(name, (event: Event) => {
      const record = recordOf(annotationOf(event));
      if (record) measurementService.annotationModified(record);
    });
  eventTarget.addEventListener(ANNOTATION_REMOVED, (event: Event) => {
    const uid = annotationOf(event)?.annotationUID;
    if (uid) measurementService.annotationRemoved(uid);
  });
}
