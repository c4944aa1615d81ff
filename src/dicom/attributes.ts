// The InstanceHeader from a data set's attributes, wherever they come from: a Part 10 file parsed
// by dicom-parser (header.ts) or the DICOM JSON a PACS sends as WADO-RS metadata (dicomJson.ts).
// One reading, so both give the same header. Plain TypeScript, no DOM.
import type { InstanceHeader } from './instanceHeader';

/** What the header needs of a data set; tags as 8 hex digits ("0020000D"). */
export interface AttributeReader {
  /** The attribute's text, trimmed; '' when absent. */
  text(tag: string): string;
  /** The values of a multi-valued attribute ("L\F" → ["L", "F"]); [] when absent. */
  values(tag: string): string[];
  /** An unsigned short (US) value. */
  us(tag: string): number | undefined;
  /** The first item of a sequence. */
  item(tag: string): AttributeReader | undefined;
}

function integer(read: AttributeReader, tag: string): number | undefined {
  const text = read.text(tag);
  if (text === '') return undefined;
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : undefined;
}

function decimals(read: AttributeReader, tag: string, count: number): number[] | undefined {
  const values = read.values(tag).map(Number);
  return values.length === count && values.every(Number.isFinite) ? values : undefined;
}

function requestReason(read: AttributeReader): string {
  const request = read.item('00400275');
  const candidates = [
    request?.text('00401002'),
    read.text('00401002'),
    read.text('00321030'), // Reason for Study (retired, still written by some modalities)
    request?.text('00321060'),
    read.text('00321060'),
  ];
  return candidates.find((text) => !!text) ?? '';
}

const SPACINGS = [
  ['00280030', 'pixel spacing'],
  ['00181164', 'imager pixel spacing'],
] as const;

/** The first usable spacing the image states, and which attribute stated it. */
function spacing(read: AttributeReader): Pick<InstanceHeader, 'pixelSpacing' | 'pixelSpacingSource'> {
  for (const [tag, source] of SPACINGS) {
    const values = decimals(read, tag, 2);
    if (values && values[0] > 0 && values[1] > 0) return { pixelSpacing: [values[0], values[1]], pixelSpacingSource: source };
  }
  return { pixelSpacing: undefined, pixelSpacingSource: undefined };
}

/** The header as the attributes give it (no UID is derived, nothing is checked here). */
export function headerFromAttributes(read: AttributeReader): InstanceHeader {
  return {
    studyInstanceUID: read.text('0020000D'),
    seriesInstanceUID: read.text('0020000E'),
    sopInstanceUID: read.text('00080018') || read.text('00020003'),
    sopClassUID: read.text('00080016') || read.text('00020002'),
    transferSyntaxUID: read.text('00020010'),
    modality: read.text('00080060') || 'OT',
    manufacturer: read.text('00080070'),
    bodyPartExamined: read.text('00180015').toUpperCase(),
    viewPosition: read.text('00185101').toUpperCase(),
    patientName: read.text('00100010'),
    patientId: read.text('00100020'),
    patientBirthDate: read.text('00100030'),
    patientSex: read.text('00100040'),
    patientAge: read.text('00101010'),
    studyDate: read.text('00080020'),
    studyTime: read.text('00080030'),
    studyDescription: read.text('00081030'),
    accessionNumber: read.text('00080050'),
    seriesDescription: read.text('0008103E'),
    seriesNumber: integer(read, '00200011'),
    instanceNumber: integer(read, '00200013'),
    imagePositionPatient: decimals(read, '00200032', 3) as [number, number, number] | undefined,
    imageOrientationPatient: decimals(read, '00200037', 6),
    patientOrientation: read
      .values('00200020')
      .map((v) => v.trim().toUpperCase())
      .filter(Boolean),
    rows: read.us('00280010') ?? 0,
    columns: read.us('00280011') ?? 0,
    numberOfFrames: Math.max(1, integer(read, '00280008') ?? 1),
    photometricInterpretation: read.text('00280004'),
    requestReason: requestReason(read),
    ...spacing(read),
    frameOfReferenceUID: read.text('00200052'),
    derivedUIDs: [],
  };
}
