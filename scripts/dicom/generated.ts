// The parts every generated test image shares (the large PACS CT, the measuring phantom): its Part 10
// file meta, and a 16-bit greyscale slice's image pixel, geometry and rescale attributes.

/** File meta of an Explicit VR Little Endian file made by Lucent's tests. */
export const part10Meta = (sopClassUID: string, sopInstanceUID: string) => ({
  FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
  MediaStorageSOPClassUID: sopClassUID,
  MediaStorageSOPInstanceUID: sopInstanceUID,
  TransferSyntaxUID: '1.2.840.10008.1.2.1',
  ImplementationClassUID: '2.25.227357497340961355722155234541209442346',
});

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

export interface AxialSlice {
  /** Rows = columns. */
  size: number;
  spacingMm: number;
  thicknessMm: number;
  position: [number, number, number];
  /** Stored values: signed (Int16Array) or unsigned (Uint16Array), as Pixel Representation then says. */
  pixels: Int16Array | Uint16Array;
  rescaleIntercept: number;
  window: { center: number; width: number };
}

/** An axial slice's geometry, pixels, rescale and window, as a naturalized dcmjs data set's attributes. */
export function axialSliceAttributes(s: AxialSlice): Record<string, unknown> {
  return {
    ImagePositionPatient: s.position,
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    PixelSpacing: [s.spacingMm, s.spacingMm],
    SliceThickness: String(s.thicknessMm),
    Rows: s.size,
    Columns: s.size,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: s.pixels instanceof Int16Array ? 1 : 0,
    RescaleIntercept: String(s.rescaleIntercept),
    RescaleSlope: '1',
    WindowCenter: String(s.window.center),
    WindowWidth: String(s.window.width),
    PixelData: [s.pixels.buffer],
    _vrMap: { PixelData: 'OW' },
  };
}
