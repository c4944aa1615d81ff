// What a viewer shows, as plain data: the stores and screens read it without Cornerstone.

export type PrimaryTool = 'WindowLevel' | 'Pan' | 'Zoom' | 'Length' | 'Region';

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
