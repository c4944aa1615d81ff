// What Lucent reads of one DICOM instance's header, wherever it comes from: a Part 10 file (header.ts)
// or a PACS's DICOM JSON (dicomJson.ts), both through attributes.ts. A type only.

export interface InstanceHeader {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  sopClassUID: string;
  transferSyntaxUID: string;
  modality: string;
  /** Manufacturer (0008,0070); '' when absent. Lucent's generated films say "Lucent synthetic sample generator". */
  manufacturer: string;
  /** Body Part Examined (CHEST, HEAD…), upper case; '' when absent. */
  bodyPartExamined: string;
  /** View Position (PA, AP, LL, RL…), upper case; '' when absent. */
  viewPosition: string;
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  patientSex: string;
  /** Patient's Age (0010,1010) as stored, e.g. "045Y", "006M"; '' when absent. */
  patientAge: string;
  studyDate: string;
  studyTime: string;
  studyDescription: string;
  accessionNumber: string;
  seriesDescription: string;
  seriesNumber: number | undefined;
  instanceNumber: number | undefined;
  imagePositionPatient: [number, number, number] | undefined;
  imageOrientationPatient: number[] | undefined;
  /** Patient Orientation (0020,0020): where the rows and the columns run on the patient (["L", "F"]); [] when absent. */
  patientOrientation: string[];
  rows: number;
  columns: number;
  numberOfFrames: number;
  photometricInterpretation: string;
  /** Free text from Reason for the Requested Procedure / Requested Procedure Description. */
  requestReason: string;
  /** Row and column spacing in mm (Pixel Spacing, else Imager Pixel Spacing); undefined when absent or invalid (e.g. 0\\0). */
  pixelSpacing: [number, number] | undefined;
  /** Which attribute gave pixelSpacing: Pixel Spacing (at the patient) or Imager Pixel Spacing (at the detector, magnified). */
  pixelSpacingSource: 'pixel spacing' | 'imager pixel spacing' | undefined;
  frameOfReferenceUID: string;
  /** UIDs the file lacked and that Lucent derived from other attributes to group it (anonymisers sometimes blank them). */
  derivedUIDs: string[];
}
