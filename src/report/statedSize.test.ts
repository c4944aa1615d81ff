import { describe, expect, it } from 'vitest';
import type { FindingChange } from './comparison/compare';
import { DETECTOR_CAVEAT } from './measurement';
import { changesAsStated, sentenceAsStated, SIZE_AT_DETECTOR, weakestSpacing } from './statedSize';

describe('sentenceAsStated: a size in mm or cm only where the image states its pixel spacing', () => {
  it('keeps the size where the image states Pixel Spacing', () => {
    expect(sentenceAsStated('There is a 5.8 cm mass in the left mid zone.', 'pixel spacing')).toEqual({
      text: 'There is a 5.8 cm mass in the left mid zone.',
    });
  });

  it('keeps it with the caveat where the image states only Imager Pixel Spacing (the measuring tools’ words)', () => {
    const stated = sentenceAsStated('There is a 5.8 cm mass in the left mid zone.', 'imager pixel spacing');
    expect(stated.text).toBe('There is a 5.8 cm mass in the left mid zone.');
    expect(stated.caveat).toBe(SIZE_AT_DETECTOR);
    expect(SIZE_AT_DETECTOR).toContain(DETECTOR_CAVEAT);
  });

  it('gives no caveat to a sentence that states no size', () => {
    expect(sentenceAsStated('Cardiomegaly.', 'imager pixel spacing')).toEqual({ text: 'Cardiomegaly.' });
  });

  it.each([
    ['There is a 5.8 cm mass in the left mid zone.', 'There is a mass in the left mid zone.'],
    ['5.8 cm mass in the left mid zone.', 'Mass in the left mid zone.'],
    ['12 mm nodule in the right upper zone.', 'Nodule in the right upper zone.'],
    ['A 9 mm rounded nodular opacity projects over the right lower zone.', 'A rounded nodular opacity projects over the right lower zone.'],
    ['There is an 8 mm pulmonary nodule in the left upper zone.', 'There is a pulmonary nodule in the left upper zone.'],
    ['There is a 1.2 cm opacity in the left lower zone.', 'There is an opacity in the left lower zone.'],
    ['Left lower zone mass measuring 4.1 cm.', 'Left lower zone mass.'],
    ['Small right pneumothorax with a visible pleural line, rim 12 mm.', 'Small right pneumothorax with a visible pleural line.'],
    ['A 9 x 7 mm nodule in the right upper zone.', 'A nodule in the right upper zone.'],
    ['Endotracheal tube tip 4 cm above the carina.', 'Endotracheal tube tip above the carina.'],
    ['Cardiomegaly.', 'Cardiomegaly.'],
  ])('takes the size out where the image states neither: %s', (text, expected) => {
    expect(sentenceAsStated(text, 'none')).toEqual({ text: expected });
  });
});

describe('changesAsStated', () => {
  const change: FindingChange = {
    kind: 'increased',
    type: 'nodule',
    laterality: 'right',
    prior: 0,
    current: 0,
    sizeMm: [8, 14],
    movedMm: 12,
    currentText: 'A 14 mm nodule in the right upper zone.',
  };

  it('clears every size of a comparison where a film states no spacing', () => {
    expect(changesAsStated([change], 'none')).toEqual([
      { ...change, sizeMm: [undefined, undefined], movedMm: undefined, currentText: 'A nodule in the right upper zone.' },
    ]);
  });

  it('leaves them where both films state one', () => {
    expect(changesAsStated([change], 'pixel spacing')).toEqual([change]);
    expect(changesAsStated([change], 'imager pixel spacing')).toEqual([change]);
  });

  it('reads two films at the weaker of their spacings', () => {
    expect(weakestSpacing('pixel spacing', 'imager pixel spacing')).toBe('imager pixel spacing');
    expect(weakestSpacing('imager pixel spacing', 'none')).toBe('none');
    expect(weakestSpacing('pixel spacing', 'pixel spacing')).toBe('pixel spacing');
  });
});
