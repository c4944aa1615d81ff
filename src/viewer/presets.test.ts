import { describe, expect, it } from 'vitest';
import { CT_PRESETS, HEAD_CT_PRESETS, presetsFor } from './presets';

const named = (modality: string | undefined, bodyPart?: string) =>
  presetsFor(modality, bodyPart).map((p) => `${p.key} ${p.name} ${p.width}/${p.center}`);

describe('window presets by modality and body part', () => {
  it('gives a body CT its windows on keys 1–7, keys 1–6 where they were', () => {
    expect(named('CT', 'CHEST')).toEqual([
      '1 Soft tissue 400/40',
      '2 Lung 1500/-600',
      '3 Liver 150/90',
      '4 Bone 2500/480',
      '5 Brain 80/40',
      '6 Mediastinum 350/50',
      '7 Abdomen 400/50',
    ]);
    expect(presetsFor('CT', 'ABDOMEN')).toBe(CT_PRESETS);
    expect(presetsFor('CT', '')).toBe(CT_PRESETS);
    expect(presetsFor('CT', undefined)).toBe(CT_PRESETS);
  });

  it('puts the brain first on a CT of the head, whatever the case of its body part', () => {
    expect(named('CT', 'HEAD')).toEqual([
      '1 Brain 80/40',
      '2 Subdural 200/75',
      '3 Stroke 40/40',
      '4 Bone 2500/480',
      '5 Soft tissue 400/40',
    ]);
    expect(presetsFor('CT', 'brain')).toBe(HEAD_CT_PRESETS);
    expect(presetsFor(' ct ', 'SKULL ')).toBe(HEAD_CT_PRESETS);
  });

  it('gives no preset to a modality whose values are not in absolute units', () => {
    for (const modality of ['MR', 'CR', 'DX', 'MG', 'US', 'PT', 'OT', '', undefined]) expect(named(modality, 'CHEST')).toEqual([]);
  });

  it('keeps to keys 1–9, each once', () => {
    for (const presets of [CT_PRESETS, HEAD_CT_PRESETS]) {
      expect(presets.length).toBeLessThanOrEqual(9);
      expect(presets.map((p) => p.key)).toEqual(presets.map((_, i) => String(i + 1)));
    }
  });
});
