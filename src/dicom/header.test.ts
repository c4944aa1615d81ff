import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DicomFileError, derivedUID, readInstanceHeader } from './header';

const sample = (path: string) => new Uint8Array(readFileSync(`public/samples/${path}`));

function expectRefused(bytes: Uint8Array, reason: RegExp) {
  let error: unknown;
  try {
    readInstanceHeader(bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DicomFileError);
  expect((error as Error).message).toMatch(reason);
}

describe('readInstanceHeader', () => {
  it('reads a 16-bit chest radiograph with its request reason', () => {
    const h = readInstanceHeader(sample('chest-dx/IMG0001.dcm'));
    const truth = JSON.parse(new TextDecoder().decode(sample('chest-dx/IMG0001.json')));
    expect(h.modality).toBe('DX');
    expect(h.photometricInterpretation).toBe('MONOCHROME2');
    expect([h.columns, h.rows]).toEqual([truth.columns, truth.rows]);
    expect(h.pixelSpacing).toEqual([0.25, 0.25]);
    expect(h.requestReason).toBe(truth.indication);
    expect(h.requestReason).not.toBe('');
    expect(h.derivedUIDs).toEqual([]);
    expect(h.patientOrientation).toEqual(['L', 'F']);
  });

  it('reads a JPEG-LS CT slice with its geometry', () => {
    const h = readInstanceHeader(unzipSync(sample('ct-chest.zip'))['ct-chest/CT0000.dcm']);
    expect(h.transferSyntaxUID).toBe('1.2.840.10008.1.2.4.80');
    expect(h.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(h.imagePositionPatient).toHaveLength(3);
    expect([h.columns, h.rows]).toEqual([512, 512]);
  });

  it('derives stable UIDs when an anonymiser blanked them', () => {
    const files = [
      'CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573.dcm',
      'CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016574.dcm',
    ];
    const [a, b] = files.map((f) => readInstanceHeader(sample(`real-ct/${f}`)));
    expect(a.derivedUIDs).toEqual(['Study Instance UID', 'Series Instance UID']);
    expect(a.studyInstanceUID).toBe(b.studyInstanceUID);
    expect(a.seriesInstanceUID).toBe(b.seriesInstanceUID);
    expect(a.sopInstanceUID).not.toBe(b.sopInstanceUID);
    expect(a.studyInstanceUID).toMatch(/^2\.25\.\d+$/);
    expect(a.studyInstanceUID.length).toBeLessThanOrEqual(64);
  });

  it('treats a zero pixel spacing as unknown', () => {
    expect(readInstanceHeader(sample('real-chest-cr/RG1_J2KI.dcm')).pixelSpacing).toBeUndefined();
  });

  it('refuses files that are not DICOM', () => {
    expectRefused(new Uint8Array([1, 2, 3, 4, 5]), /not a DICOM file \(only 5 bytes, too short for one\)/);
    expectRefused(new Uint8Array(4096).fill(7), /not a DICOM file \(no "DICM" marker at byte 128, which every DICOM file has\)/);
    // What it is, when its first bytes say (#38), and what Lucent opens instead.
    expectRefused(new TextEncoder().encode('hello'), /^a text file, not a DICOM file\. Lucent opens DICOM files \(\.dcm\)/);
  });

  it('refuses truncated files', () => {
    const bytes = sample('mr-brain/MR0001.dcm');
    expectRefused(bytes.slice(0, 1000), /truncated|pixel data/);
    expectRefused(bytes.slice(0, bytes.length - 5000), /truncated|pixel data holds/);
  });

  it('refuses an unknown transfer syntax by name', () => {
    const bytes = sample('mr-brain/MR0001.dcm');
    const text = new TextDecoder('latin1').decode(bytes.slice(0, 400));
    const at = text.indexOf('1.2.840.10008.1.2.1\0');
    expect(at).toBeGreaterThan(0);
    bytes.set(new TextEncoder().encode('1.2.840.10008.1.2.9'), at);
    expectRefused(bytes, /unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.9/);
  });
});

describe('derivedUID', () => {
  it('is deterministic, distinct per input and a valid UID', () => {
    expect(derivedUID('a', 'b')).toBe(derivedUID('a', 'b'));
    expect(derivedUID('a', 'b')).not.toBe(derivedUID('a', 'c'));
    expect(derivedUID('x')).toMatch(/^2\.25\.[1-9]\d*$/);
  });
});
