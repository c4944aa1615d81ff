// Stored pixels and display parameters of an uncompressed 8- or 16-bit greyscale image, read with
// dicom-parser. For the model evaluation CLI and benchmark, which run without Cornerstone (the
// viewer decodes every transfer syntax through Cornerstone's loader instead). Plain TypeScript.
import dicomParser from 'dicom-parser';
import { parseDicomBytes } from './header';
import type { DisplayParams, GreyscaleImage } from '../imaging/greyscaleImage';

const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

const firstNumber = (ds: dicomParser.DataSet, tag: string): number | undefined => {
  const text = ds.string(tag);
  const v = text === undefined ? NaN : Number(text.split('\\')[0]);
  return Number.isFinite(v) ? v : undefined;
};

export function uncompressedImage(bytes: Uint8Array, name: string): GreyscaleImage {
  let ds: dicomParser.DataSet;
  try {
    ds = parseDicomBytes(bytes);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  const syntax = ds.string('x00020010') ?? '';
  if (!UNCOMPRESSED.has(syntax)) throw new Error(`${name}: transfer syntax ${syntax} is compressed; only uncompressed files are read here`);
  const rows = ds.uint16('x00280010') ?? 0;
  const cols = ds.uint16('x00280011') ?? 0;
  const bits = ds.uint16('x00280100');
  const signed = ds.uint16('x00280103') === 1;
  const pixel = ds.elements.x7fe00010;
  if (!pixel || !rows || !cols || (bits !== 16 && bits !== 8) || (ds.uint16('x00280002') ?? 1) !== 1)
    throw new Error(`${name}: expected 8- or 16-bit greyscale pixel data`);
  const bytesPerPixel = bits / 8;
  if (pixel.dataOffset + rows * cols * bytesPerPixel > bytes.length)
    throw new Error(`${name}: the pixel data is shorter than ${cols}×${rows} ${bits}-bit pixels`);
  // Copy: the pixel data may start at an odd offset, which a 16-bit view cannot.
  const raw = bytes.slice(pixel.dataOffset, pixel.dataOffset + rows * cols * bytesPerPixel).buffer;
  const stored = bits === 8 ? (signed ? new Int8Array(raw) : new Uint8Array(raw)) : signed ? new Int16Array(raw) : new Uint16Array(raw);
  return { key: name, stored, rows, cols, display: displayParamsOf(ds) };
}

/** Rescale, first VOI window and photometric interpretation of a parsed file. */
export function displayParamsOf(ds: dicomParser.DataSet): DisplayParams {
  const center = firstNumber(ds, 'x00281050');
  const width = firstNumber(ds, 'x00281051');
  return {
    slope: firstNumber(ds, 'x00281053') ?? 1,
    intercept: firstNumber(ds, 'x00281052') ?? 0,
    window: center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined,
    monochrome1: ds.string('x00280004')?.trim() === 'MONOCHROME1',
  };
}
