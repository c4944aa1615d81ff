// An instance's header from the DICOM JSON model (PS3.18 F.2), as WADO-RS metadata returns it: the
// same InstanceHeader a Part 10 file gives, so a PACS study streams its frames without first
// downloading every file. Plain TypeScript, no DOM.
import { headerFromAttributes, type AttributeReader } from './attributes';
import { DicomFileError, SUPPORTED_TRANSFER_SYNTAXES } from './header';
import type { InstanceHeader } from './instanceHeader';

/** One instance's metadata: tag (8 hex digits) → attribute. */
export type DicomJson = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string } | undefined>;

const valueOf = (json: DicomJson, tag: string): unknown => json[tag]?.Value?.[0];

/** A value as text: a person name's alphabetic form, anything else as it is. */
function asText(v: unknown): string {
  if (v && typeof v === 'object' && 'Alphabetic' in v) return String((v as { Alphabetic?: string }).Alphabetic ?? '').trim();
  return v === undefined || v === null ? '' : String(v).trim();
}

function num(json: DicomJson, tag: string): number | undefined {
  const v = Number(valueOf(json, tag));
  return valueOf(json, tag) === undefined || !Number.isFinite(v) ? undefined : v;
}

/** The DICOM JSON model as the attributes the header reads. */
function jsonAttributes(json: DicomJson): AttributeReader {
  return {
    text: (tag) => asText(valueOf(json, tag)),
    values: (tag) => (json[tag]?.Value ?? []).map(asText),
    us: (tag) => num(json, tag),
    item: (tag) => {
      const item = valueOf(json, tag) as DicomJson | undefined;
      return item && jsonAttributes(item);
    },
  };
}

/** Whether the instance has frames to show (an SR or a PDF has none). */
export function hasPixelData(json: DicomJson): boolean {
  return !!json['7FE00010'] || (num(json, '00280010') ?? 0) > 0;
}

/** The header of an instance the PACS describes; throws DicomFileError for one that cannot be shown. */
export function headerFromDicomJson(json: DicomJson): InstanceHeader {
  const header = headerFromAttributes(jsonAttributes(json));
  if (!header.sopInstanceUID || !header.seriesInstanceUID || !header.studyInstanceUID)
    throw new DicomFileError('the PACS metadata lacks a study, series or SOP Instance UID');
  if (header.rows <= 0 || header.columns <= 0) throw new DicomFileError('the PACS metadata gives no image size');
  // The frames come in a transfer syntax the server chooses; one it names must be one Lucent decodes.
  if (header.transferSyntaxUID && !(header.transferSyntaxUID in SUPPORTED_TRANSFER_SYNTAXES))
    throw new DicomFileError(`unsupported transfer syntax ${header.transferSyntaxUID}`);
  return header;
}
