// What a dictated utterance does, without React or a page: words go to the report field (normalised),
// voice commands act through the report session — accept or reject the selected finding, insert a
// macro or choose a template by name, undo, and sign after the reader confirms.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Series, Study } from '../dicom/studies';
import { parseUtterance } from '../dictation/commands';
import { useAppStore } from '../store/appStore';
import { useModelStore } from '../store/modelStore';
import { useReaderStore } from '../store/readerStore';
import { useReportStore } from '../store/reportStore';
import { useDictationStore } from '../store/dictationStore';
import { applyUtterance, checkDictation, dictateButton, type DictationFields } from './dictation';
import { reportSession, selectFinding } from './reportSession';

const UID = '1.2.826.0.1.3680043.8.498.2';
const series: Series = { uid: 's1', studyUID: UID, modality: 'CR', description: '', number: 1, instances: [], imageIds: ['img'] };
const study = { uid: UID, description: '', date: '', series: [series] } as unknown as Study;

/** A screen with one report field, recording what dictation did to it. */
function screen(opts: { field?: boolean; confirms?: boolean } = {}) {
  const done: string[] = [];
  const field = opts.field ?? true;
  const fields: DictationFields = {
    write: (words) => done.push(`write ${words}`),
    insertMacro: (text) => (field ? done.push(`macro ${text}`) > 0 : false),
    move: (delta) => done.push(`move ${delta}`),
    scratch: () => done.push('scratch'),
    undo: () => field && done.push('field undo') > 0,
    newLine: (text) => done.push(`newline ${JSON.stringify(text)}`),
    select: (words) => done.push(`select ${words}`),
    confirm: (question) => (done.push(`confirm ${question}`), opts.confirms ?? true),
  };
  return { fields, done };
}

const say = (words: string, fields: DictationFields) => applyUtterance(parseUtterance(words), fields);
const report = () => reportSession(UID).report!;

describe('dictation commands', () => {
  beforeEach(() => {
    useReaderStore.setState({ reader: { name: 'Dr Voice', role: 'attending' } });
    useAppStore.setState({ studies: [study], activeSeriesUID: 's1' });
    useModelStore.setState({ draft: undefined });
    useReportStore.setState({ histories: {}, signChecks: {}, selectedFindingId: undefined });
    const session = reportSession(UID);
    session.open('', 'CR');
    const drafted = { id: 'f', text: 'Small left pleural effusion.', regions: [], regionIds: [], confidence: 0.9 };
    session.edit({ type: 'applyDraft', findings: [drafted], impression: 'Small left effusion.' });
    selectFinding('f');
  });

  it('writes the words, normalised, into the field and moves between fields', () => {
    const { fields, done } = screen();
    say('nine by seven millimetre nodule period', fields);
    say('next field', fields);
    say('previous field', fields);
    say('new paragraph', fields);
    say('select small effusion', fields);
    say('scratch that', fields);
    expect(done).toEqual(['write 9 x 7 mm nodule.', 'move 1', 'move -1', 'newline "\\n\\n"', 'select small effusion', 'scratch']);
  });

  it('accepts and rejects the selected finding, and undoes in the field or else in the report', () => {
    const { fields } = screen({ field: false });
    say('accept finding', fields);
    expect(report().content.findings[0].decision).toBe('accepted');
    say('accept the finding', fields);
    expect(report().content.findings[0].decision).toBe('accepted');
    say('reject finding', fields);
    expect(report().content.findings[0].decision).toBe('rejected');
    say('undo', fields);
    expect(report().content.findings[0].decision).toBe('accepted');
    const withField = screen();
    say('undo', withField.fields);
    expect(withField.done).toEqual(['field undo']);
    expect(report().content.findings[0].decision).toBe('accepted');
  });

  it('inserts a macro by its trigger into the field, else chooses a template by its title', () => {
    const { fields, done } = screen();
    say('insert normal chest', fields);
    expect(done).toEqual(['macro The lungs are clear. No pleural effusion or pneumothorax. The heart size is normal.']);
    expect(report().content.template).toBeUndefined();
    say('insert chest radiograph', fields);
    expect(report().content.template?.title).toBe('Chest radiograph');
    // Without a field to type into, a macro's name falls through to the templates.
    say('insert normal chest', screen({ field: false }).fields);
    expect(report().content.template?.title).toBe('Chest radiograph');
  });

  it('signs only after the reader confirms, through the checks, and not while a draft streams in', () => {
    const refused = screen({ confirms: false });
    say('sign report', refused.fields);
    expect(refused.done).toEqual(['confirm Sign the report now?']);
    expect(report().status).toBe('draft');
    // The undecided AI finding (and the model's impression) are checks: the dialog opens instead of signing.
    const { fields } = screen();
    say('sign the report', fields);
    expect(report().status).toBe('draft');
    expect(useReportStore.getState().signChecks[UID]?.map((c) => c.id)).toEqual(['pending-f', 'impression']);
    say('accept finding', fields);
    useModelStore.setState({ draft: { status: 'running' } as never });
    say('sign it', fields);
    expect(report().status).toBe('draft');
    useModelStore.setState({ draft: undefined });
    say('sign it', fields);
    expect(report().status).toBe('signed');
  });
});

describe('the Dictate button', () => {
  it('is off, saying why, where nothing can listen: no on-device recogniser (as in Node), or no language pack', async () => {
    await checkDictation();
    const { status, message } = useDictationStore.getState();
    expect(status).toBe('unsupported');
    expect(dictateButton(status, message, 'F4')).toEqual({
      disabled: true,
      title: expect.stringMatching(/no on-device speech recognition/),
    });
    expect(dictateButton('pack-missing', 'The on-device language pack for en-US is not installed.', 'F4')).toEqual({
      disabled: true,
      title: 'The on-device language pack for en-US is not installed. Install the language pack to dictate.',
    });
  });

  it('is on where it can listen, and after a failure, to try again', () => {
    for (const status of ['ready', 'listening', 'paused', 'no-microphone', 'error'] as const)
      expect(dictateButton(status, '', 'F4'), status).toEqual({
        disabled: false,
        title: 'Dictate into the field you are in (hold F4 to talk)',
      });
  });
});
