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
  const dataset = DicomMetaDictionary.naturalizeDataset(file.dict);
  if (String(dataset.SpecificCharacterSet ?? '').includes('ISO_IR 192')) for (const value of Object.values(dataset)) if (Array.isArray(value)) utf8Again(value);
  return { ...dataset, _meta: DicomMetaDictionary.naturalizeDataset(file.meta) };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * dcmjs 0.52 applies a file's UTF-8 character set to top-level values only: text inside sequence
 * items (an SR's findings and impression) comes back decoded as Latin-1, so "—" reads "â\u0080\u0094".
 * Hand-written until dcmjs decodes nested items itself: a string whose every character is one byte
 * and whose bytes are valid UTF-8 is decoded again as UTF-8; anything else is left as it is.
 */
function utf8Again(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
    try {
      return strictUtf8.decode(Uint8Array.from(value, (c) => c.charCodeAt(0)));
    } catch {
      return value;
    }
  }
  // In place: dcmjs's values (person names among them) keep their own prototypes.
  if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) (value as Record<string, unknown>)[key] = utf8Again(v);
  return value;
}

/** The data set of a file when it is a report Lucent wrote (a Comprehensive SR of its own), else undefined. */
export function lucentReportIn(bytes: ArrayBuffer, sopClassUID: string | undefined): Dataset | undefined {
  if (sopClassUID !== COMPREHENSIVE_SR) return undefined;
  const dataset = bytesToDataset(bytes);
  return isLucentSR(dataset) ? dataset : undefined;
}
