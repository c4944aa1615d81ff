// Reads and validates the header of one DICOM Part 10 file. Plain TypeScript (no DOM),
// so the same checks run in the browser and in Node tests.
import dicomParser from 'dicom-parser';
import { headerFromAttributes, type AttributeReader } from './attributes';
import { notDicomReason } from './fileKind';
import type { InstanceHeader } from './instanceHeader';

/** A file that cannot be shown, with a reason a person can act on. */
export class DicomFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DicomFileError';
  }
}

/** Transfer syntaxes the Cornerstone3D DICOM image loader 5.x decodes. */
export const SUPPORTED_TRANSFER_SYNTAXES: Record<string, string> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

/** Transfer syntaxes seen in the wild that no browser decoder here handles: named in the refusal. */
const UNSUPPORTED_TRANSFER_SYNTAX_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2.4.100': 'MPEG2 video',
  '1.2.840.10008.1.2.4.101': 'MPEG2 video',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.104': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.105': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.106': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.107': 'HEVC video',
  '1.2.840.10008.1.2.4.108': 'HEVC video',
  '1.2.840.10008.1.2.4.92': 'JPEG 2000 multi-component',
  '1.2.840.10008.1.2.4.93': 'JPEG 2000 multi-component',
  '1.2.840.10008.1.2.4.94': 'JPIP referenced',
  '1.2.840.10008.1.2.4.95': 'JPIP referenced deflate',
  '1.2.840.10008.1.2.6.1': 'RFC 2557 MIME encapsulation',
};

const NATIVE_TRANSFER_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);

/** Largest decoded image we agree to allocate (all frames): keeps a forged header from asking for gigabytes. */
export const MAX_DECODED_BYTES = 1024 * 1024 * 1024;
const MAX_DIMENSION = 65535;

const PIXEL_DATA = 'x7fe00010';

const SOP_CLASS_NAMES: Record<string, string> = {
  '1.2.840.10008.5.1.4.1.1.88.11': 'Basic Text SR',
  '1.2.840.10008.5.1.4.1.1.88.22': 'Enhanced SR',
  '1.2.840.10008.5.1.4.1.1.88.33': 'Comprehensive SR',
  '1.2.840.10008.5.1.4.1.1.88.34': 'Comprehensive 3D SR',
  '1.2.840.10008.5.1.4.1.1.104.1': 'Encapsulated PDF',
  '1.2.840.10008.5.1.4.1.1.11.1': 'Grayscale Softcopy Presentation State',
  '1.2.840.10008.5.1.4.1.1.66.4': 'Segmentation',
  '1.2.840.10008.5.1.4.1.1.481.3': 'RT Structure Set',
};

