// Naturalized data sets to DICOM Part 10 bytes and back, with dcmjs.
import dcmjs from 'dcmjs';
import { COMPREHENSIVE_SR, type Dataset } from './lucentSR';
import { isLucentSR } from './lucentSRRead';

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
  if (String(dataset.SpecificCharacterSet ?? '').includes('ISO_IR 192'))
    for (const value of Object.values(dataset)) if (Array.isArray(value)) utf8Again(value);
  return { ...dataset, _meta: DicomMetaDictionary.naturalizeDataset(file.meta) };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes 0x80–0x9F as the browsers' "latin1" decoder gives them: the WHATWG Encoding standard maps
 * that label to windows-1252, so these bytes come back as "€", "“"… rather than as C1 controls.
 */
const WINDOWS_1252: Record<string, number> = Object.fromEntries(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((c, i) => [c, 0x80 + i]),
);

/** The bytes a one-byte decoding made of a string, or undefined when it holds other characters. */
function singleBytes(value: string): Uint8Array | undefined {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const byte = code <= 0xff ? code : WINDOWS_1252[value[i]];
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

/**
 * dcmjs 0.52 applies a file's UTF-8 character set to top-level values only: text inside sequence
 * items (an SR's findings and impression) comes back decoded as Latin-1 (in Node) or windows-1252
 * (in browsers), so "—" reads "â\u0080\u0094" or "â€”". Hand-written until dcmjs decodes nested
 * items itself: a string whose characters are all single bytes of either decoding and whose bytes
 * are valid UTF-8 is decoded again as UTF-8; anything else is left as it is.
 */
export function utf8Again(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!/[^\u0000-\u007f]/.test(value)) return value;
    const bytes = singleBytes(value);
    if (!bytes) return value;
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return value;
    }
  }
  // In place: dcmjs's values (person names among them) keep their own prototypes.
  if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) (value as Record<string, unknown>)[key] = utf8Again(v);
  return value;
}

/** The data set of a file when it is a report Lucent wrote (a Comprehensive SR of its own), else undefined. */
export function lucentReportIn(bytes: ArrayBuffer, sopClassUID: string | undefined): Dataset | undefined {
  if (sopClassUID !== COMPREHENSIVE_SR) return undefined;
  const dataset = bytesToDataset(bytes);
  return isLucentSR(dataset) ? dataset : undefined;
}
