import { describe, expect, it } from 'vitest';
import { findingSentence, formatValue, unitOf } from './sentence';

describe('sentences from measurements', () => {
  it('writes measurements, sites and sides as a reader would', () => {
    expect(
      findingSentence({
        finding: 'Nodule',
        site: 'Upper Lobe of Lung',
        laterality: 'Right',
        measurements: [{ name: 'Long Axis', value: 12.34, unit: 'mm' }],
        evaluations: [],
      }),
    ).toBe('Nodule, right upper lobe of lung: Long axis 12.3 mm.');
    expect(
      findingSentence({
        site: 'Left lung',
        laterality: 'Left',
        measurements: [],
        evaluations: [{ name: 'Margin', value: 'Spiculated', coded: true }],
      }),
    ).toBe('Left lung: Margin: spiculated.');
    expect(
      findingSentence({
        measurements: [
          { name: 'SUV max', value: 4.567, unit: '' },
          { name: 'Angle', value: 32, unit: '°' },
        ],
        evaluations: [],
      }),
    ).toBe('SUV max 4.57; Angle 32°.');
    expect(findingSentence({ measurements: [], evaluations: [] })).toBe('Measurement.');
    expect([formatValue(0.8123), formatValue(340.4), formatValue(-12.35)]).toEqual(['0.81', '340', '-12.3']);
    expect([
      unitOf({ CodeValue: "[hnsf'U]", CodingSchemeDesignator: 'UCUM' }),
      unitOf({ CodeValue: 'cm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'centimeter' }),
      unitOf({ CodeValue: 'x', CodingSchemeDesignator: '99X', CodeMeaning: 'widgets' }),
    ]).toEqual(['HU', 'cm', 'widgets']);
  });
});
