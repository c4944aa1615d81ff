// Measurements, as OHIF's MeasurementService keeps them: each Cornerstone annotation the reader draws
// is mapped, by a mapping for its tool, to a measurement Lucent can put in a report: its image, its
// points and bounding box in image pixels, and its values in the image's units. The report's regions
// are the region tool's measurements (regions.ts listens here rather than to Cornerstone); a new tool
// adds a mapping, not wiring in a component. Plain TypeScript: the Cornerstone side, which turns
// annotations into records and feeds them in, is measurementFeed.ts.
import type { Box } from '../../findings/box';
import type { MeasuredValue, MeasurementTool, Point2 } from '../../report/measurement';

export type { MeasuredValue, Point2 } from '../../report/measurement';

/** An annotation as the feed hands it over: its tool, its image, its points in image pixels (columns, rows). */
export interface AnnotationRecord {
  uid: string;
  toolName: string;
  imageId: string;
  points: Point2[];
  /** The finding the annotation draws, for the report's regions. */
  findingId?: string;
  /** What the tool computed for the annotation on its image (Cornerstone's cached statistics), once it has. */
  stats?: Record<string, unknown>;
  /** An arrow's text. */
  label?: string;
}

export interface Measurement {
  uid: string;
  toolName: string;
  /** A report region (the region tool's rectangle) or a measurement of one of the measuring tools. */
  kind: 'region' | 'measurement';
  /** The measuring tool (for kind 'measurement'). */
  tool?: MeasurementTool;
  imageId: string;
  points: Point2[];
  box: Box;
  values: MeasuredValue[];
  /** False where the image states no pixel spacing: the values are in pixels. */
  calibrated: boolean;
  /** How the spacing is calibrated when it is not the patient's (Cornerstone's calibration type, e.g. PROJ, ERMF). */
  caveat?: string;
  label?: string;
  findingId?: string;
}

/** Row and column spacing of an image in mm (Pixel Spacing, as DICOM orders it), or undefined. */
export type SpacingOf = (imageId: string) => [number, number] | undefined;

/** How one tool's annotations become measurements; undefined for an annotation that measures nothing yet. */
export interface ToolMapping {
  toolName: string;
  kind: Measurement['kind'];
  tool?: MeasurementTool;
  values(points: Point2[], spacing: [number, number] | undefined, stats?: Record<string, unknown>): ToolValue[] | undefined;
}

/** A value as a mapping reads it, with the calibration it was measured under when that is not the patient's. */
export interface ToolValue extends MeasuredValue {
  caveat?: string;
}

export function boundingBox(points: Point2[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const unitOf = (spacing: [number, number] | undefined) => (spacing ? 'mm' : 'px');

/** The region tool (Cornerstone's RectangleROI), whose rectangles are report regions: their width and height. */
export const regionMapping = (toolName: string): ToolMapping => ({
  toolName,
  kind: 'region',
  values(points, spacing) {
    if (points.length < 4) return undefined;
    const [x0, y0, x1, y1] = boundingBox(points);
    const [rowMm, columnMm] = spacing ?? [1, 1];
    return [
      { name: 'width', value: (x1 - x0) * columnMm, unit: unitOf(spacing) },
      { name: 'height', value: (y1 - y0) * rowMm, unit: unitOf(spacing) },
    ];
  },
});

/** What happened to a measurement: the reader finished drawing it, moved or resized it, or it went. */
export interface MeasurementEvent {
  type: 'completed' | 'modified' | 'removed';
  measurement: Measurement;
}

export class MeasurementService {
  private readonly mappings = new Map<string, ToolMapping>();
  private readonly measurements = new Map<string, Measurement>();
  private readonly listeners = new Set<(event: MeasurementEvent) => void>();

  constructor(
    mappings: ToolMapping[],
    private readonly spacingOf: SpacingOf,
  ) {
    mappings.forEach((m) => this.addMapping(m));
  }

  addMapping(mapping: ToolMapping): void {
    this.mappings.set(mapping.toolName, mapping);
  }

  /** The measurement an annotation makes, if its tool has a mapping and it measures something. */
  measure(record: AnnotationRecord): Measurement | undefined {
    const mapping = this.mappings.get(record.toolName);
    const spacing = this.spacingOf(record.imageId);
    const values = mapping?.values(record.points, spacing, record.stats);
    if (!mapping || !values) return undefined;
    const { uid, toolName, imageId, points, findingId, label } = record;
    const caveat = values.map((v) => v.caveat).find(Boolean);
    return {
      uid,
      toolName,
      kind: mapping.kind,
      ...(mapping.tool ? { tool: mapping.tool } : {}),
      imageId,
      points,
      box: boundingBox(points),
      values: values.map(({ caveat: _, ...v }) => v),
      // An image without spacing measures in pixels; an angle or a density needs none.
      calibrated: !values.some((v) => v.unit === 'px' || v.unit === 'px²'),
      ...(caveat ? { caveat } : {}),
      ...(label ? { label } : {}),
      findingId,
    };
  }

  /** The reader finished drawing an annotation. */
  annotationCompleted(record: AnnotationRecord): void {
    this.store('completed', record);
  }

  /** An annotation was moved or resized (also while it is dragged). */
  annotationModified(record: AnnotationRecord): void {
    this.store('modified', record);
  }

  annotationRemoved(uid: string): void {
    const measurement = this.measurements.get(uid);
    if (!measurement) return;
    this.measurements.delete(uid);
    this.emit({ type: 'removed', measurement });
  }

  /** The measurement now draws a finding of the report (made a finding, or linked to one). */
  linkFinding(uid: string, findingId: string): void {
    const measurement = this.measurements.get(uid);
    if (!measurement || measurement.findingId === findingId) return;
    this.measurements.set(uid, { ...measurement, findingId });
    this.emit({ type: 'modified', measurement: { ...measurement, findingId } });
  }

  get(uid: string): Measurement | undefined {
    return this.measurements.get(uid);
  }

  list(): Measurement[] {
    return [...this.measurements.values()];
  }

  /** Calls the listener on every measurement completed, modified or removed; returns the unsubscribe. */
  subscribe(listener: (event: MeasurementEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private store(type: 'completed' | 'modified', record: AnnotationRecord): void {
    const measurement = this.measure(record);
    if (!measurement) return;
    this.measurements.set(measurement.uid, measurement);
    this.emit({ type, measurement });
  }

  private emit(event: MeasurementEvent): void {
    this.listeners.forEach((listener) => listener(event));
  }
}
