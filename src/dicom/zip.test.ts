import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expandZip, isZip } from './zip';

describe('expandZip', () => {
  it('unpacks DICOM files with their paths and skips OS junk', async () => {
    const dicom = new Uint8Array(readFileSync('public/samples/mr-brain/MR0001.dcm'));
    const archive = zipSync({ 'study/a.dcm': dicom, '__MACOSX/study/._a.dcm': new Uint8Array(10), 'study/.DS_Store': new Uint8Array(3) });
    expect(isZip('x.bin', archive)).toBe(true);
    const entries = await expandZip('export.zip', archive);
    expect(entries.map((e) => e.path)).toEqual(['export.zip/study/a.dcm']);
    expect(entries[0].data).toEqual(dicom);
  });

  it('refuses an archive whose contents expand absurdly (zip bomb)', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const archive = zipSync({ 'bomb.dcm': zeros }, { level: 9 });
    await expect(expandZip('bomb.zip', archive)).rejects.toThrow(/refused archive: .*compression ratio/);
  });

  it('reports an unreadable archive', async () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await expect(expandZip('broken.zip', broken)).rejects.toThrow(/unreadable zip archive/);
  });
});
