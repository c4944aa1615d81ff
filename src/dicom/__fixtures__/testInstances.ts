// A loaded instance for unit tests: a plausible CT header, any attribute overridden.
import type { InstanceHeader } from '../instanceHeader';
import type { LoadedInstance } from '../studies';

export function testInstance(overrides: Partial<InstanceHeader> & { source?: string }): LoadedInstance {
  const { source = 'f.dcm', ...header } = overrides;
  return {
    source,
    imageIds: [`id:${header.sopInstanceUID}`],
    header: {
      studyInstanceUID: '1.1',
      seriesInstanceUID: '1.1.1',
      sopInstanceUID: '1.1.1.1',
      sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
      transferSyntaxUID: '1.2.840.10008.1.2.1',
      modality: 'CT',
      manufacturer: '',
      bodyPartExamined: 'CHEST',
      viewPosition: '',
      patientName: 'DOE^JANE',
      patientId: 'P1',
      patientBirthDate: '',
      patientSex: '',
      patientAge: '',
      studyDate: '20260101',
      studyTime: '',
      studyDescription: '',
      accessionNumber: '',
      seriesDescription: '',
      seriesNumber: 1,
      instanceNumber: 1,
      imagePositionPatient: undefined,
      imageOrientationPatient: undefined,
      patientOrientation: [],
      rows: 4,
      columns: 4,
      numberOfFrames: 1,
      photometricInterpretation: 'MONOCHROME2',
      requestReason: '',
      pixelSpacing: [1, 1],
      pixelSpacingSource: 'pixel spacing',
      frameOfReferenceUID: '',
      derivedUIDs: [],
      ...header,
    },
  };
}