function hasPart10Marker(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** dicom-parser's data set as the attributes the header reads (tags as 8 hex digits). */
function partTenAttributes(ds: dicomParser.DataSet): AttributeReader {
  const x = (tag: string) => `x${tag.toLowerCase()}`;
  const text = (tag: string) => (ds.string(x(tag)) ?? '').trim();
  return {
    text,
    values: (tag) => (text(tag) ? text(tag).split('\\') : []),
    us: (tag) => ds.uint16(x(tag)),
    item: (tag) => {
      const item = ds.elements[x(tag)]?.items?.[0]?.dataSet;
      return item && partTenAttributes(item);
    },
  };
}

/** FNV-1a over a string, 64 bits as a BigInt: deterministic, synchronous, no crypto API needed. */
function fnv1a64(text: string, seed = 0xcbf29ce484222325n): bigint {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/** A valid UID under the UUID-derived root 2.25 (PS3.5 B.2), stable for the same inputs. */
export function derivedUID(...parts: string[]): string {
  const text = parts.join('|');
  return `2.25.${(fnv1a64(text) << 64n) | fnv1a64(text, 0x84222325cbf29ce4n)}`;
}

/**
 * Anonymisers sometimes blank the study or series UID. Rather than refuse such files,
 * group them by what identifies a study and a series in practice, and say so.
 */
function fillMissingUIDs(header: InstanceHeader, read: AttributeReader): void {
  if (!header.studyInstanceUID) {
    header.studyInstanceUID = derivedUID(
      'study',
      header.patientId,
      header.patientName,
      header.studyDate,
      header.studyTime,
      header.accessionNumber,
      read.text('00200010'),
    );
    header.derivedUIDs.push('Study Instance UID');
  }
  if (!header.seriesInstanceUID) {
    const series = [
      header.modality,
      header.seriesDescription,
      String(header.seriesNumber ?? ''),
      header.frameOfReferenceUID,
      read.text('00080031'),
      read.text('00200012'),
    ];
    header.seriesInstanceUID = derivedUID('series', header.studyInstanceUID, ...series);
    header.derivedUIDs.push('Series Instance UID');
  }
}

/** dicom-parser's data set, or a DicomFileError saying what is wrong (dicom-parser itself throws strings and objects). */
export function parseDicomBytes(bytes: Uint8Array): dicomParser.DataSet {
  // A photo or a PDF among the files: named for what it is rather than for the marker it lacks.
  if (!hasPart10Marker(bytes)) throw new DicomFileError(notDicomReason(bytes));
  try {
    return dicomParser.parseDicom(bytes);
  } catch (error) {
    // dicom-parser throws strings or Errors, sometimes with a partial data set attached.
    const message =
      typeof error === 'string'
        ? error
        : error instanceof Error
          ? error.message
          : String((error as { exception?: unknown })?.exception ?? error);
    if (/overrun|overread|beyond|past end of buffer/i.test(message))
      throw new DicomFileError('truncated DICOM: the file ends inside a data element');
    throw new DicomFileError(`corrupt DICOM (${message.replace(/^dicomParser[.:]\w+: /, '')})`);
  }
}

function checkPixelData(ds: dicomParser.DataSet, header: InstanceHeader, byteLength: number): void {
  const pixelData = ds.elements[PIXEL_DATA];
  if (!pixelData) {
    const kind = SOP_CLASS_NAMES[header.sopClassUID];
    throw new DicomFileError(kind ? `not an image (${kind}): no pixel data` : 'no pixel data in this file');
  }
  if (!(header.transferSyntaxUID in SUPPORTED_TRANSFER_SYNTAXES)) {
    const name = UNSUPPORTED_TRANSFER_SYNTAX_NAMES[header.transferSyntaxUID];
    throw new DicomFileError(`unsupported transfer syntax ${header.transferSyntaxUID || '(none)'}${name ? ` (${name})` : ''}`);
  }
  if (header.rows <= 0 || header.columns <= 0 || header.rows > MAX_DIMENSION || header.columns > MAX_DIMENSION) {
    throw new DicomFileError(`invalid image size ${header.columns}×${header.rows}`);
  }
  const bitsAllocated = ds.uint16('x00280100') ?? 16;
  const samples = ds.uint16('x00280002') ?? 1;
  const frameBytes = header.rows * header.columns * samples * Math.ceil(bitsAllocated / 8);
  if (frameBytes * header.numberOfFrames > MAX_DECODED_BYTES) {
    throw new DicomFileError(
      `image too large to open: ${header.columns}×${header.rows}×${header.numberOfFrames} frames ` +
        `would need ${Math.round((frameBytes * header.numberOfFrames) / 2 ** 20)} MiB`,
    );
  }
  if (NATIVE_TRANSFER_SYNTAXES.has(header.transferSyntaxUID)) {
    const expected = (header.rows * header.columns * samples * bitsAllocated * header.numberOfFrames) / 8;
    const available = Math.min(pixelData.length, byteLength - pixelData.dataOffset);
    if (available < expected) {
      throw new DicomFileError(
        `pixel data holds ${available} bytes but ${header.numberOfFrames} frame(s) of ${header.columns}×${header.rows} need ${expected}`,
      );
    }
  } else if (pixelData.encapsulatedPixelData && pixelData.fragments) {
    // Every frame needs at least one fragment; fewer means frames are missing.
    const fragments = pixelData.fragments.length;
    if (fragments === 0) throw new DicomFileError('compressed pixel data holds no fragments');
    if (fragments < header.numberOfFrames) {
      throw new DicomFileError(`${header.numberOfFrames} frames declared but the compressed pixel data holds ${fragments} fragments`);
    }
  }
}

/** Parse and validate; throws DicomFileError with a human-readable reason. */
export function readInstanceHeader(buffer: ArrayBuffer | Uint8Array): InstanceHeader {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const ds = parseDicomBytes(bytes);
  const attributes = partTenAttributes(ds);
  const header = headerFromAttributes(attributes);
  if (!header.sopInstanceUID) throw new DicomFileError('missing SOP Instance UID');
  fillMissingUIDs(header, attributes);
  checkPixelData(ds, header, bytes.length);
  return header;
}
