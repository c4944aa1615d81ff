// What a viewer shows, as plain data: the stores and screens read it without Cornerstone.

import type { MeasurementTool } from '../report/measurement';

/** The left button's tool: navigation, the region tool (report regions), or a measuring tool. */
export type PrimaryTool = 'WindowLevel' | 'Pan' | 'Zoom' | 'Region' | 'Crosshairs' | MeasurementTool;

export interface ViewState {
  imageId: string | undefined;
  sliceIndex: number;
  sliceCount: number;
  window: { width: number; center: number } | undefined;
  zoom: number;
  invert: boolean;
  rotation: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
  error: string | undefined;
}
