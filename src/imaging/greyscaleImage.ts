// A decoded greyscale image as stored pixels plus what it takes to display them. The DICOM loader
// makes one from a file, the viewer from Cornerstone's decoded image, and the model runtime reads
// one; this type belongs to none of them so that none depends on another.

/** The display parameters of the file: modality rescale, first VOI window, photometric interpretation. */
export interface DisplayParams {
  slope: number;
  intercept: number;
  /** First VOI window of the file, if any. */
  window?: { center: number; width: number };
  monochrome1: boolean;
}

export interface GreyscaleImage {
  /** Identifies the image (its imageId): a second model task on the same image reuses the encoder's output. */
  key: string;
  /** Stored pixel values, row-major, before the modality rescale. */
  stored: ArrayLike<number>;
  rows: number;
  cols: number;
  display: DisplayParams;
}
