// Naturalized data sets to DICOM Part 10 bytes and back, with dcmjs.
import dcmjs from 'dcmjs';
import { COMPREHENSIVE_SR, isLucentSR, type Dataset } from './sr';

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

/** The data set of a file when it is a report Lucent wrote (a Comprehensive SR of its own), else undefined. */
export function lucentReportIn(bytes: ArrayBuffer, sopClassUID: string | undefined): Dataset | undefined {
  if (sopClassUID !== COMPREHENSIVE_SR) return undefined;
  const dataset = bytesToDataset(bytes);
  return isLucentSR(dataset) ? dataset : undefined;
}
