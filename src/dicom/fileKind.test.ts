// Files that are not DICOM are named for what they are (#38): a photo, a PDF, an archive, text.
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileKindOf, notDicomReason, WHAT_LUCENT_OPENS } from './fileKind';
import { loadSourceFiles } from './load';

const head = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])).concat(Array(200).fill(0)));

describe('what a file that is not DICOM is', () => {
  it('reads the common formats from their first bytes', () => {
    expect(fileKindOf(head(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a))).toBe('a PNG image');
    expect(fileKindOf(head(0xff, 0xd8, 0xff, 0xe0))).toBe('a JPEG image');
    expect(fileKindOf(head('GIF89a'))).toBe('a GIF image');
    expect(fileKindOf(head('RIFF', 0, 0, 0, 0, 'WEBP'))).toBe('a WebP image');
    expect(fileKindOf(head('II*', 0))).toBe('a TIFF image');
    expect(fileKindOf(head(0, 0, 0, 0x18, 'ftypheic'))).toBe('a HEIC or AVIF image');
    expect(fileKindOf(head(0, 0, 0, 0x18, 'ftypisom'))).toBe('a video (MP4 or QuickTime)');
    expect(fileKindOf(head('%PDF-1.7'))).toBe('a PDF document');
    expect(fileKindOf(head('PK', 3, 4))).toBe('a ZIP archive (or an Office document)');
    expect(fileKindOf(head(0x1f, 0x8b, 8))).toBe('a gzip archive');
    expect(fileKindOf(new TextEncoder().encode('Patient notes: not an image.\n'))).toBe('a text file');
    expect(fileKindOf(new Uint8Array(4096).fill(7))).toBeUndefined();
  });

  it('says so in plain words, then what Lucent opens', () => {
    expect(notDicomReason(head(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a))).toBe(`a PNG image, not a DICOM file. ${WHAT_LUCENT_OPENS}`);
    expect(WHAT_LUCENT_OPENS).toBe('Lucent opens DICOM files (.dcm), folders of them and .zip archives of them.');
    expect(notDicomReason(new Uint8Array(0))).toBe(`an empty file (0 bytes), not a DICOM file. ${WHAT_LUCENT_OPENS}`);
    expect(notDicomReason(new Uint8Array(4096).fill(7))).toBe(
      `not a DICOM file (no "DICM" marker at byte 128, which every DICOM file has). ${WHAT_LUCENT_OPENS}`,
    );
  });

  it('names a photo dropped with a study, and an archive inside an archive, while the study loads', async () => {
    const png = head(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a);
    const dicom = new Uint8Array(readFileSync('public/samples/mr-brain/MR0001.dcm'));
    const inner = zipSync({ 'a.dcm': dicom });
    const source = (path: string, data: Uint8Array) => ({
      path,
      file: new File([data as Uint8Array<ArrayBuffer>], path.split('/').pop()!),
    });
    const outcome = await loadSourceFiles(
      [source('drop/photo.png', png), source('drop/MR0001.dcm', dicom), source('drop/outer.zip', zipSync({ 'inner.zip': inner }))],
      async (file) => [`test:${file.name}`],
    );
    expect(outcome.instances.map((i) => i.source)).toEqual(['drop/MR0001.dcm']);
    expect(outcome.problems).toEqual([
      { source: 'drop/photo.png', reason: `a PNG image, not a DICOM file. ${WHAT_LUCENT_OPENS}` },
      { source: 'drop/outer.zip/inner.zip', reason: 'a .zip archive inside an archive: not opened (unzip it and open what it holds)' },
    ]);
  });
});
