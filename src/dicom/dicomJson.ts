// An instance's header from the DICOM JSON model (PS3.18 F.2), as WADO-RS metadata returns it: the
// same InstanceHeader a Part 10 file gives, so a PACS study streams its frames without first
// downloading every file. Plain TypeScript, no DOM.
import { DicomFileError, SUPPORTED_TRANSFER_SYNTAXES, type InstanceHeader } from './header';

/** One instance's metadata: tag (8 hex digits) → attribute. */
export type DicomJson = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string } | undefined>;

const valueOf = (json: DicomJson, tag: string): unknown => json[tag]?.Value?.[0];

function str(json: DicomJson, tag: string): string {
  const v = valueOf(json, tag);
  if (v && typeof v === 'object' && 'Alphabetic' in v) return String((v as { Alphabetic?: string }).Alphabetic ?? '').trim();
  return v === undefined || v === null ? '' : String(v).trim();
}

function num(json: DicomJson, tag: string): number | undefined {
  const v = Number(valueOf(json, tag));
  return valueOf(json, tag) === undefined || !Number.isFinite(v) ? undefined : v;
}

function numbers(json: DicomJson, tag: string, count: number): number[] | undefined {
  const values = json[tag]?.Value?.map(Number);
  return values && values.length === count && values.every(Number.isFinite) ? values : undefined;
}

function requestReason(json: DicomJson): string {
  const request = valueOf(json, '00400275') as DicomJson | undefined;
  const candidates = [request && str(request, '00401002'), str(json, '00401002'), str(json, '00321030'), request && str(request, '00321060'), str(json, '00321060')];
  return candidates.find((text) => !!text) ?? '';
}

function spacing(json: DicomJson): [number, number] | undefined {
  for (const tag of ['00280030', '00181164']) {
    const values = numbers(json, tag, 2);
    if (values && values[0] > 0 && values[1] > 0) return [values[0], values[1]];
  }
  return undefined;
}

/** Whether the instance has frames to show (an SR or a PDF has none). */
export function hasPixelData(json: DicomJson): boolean {
  return !!json['7FE00010'] || (num(json, '00280010') ?? 0) > 0;
}

/** The header of an instance the PACS describes; throws DicomFileError for one that cannot be shown. */
export function headerFromDicomJson(json: DicomJson): InstanceHeader {
  const header: InstanceHeader = {
    studyInstanceUID: str(json, '0020000D'),
    seriesInstanceUID: str(json, '0020000E'),
    sopInstanceUID: str(json, '00080018'),
    sopClassUID: str(json, '00080016'),
    transferSyntaxUID: str(json, '00020010'),
    modality: str(json, '00080060') || 'OT',
    bodyPartExamined: str(json, '00180015').toUpperCase(),
    viewPosition: str(json, '00185101').toUpperCase(),
    patientName: str(json, '00100010'),
    patientId: str(json, '00100020'),
    patientBirthDate: str(json, '00100030'),
    patientSex: str(json, '00100040'),
    studyDate: str(json, '00080020'),
    studyTime: str(json, '00080030'),
    studyDescription: str(json, '00081030'),
    accessionNumber: str(json, '00080050'),
    seriesDescription: str(json, '0008103E'),
    seriesNumber: num(json, '00200011'),
    instanceNumber: num(json, '00200013'),
    imagePositionPatient: numbers(json, '00200032', 3) as [number, number, number] | undefined,
    imageOrientationPatient: numbers(json, '00200037', 6),
    patientOrientation: (json['00200020']?.Value ?? []).map((v) => String(v).trim().toUpperCase()).filter(Boolean),
    rows: num(json, '00280010') ?? 0,
    columns: num(json, '00280011') ?? 0,
    numberOfFrames: Math.max(1, num(json, '00280008') ?? 1),
    photometricInterpretation: str(json, '00280004'),
    requestReason: requestReason(json),
    pixelSpacing: spacing(json),
    frameOfReferenceUID: str(json, '00200052'),
    derivedUIDs: [],
  };
  if (!header.sopInstanceUID || !header.seriesInstanceUID || !header.studyInstanceUID) throw new DicomFileError('the PACS metadata lacks a study, series or SOP Instance UID');
  if (header.rows <= 0 || header.columns <= 0) throw new DicomFileError('the PACS metadata gives no image size');
  // The frames come in a transfer syntax the server chooses; one it names must be one Lucent decodes.
  if (header.transferSyntaxUID && !(header.transferSyntaxUID in SUPPORTED_TRANSFER_SYNTAXES)) throw new DicomFileError(`unsupported transfer syntax ${header.transferSyntaxUID}`);
  return header;
}
