// A large CT made by the tests and the PACS bench (never committed): N axial 512×512 16-bit slices of a simple chest
// phantom — body, two lungs changing along z, a spine — as Part 10 files for the test Orthanc.
import { datasetToBytes } from '../../src/report/sr/dicomFile';
import { axialSliceAttributes, CT_IMAGE_STORAGE, part10Meta } from '../dicom/generated';

const uid = (n: number | string) => `2.25.4711${n}`;

function slicePixels(size: number, z: number, slices: number): Uint16Array {
  const pixels = new Uint16Array(size * size);
  const t = z / Math.max(1, slices - 1);
  const lungRy = size * (0.18 + 0.08 * Math.sin(Math.PI * t));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = (x - size / 2) / (size * 0.42);
      const dy = (y - size / 2) / (size * 0.32);
      let hu = -1000;
      if (dx * dx + dy * dy < 1) hu = 40;
      for (const side of [-1, 1]) {
        const lx = (x - size / 2 - side * size * 0.17) / (size * 0.12);
        const ly = (y - size / 2) / lungRy;
        if (lx * lx + ly * ly < 1) hu = -850;
      }
      const sx = (x - size / 2) / (size * 0.04);
      const sy = (y - size * 0.72) / (size * 0.04);
      if (sx * sx + sy * sy < 1) hu = 700;
      pixels[y * size + x] = hu + 1024;
    }
  }
  return pixels;
}

/** `slices` slices of one series of one study, patient "Large^CT", accession LARGE0001. */
export function makeLargeCt(slices: number, size = 512): Uint8Array[] {
  return Array.from({ length: slices }, (_, k) => {
    const pixels = slicePixels(size, k, slices);
    const sop = uid(`.3.${k + 1}`);
    const dataset = {
      _meta: part10Meta(CT_IMAGE_STORAGE, sop),
      SOPClassUID: CT_IMAGE_STORAGE,
      SOPInstanceUID: sop,
      StudyInstanceUID: uid('.1'),
      SeriesInstanceUID: uid('.2'),
      FrameOfReferenceUID: uid('.4'),
      PatientName: 'Large^CT',
      PatientID: 'LARGE-CT',
      StudyDate: '20261201',
      StudyTime: '120000',
      AccessionNumber: 'LARGE0001',
      StudyDescription: 'CT CHEST (generated, large)',
      SeriesDescription: `Axial ${slices} slices`,
      Modality: 'CT',
      SeriesNumber: '1',
      InstanceNumber: String(k + 1),
      ...axialSliceAttributes({
        size,
        spacingMm: 0.7,
        thicknessMm: 1,
        position: [-size / 2, -size / 2, -k],
        pixels,
        rescaleIntercept: -1024,
        window: { center: -600, width: 1500 },
      }),
    };
    return new Uint8Array(datasetToBytes(dataset));
  });
}
