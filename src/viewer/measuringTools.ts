// The measuring tools: Cornerstone's own, configured (not re-written), each registered under one
// name, and how a measurement kept in a report is drawn again as its tool's annotation.
import { getRenderingEngines, utilities as csUtils, type Types } from '@cornerstonejs/core';
import {
  AngleTool,
  annotation,
  ArrowAnnotateTool,
  BidirectionalTool,
  CircleROITool,
  CobbAngleTool,
  EllipticalROITool,
  LengthTool,
  ProbeTool,
  RectangleROITool,
  utilities as toolUtils,
} from '@cornerstonejs/tools';
import type { MeasurementTool, RegionMeasurement } from '../report/measurement';
import { statsMapping } from './services/toolMappings';

/**
 * The rectangle ROI measures under a name of its own: RectangleROI itself is the region tool, whose
 * rectangles are report regions drawn without statistics (regions.ts).
 */
export const RECTANGLE_MEASURE = 'RectangleMeasure';

/** Cornerstone's tool class of each measuring tool, and the name it is registered under (static names: classes are minified). */
export const MEASURING_TOOLS: Record<MeasurementTool, { toolClass: { toolName: string }; toolName: string }> = {
  length: { toolClass: LengthTool, toolName: LengthTool.toolName },
  bidirectional: { toolClass: BidirectionalTool, toolName: BidirectionalTool.toolName },
  ellipse: { toolClass: EllipticalROITool, toolName: EllipticalROITool.toolName },
  circle: { toolClass: CircleROITool, toolName: CircleROITool.toolName },
  rectangle: { toolClass: RectangleROITool, toolName: RECTANGLE_MEASURE },
  angle: { toolClass: AngleTool, toolName: AngleTool.toolName },
  cobb: { toolClass: CobbAngleTool, toolName: CobbAngleTool.toolName },
  probe: { toolClass: ProbeTool, toolName: ProbeTool.toolName },
  arrow: { toolClass: ArrowAnnotateTool, toolName: ArrowAnnotateTool.toolName },
};

/** Asks the reader for an arrow's text (the current text to edit, or '' for a new arrow); undefined: cancelled. */
export type TextAsker = (current: string, done: (text: string | undefined) => void) => void;

let askText: TextAsker = (current, done) => done(current || undefined);

/** The app's way of asking for an arrow's text (a dialog of Lucent's own, in place of Cornerstone's window.prompt). */
export function setArrowTextAsker(asker: TextAsker): void {
  askText = asker;
}

/** The arrow tool's configuration: its text asked with the asker set above; a cancelled new arrow is not kept. */
export const ARROW_CONFIGURATION = {
  getTextCallback: (done: (text: string | undefined) => void) => askText('', done),
  changeTextCallback: (a: { data?: { label?: string } }, _detail: unknown, done: (text: string | undefined) => void) =>
    askText(a.data?.label ?? '', (text) => text !== undefined && done(text)),
};

/** Gives an arrow of the image new text (the panel's Edit text). */
export function relabelArrow(uid: string, label: string): void {
  const a = annotation.state.getAnnotation(uid);
  const element = a && toolUtils.getViewportForAnnotation(a)?.element;
  if (a && element) toolUtils.setAnnotationLabel(a as never, element, label);
}

/** The tool classes to register with Cornerstone once (the rectangle's class is the region tool's). */
export const MEASURING_TOOL_CLASSES = [...new Set(Object.values(MEASURING_TOOLS).map((t) => t.toolClass))];

/** The measurement service's mappings of the measuring tools. */
export const measuringMappings = () =>
  (Object.keys(MEASURING_TOOLS) as MeasurementTool[]).map((tool) => statsMapping(MEASURING_TOOLS[tool].toolName, tool));

/**
 * Draws a report's measurement as its tool's annotation on the image, with the id given (the
 * region's). The annotation is built as the tools' own hydrate functions build theirs — those differ
 * per tool in their arguments and CobbAngle has none — and marked invalidated, so the tool computes
 * its statistics on the next render as for one the reader drew.
 */
export function drawMeasurement(
  element: HTMLDivElement,
  uid: string,
  imageId: string,
  m: RegionMeasurement,
  metadata: Record<string, unknown>,
): void {
  const points = m.points.map((p) => csUtils.imageToWorldCoords(imageId, p as Types.Point2) as Types.Point3);
  annotation.state.addAnnotation(
    {
      annotationUID: uid,
      highlighted: false,
      invalidated: true,
      isLocked: false,
      isVisible: true,
      metadata: { toolName: MEASURING_TOOLS[m.tool].toolName, referencedImageId: imageId, ...metadata },
      data: {
        label: m.label ?? '',
        handles: { points, activeHandleIndex: null, textBox: { hasMoved: false } },
        cachedStats: {},
      },
    } as never,
    element,
  );
}

/** Annotations deleted from the panel, kept whole so Undo puts back exactly what was there. */
const forgotten = new Map<string, { kept: unknown; group: string }>();

type Kept = { metadata: { FrameOfReferenceUID?: string }; invalidated?: boolean };

/** Removes a measuring tool's annotation (its measurement goes from the service with it), keeping it for restoreAnnotation. */
export function forgetAnnotation(uid: string): void {
  const a = annotation.state.getAnnotation(uid) as Kept | undefined;
  if (!a) return;
  forgotten.set(uid, { kept: structuredClone(a), group: a.metadata.FrameOfReferenceUID ?? '' });
  if (annotation.selection.isAnnotationSelected(uid)) annotation.selection.deselectAnnotation(uid);
  annotation.state.removeAnnotation(uid);
  triggerRenderAll();
}

/** Puts a forgotten annotation back; its tool measures it again on the next render, which feeds the service. */
export function restoreAnnotation(uid: string): void {
  const entry = forgotten.get(uid);
  if (!entry) return;
  forgotten.delete(uid);
  const a = entry.kept as Kept;
  a.invalidated = true;
  annotation.state.addAnnotation(a as never, entry.group);
  triggerRenderAll();
}

/** Selects one annotation alone (the panel's choice). */
export function selectAnnotation(uid: string): void {
  if (!annotation.state.getAnnotation(uid)) return;
  annotation.selection.setAnnotationSelected(uid, true, false);
  triggerRenderAll();
}

function triggerRenderAll(): void {
  for (const engine of getRenderingEngines() ?? []) toolUtils.triggerAnnotationRenderForViewportIds(engine.getViewports().map((v) => v.id));
}
