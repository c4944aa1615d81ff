// A greyscale DICOM image as the evaluation reads it in Node: uncompressed 8- and 16-bit files
// through src/dicom/uncompressedPixels, JPEG 2000 and JPEG-LS through the same WASM codecs that
// Cornerstone's loader uses in the browser (@cornerstonejs/codec-openjpeg, codec-charls), which
// also run in Node. Other transfer syntaxes are refused by name.
import dicomParser from 'dicom-parser';
import { parseDicomBytes } from '../../src/dicom/header';
import { displayParamsOf, uncompressedImage } from '../../src/dicom/uncompressedPixels';
import type { GreyscaleImage } from '../../src/imaging/greyscaleImage';

interface Decoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean };
  getDecodedBuffer(): Uint8Array;
  delete?(): void;
}

type Codec = { J2KDecoder?: new () => Decoder; JpegLSDecoder?: new () => Decoder };

const JPEG_2000 = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91']);
const JPEG_LS = new Set(['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81']);
let codecs: Promise<{ j2k: Codec; jls: Codec }> | undefined;

function loadCodecs() {
  codecs ??= (async () => {
    const [j2k, jls] = await Promise.all([
      import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
      import('@cornerstonejs/codec-charls/decodewasmjs'),
    ]);
    // The codecs' progress lines ("[INFO] Start to read j2k main header") are not for a report.
    const quiet = { print: () => undefined };
    return { j2k: (await j2k.default(quiet)) as Codec, jls: (await jls.default(quiet)) as Codec };
  })();
  return codecs;
}

export async function readGreyscale(bytes: Uint8Array, name: string): Promise<GreyscaleImage> {
  const ds = parseDicomBytes(bytes);
  const syntax = ds.string('x00020010')?.trim() ?? '';
  if (!JPEG_2000.has(syntax) && !JPEG_LS.has(syntax)) return uncompressedImage(bytes, name);
  const pixel = ds.elements.x7fe00010;
  if (!pixel?.fragments?.length) throw new Error(`${name}: no encapsulated pixel data`);
  const { j2k, jls } = await loadCodecs();
  const Decoder = JPEG_2000.has(syntax) ? j2k.J2KDecoder! : jls.JpegLSDecoder!;
  const decoder = new Decoder();
  try {
    const frame = dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixel, 0, pixel.fragments.length);
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.componentCount !== 1) throw new Error(`${name}: expected greyscale pixel data`);
    // Copy out of the codec's memory, which the next decode reuses.
    const decoded = decoder.getDecodedBuffer().slice();
    const stored =
      info.bitsPerSample > 8
        ? info.isSigned
          ? new Int16Array(decoded.buffer)
          : new Uint16Array(decoded.buffer)
        : info.isSigned
          ? new Int8Array(decoded.buffer)
          : decoded;
    return { key: name, stored, rows: info.height, cols: info.width, display: displayParamsOf(ds) };
  } finally {
    decoder.delete?.();
  }
}
