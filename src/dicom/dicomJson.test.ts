import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { headerFromDicomJson, hasPixelData, type DicomJson } from './dicomJson';
import { readInstanceHeader } from './header';

/** A Part 10 file's attributes as a DICOM JSON object (what WADO-RS metadata returns), via dcmjs. */
async function asDicomJson(path: string): Promise<DicomJson> {
  const dcmjs = (await import('dcmjs')).default;
  const bytes = readFileSync(path);
  const file = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const json = JSON.parse(JSON.stringify(file.dict)) as DicomJson;
  delete json['7FE00010'];
  return { ...json, '7FE00010': { vr: 'OW', BulkDataURI: 'http://pacs/bulk' } };
}

describe('headers from WADO-RS metadata', () => {
  it('read the same as from the Part 10 file, but the transfer syntax the server chooses', async () => {
    const path = 'public/samples/chest-dx/IMG0001.dcm';
    const fromFile = readInstanceHeader(readFileSync(path));
    const fromJson = headerFromDicomJson(await asDicomJson(path));
    expect(fromJson).toEqual({ ...fromFile, transferSyntaxUID: '' });
    expect(hasPixelData(await asDicomJson(path))).toBe(true);
  });

  it('name what is missing', () => {
    expect(() => headerFromDicomJson({ '00080018': { vr: 'UI', Value: ['1.2'] } })).toThrow(
      'the PACS metadata lacks a study, series or SOP Instance UID',
    );
    const sr: DicomJson = {
      '0020000D': { vr: 'UI', Value: ['1'] },
      '0020000E': { vr: 'UI', Value: ['2'] },
      '00080018': { vr: 'UI', Value: ['3'] },
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.33'] },
    };
    expect(hasPixelData(sr)).toBe(false);
    expect(() => headerFromDicomJson(sr)).toThrow('the PACS metadata gives no image size');
  });
});
