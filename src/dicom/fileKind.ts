// What a file that is not DICOM is, from its first bytes ("magic numbers"), so that a photo or a PDF
// dropped with a study is refused in words a reader understands, not with a parser's complaint (#38).
// Plain TypeScript.

/** What Lucent opens, said after every refusal of a file that is not DICOM. */
export const WHAT_LUCENT_OPENS = 'Lucent opens DICOM files (.dcm), folders of them and .zip archives of them.';

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, k) => bytes[at + k] === c.charCodeAt(0));
const starts = (bytes: Uint8Array, ...values: number[]) => values.every((v, k) => bytes[k] === v);

/** Formats by their signature at the start of the file (ISO BMFF's 'ftyp' box at byte 4). */
const SIGNATURES: Array<[string, (b: Uint8Array) => boolean]> = [
  ['a PNG image', (b) => starts(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
  ['a JPEG image', (b) => starts(b, 0xff, 0xd8, 0xff)],
  ['a GIF image', (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')],
  ['a WebP image', (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')],
  ['a TIFF image', (b) => starts(b, 0x49, 0x49, 0x2a, 0x00) || starts(b, 0x4d, 0x4d, 0x00, 0x2a)],
  ['a BMP image', (b) => ascii(b, 0, 'BM') && b.length > 26 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0],
  ['a HEIC or AVIF image', (b) => ascii(b, 4, 'ftyp') && ['heic', 'heix', 'mif1', 'avif'].some((brand) => ascii(b, 8, brand))],
  ['a video (MP4 or QuickTime)', (b) => ascii(b, 4, 'ftyp')],
  ['a PDF document', (b) => ascii(b, 0, '%PDF-')],
  ['a ZIP archive (or an Office document)', (b) => starts(b, 0x50, 0x4b, 0x03, 0x04) || starts(b, 0x50, 0x4b, 0x05, 0x06)],
  ['a gzip archive', (b) => starts(b, 0x1f, 0x8b)],
  ['a 7-Zip archive', (b) => starts(b, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)],
  ['a RAR archive', (b) => ascii(b, 0, 'Rar!')],
  ['a NIfTI volume', (b) => b.length >= 348 && (ascii(b, 344, 'n+1\0') || ascii(b, 344, 'ni1\0'))],
];

/** Text: the first kilobyte is printable (UTF-8 allowed), with no NUL byte. */
function isText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  if (!head.length) return false;
  let printable = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  }
  return printable / head.length > 0.95;
}

/** What the file is, in words ('a PNG image'), when its first bytes say; undefined when they do not. */
export function fileKindOf(bytes: Uint8Array): string | undefined {
  const known = SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
  return known ?? (isText(bytes) ? 'a text file' : undefined);
}

/**
 * Why a file without the DICOM marker is refused: what it is when its bytes say so, otherwise that
 * it lacks the marker every DICOM file carries; then what Lucent opens.
 */
export function notDicomReason(bytes: Uint8Array): string {
  if (!bytes.length) return `an empty file (0 bytes), not a DICOM file. ${WHAT_LUCENT_OPENS}`;
  const kind = fileKindOf(bytes);
  if (kind) return `${kind}, not a DICOM file. ${WHAT_LUCENT_OPENS}`;
  if (bytes.length < 132) return `not a DICOM file (only ${bytes.length} bytes, too short for one). ${WHAT_LUCENT_OPENS}`;
  return `not a DICOM file (no "DICM" marker at byte 128, which every DICOM file has). ${WHAT_LUCENT_OPENS}`;
}
