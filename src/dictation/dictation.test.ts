import { describe, expect, it } from 'vitest';
import { findByName, findWords, parseUtterance } from './commands';
import { normaliseDictation, placeDictation } from './normalise';

describe('dictation normaliser', () => {
  it('writes numbers with units, sizes and decimals as a report does', () => {
    expect(normaliseDictation('eighteen millimetres')).toBe('18 mm');
    expect(normaliseDictation('a nine by seven millimeter nodule')).toBe('a 9 x 7 mm nodule');
    expect(normaliseDictation('two point five centimetres')).toBe('2.5 cm');
    expect(normaliseDictation('tip four centimeters above the carina')).toBe('tip 4 cm above the carina');
    expect(normaliseDictation('forty two millimetres')).toBe('42 mm');
    expect(normaliseDictation('one hundred and twenty hounsfield units')).toBe('120 HU');
    expect(normaliseDictation('thirty percent')).toBe('30%');
    expect(normaliseDictation('one nodule')).toBe('one nodule');
    expect(normaliseDictation('fifteen nodules')).toBe('15 nodules');
  });

  it('turns spoken punctuation into marks with the right spacing', () => {
    expect(normaliseDictation('small left effusion period no pneumothorax period')).toBe('small left effusion. no pneumothorax.');
    expect(normaliseDictation('lungs colon clear comma no effusion')).toBe('lungs: clear, no effusion');
    expect(normaliseDictation('heart normal new line mediastinum normal')).toBe('heart normal\nmediastinum normal');
    expect(normaliseDictation('heart normal new paragraph bones')).toBe('heart normal\n\nbones');
    expect(normaliseDictation('effusion open paren small close paren')).toBe('effusion (small)');
  });

  it('spells the abbreviations and vertebral levels', () => {
    expect(normaliseDictation('e t t tip at t three')).toBe('ETT tip at T3');
    expect(normaliseDictation('right picc line and ng tube')).toBe('right PICC line and NG tube');
    expect(normaliseDictation('c t r point five five')).toBe('CTR 0.55');
    expect(normaliseDictation('ap portable view')).toBe('AP portable view');
  });

  it('places a phrase after what the field holds: spaces, capitals at sentence starts', () => {
    expect(placeDictation('', 'small left effusion.')).toBe('Small left effusion.');
    expect(placeDictation('Small left effusion.', 'no pneumothorax.')).toBe(' No pneumothorax.');
    expect(placeDictation('Small left', 'effusion')).toBe(' effusion');
    expect(placeDictation('Small left effusion', '. no pneumothorax')).toBe('. No pneumothorax');
    expect(placeDictation('Lungs clear', ', no effusion')).toBe(', no effusion');
    expect(placeDictation('Heart normal\n', 'bones normal')).toBe('Bones normal');
  });
});

describe('voice commands', () => {
  it('recognises a command only when it is the whole utterance', () => {
    expect(parseUtterance('Next field')).toEqual({ kind: 'command', command: { kind: 'next-field' } });
    expect(parseUtterance('previous field.')).toEqual({ kind: 'command', command: { kind: 'previous-field' } });
    expect(parseUtterance('insert normal chest')).toEqual({ kind: 'command', command: { kind: 'insert', name: 'normal chest' } });
    expect(parseUtterance('scratch that')).toEqual({ kind: 'command', command: { kind: 'scratch' } });
    expect(parseUtterance('delete that')).toEqual({ kind: 'command', command: { kind: 'scratch' } });
    expect(parseUtterance('accept finding').kind).toBe('command');
    expect(parseUtterance('reject the finding')).toEqual({ kind: 'command', command: { kind: 'reject-finding' } });
    expect(parseUtterance('undo')).toEqual({ kind: 'command', command: { kind: 'undo' } });
    expect(parseUtterance('select small effusion')).toEqual({ kind: 'command', command: { kind: 'select', words: 'small effusion' } });
    expect(parseUtterance('sign report')).toEqual({ kind: 'command', command: { kind: 'sign' } });
    expect(parseUtterance('new paragraph')).toEqual({ kind: 'command', command: { kind: 'new-paragraph' } });
    expect(parseUtterance('the next field of view is clear')).toEqual({ kind: 'text', words: 'the next field of view is clear' });
    expect(parseUtterance('next field', false)).toEqual({ kind: 'text', words: 'next field' });
  });

  it('finds a macro by name or trigger and words to select', () => {
    const macros = [
      { name: 'Normal chest', trigger: 'normal chest' },
      { name: 'Pulmonary nodule', trigger: 'nodule' },
    ];
    expect(findByName(macros, 'normal chest', (m) => m.trigger)?.name).toBe('Normal chest');
    expect(findByName(macros, 'nodule', (m) => m.trigger)?.name).toBe('Pulmonary nodule');
    expect(findByName(macros, 'pulmonary', (m) => m.trigger)?.name).toBe('Pulmonary nodule');
    expect(findByName(macros, 'abdomen', (m) => m.trigger)).toBeUndefined();
    expect(findWords('Small left effusion. Small nodule.', 'small')).toEqual([21, 26]);
    expect(findWords('Clear.', 'effusion')).toBeUndefined();
  });
});
