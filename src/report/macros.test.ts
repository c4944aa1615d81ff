import { describe, expect, it } from 'vitest';
import { DEFAULT_MACROS, expandMacro, fieldNear, macroBeforeCaret, macrosFromFile, macrosToFile, mergeMacros } from './macros';

describe('macros', () => {
  it('finds the trigger typed before the caret, whole words only, the longest first', () => {
    const macros = [...DEFAULT_MACROS, { id: 'x', name: 'Chest', trigger: 'chest', text: 'Chest.' }];
    expect(macroBeforeCaret('Findings: Normal Chest', 22, macros)).toMatchObject({ macro: { id: 'normal-chest' }, start: 10 });
    expect(macroBeforeCaret('abnormal chest', 14, DEFAULT_MACROS)).toBeUndefined();
    expect(macroBeforeCaret('normal chest then', 17, DEFAULT_MACROS)).toBeUndefined();
  });

  it('expands into the text and selects the first field; fields are found both ways', () => {
    const nodule = DEFAULT_MACROS.find((m) => m.id === 'nodule')!;
    const out = expandMacro('Lungs: nodule', 7, 13, nodule);
    expect(out.text).toBe('Lungs: [size] mm [solid] nodule in the [location].');
    expect(out.selection).toEqual([7, 13]);
    expect(fieldNear(out.text, 13)).toEqual([17, 24]);
    expect(fieldNear(out.text, 17, true)).toEqual([7, 13]);
    const plain = expandMacro('normal chest', 0, 12, DEFAULT_MACROS[0]);
    expect(plain.selection).toEqual([plain.text.length, plain.text.length]);
  });

  it('round-trips through a file and refuses what is not one', () => {
    expect(macrosFromFile(macrosToFile(DEFAULT_MACROS))).toEqual(DEFAULT_MACROS);
    expect(() => macrosFromFile('hello')).toThrow('Not a macro file: it is not JSON.');
    expect(() => macrosFromFile('{"macros": []}')).toThrow(/format/);
    expect(() => macrosFromFile('{"format": "lucent-macros/1", "macros": [{"text": "x"}]}')).toThrow(
      'Macro 1 in the file has no trigger or no text.',
    );
    const merged = mergeMacros(DEFAULT_MACROS, [{ id: 'mine', name: 'Mine', trigger: 'Normal Chest', text: 'Clear.' }]);
    expect(merged.filter((m) => m.trigger.toLowerCase() === 'normal chest')).toEqual([
      { id: 'mine', name: 'Mine', trigger: 'Normal Chest', text: 'Clear.' },
    ]);
  });
});
