import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readGreyscale } from './readImage';

const file = (path: string) => new Uint8Array(readFileSync(path));

describe('reading greyscale DICOM in Node for the evaluation', () => {
  it('decodes JPEG 2000 (the real CR and the real CT) and JPEG-LS (the generated CT) with the loader’s codecs', async () => {
    const cr = await readGreyscale(file('public/samples/real-chest-cr/RG1_J2KI.dcm'), 'cr');
    expect([cr.rows, cr.cols, cr.display.monochrome1]).toEqual([1955, 1841, true]);
    expect(cr.stored).toBeInstanceOf(Uint16Array);
    expect((cr.stored as Uint16Array).reduce((m, v) => Math.max(m, v), 0)).toBeGreaterThan(1000);

    const ct = await readGreyscale(file('public/samples/real-ct/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573.dcm'), 'ct');
    expect([ct.rows, ct.cols]).toEqual([512, 512]);

    const zip = unzipSync(file('public/samples/ct-chest.zip'));
    const jls = await readGreyscale(zip['ct-chest/CT0000.dcm'], 'jls');
    expect([jls.rows, jls.cols, jls.display.intercept]).toEqual([512, 512, -1024]);
    expect(new Set(jls.stored as ArrayLike<number> as Uint16Array).size).toBeGreaterThan(10);
  });

  it('reads uncompressed 8- and 16-bit files as they are', async () => {
    expect((await readGreyscale(file('e2e/fixtures/real-films/00000075_000.dcm'), 'nih')).stored).toBeInstanceOf(Uint8Array);
    expect((await readGreyscale(file('public/samples/mr-brain/MR0001.dcm'), 'mr')).stored).toBeInstanceOf(Uint16Array);
  });
});
