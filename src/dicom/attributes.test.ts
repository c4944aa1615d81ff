import { describe, expect, it } from 'vitest';
import { headerFromAttributes, type AttributeReader } from './attributes';

/** A reader over plain attributes: tag → value ("0.2\\0.2" for a multi-valued one). */
function reader(attributes: Record<string, string>): AttributeReader {
  return {
    text: (tag) => (attributes[tag] ?? '').trim(),
    values: (tag) => (attributes[tag] === undefined ? [] : attributes[tag].split('\\')),
    us: () => undefined,
    item: () => undefined,
  };
}

describe('headerFromAttributes: which spacing the image states', () => {
  it('takes Pixel Spacing first, and says it came from there', () => {
    const h = headerFromAttributes(reader({ '00280030': '0.2\\0.2', '00181164': '0.25\\0.25' }));
    expect(h.pixelSpacing).toEqual([0.2, 0.2]);
    expect(h.pixelSpacingSource).toBe('pixel spacing');
  });

  it('falls back to Imager Pixel Spacing (at the detector), and says so', () => {
    const h = headerFromAttributes(reader({ '00181164': '0.143\\0.143' }));
    expect(h.pixelSpacing).toEqual([0.143, 0.143]);
    expect(h.pixelSpacingSource).toBe('imager pixel spacing');
  });

  it('states none where both are absent or unusable (0\\0)', () => {
    const h = headerFromAttributes(reader({ '00280030': '0\\0' }));
    expect(h.pixelSpacing).toBeUndefined();
    expect(h.pixelSpacingSource).toBeUndefined();
  });

  it('reads the Manufacturer', () => {
    expect(headerFromAttributes(reader({ '00080070': ' Lucent synthetic sample generator ' })).manufacturer).toBe(
      'Lucent synthetic sample generator',
    );
    expect(headerFromAttributes(reader({})).manufacturer).toBe('');
  });
});
