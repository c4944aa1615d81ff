// Naturalized data sets to DICOM Part 10 bytes and back, with dcmjs.
import dcmjs from 'dcmjs';
import type { Dataset } from './sr';

const { DicomMetaDictionary, DicomDict, DicomMessage } = dcmjs.data;

export function datasetToBytes(dataset: Dataset): ArrayBuffer {
  const { _meta, ...rest } = dataset;
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(_meta as Record<string, unknown>));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(rest);
  return dict.write();
}

export function bytesToDataset(bytes: ArrayBuffer): Dataset {
  const file = DicomMessage.readFile(bytes);
  return { ...DicomMetaDictionary.naturalizeDataset(file.dict), _meta: DicomMetaDictionary.naturalizeDataset(file.meta) };
}
