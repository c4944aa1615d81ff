// Dictation on the device only, through the Web Speech API's on-device recognition
// (SpeechRecognition.available / install / processLocally, Chrome and Edge). Lucent checks that the
// language pack is on the machine, offers to install it, and refuses where only a remote recogniser
// exists — audio and words never leave the browser. Final results go to the handler the screen
// registers; what an utterance does is decided here (applyUtterance): words into the report field in
// focus, voice commands through the report session. Interim words and the microphone level go to the store.
import { findByName, parseUtterance, type Utterance, type VoiceCommand } from '../dictation/commands';
import { normaliseDictation } from '../dictation/normalise';
import { FINDING_TYPES } from '../findings/labels';
import { useDictationStore, type DictationStatus } from '../store/dictationStore';
import { useModelStore } from '../store/modelStore';
import { useReportingStore } from '../store/reportingStore';
import { activeReportSession, decideSelected, undoReport } from './reportCommands';
import { availableTemplates, chooseTemplate } from './structuredReport';

/**
 * The report's text fields as dictation uses them (the page's own boxes: ui/dictation/reportFields.ts).
 * Each acts on the field in focus, or the last report field the reader was in.
 */
export interface DictationFields {
  /** Writes the words at the caret, spaced and capitalised after what the field holds. */
  write(words: string): void;
  /** Types a macro's text at the caret, its first [field] selected; false when no field is there. */
  insertMacro(text: string): boolean;
  /** The next (+1) or previous (−1) field. */
  move(delta: 1 | -1): void;
  /** Removes the last dictated phrase, if it is still there as written. */
  scratch(): void;
  /** The field's own undo; false when no field is there (the report's undo is then used). */
  undo(): boolean;
  /** A line break in a multi-line field. */
  newLine(text: '\n' | '\n\n'): void;
  /** Selects the words where they last stand in the field. */
  select(words: string): void;
  /** Asks the reader to confirm (before signing). */
  confirm(question: string): boolean;
}

/** "insert normal chest": a macro by name or trigger into the field; else a template by its title. */
function insertByName(name: string, fields: DictationFields): void {
  const macro = findByName(useReportingStore.getState().macros, name, (m) => m.trigger);
  if (macro && fields.insertMacro(macro.text)) return;
  const template = findByName(
    availableTemplates().map((t) => ({ ...t, name: t.title })),
    name,
  );
  const session = activeReportSession();
  if (template && session) chooseTemplate(session.studyUID, template.id);
}

/** "sign report": after the reader confirms, the sign flow with its checks; not while a draft streams in. */
function signByVoice(fields: DictationFields): void {
  const session = activeReportSession();
  if (!session?.signsAs || useModelStore.getState().draft?.status === 'running') return;
  if (fields.confirm('Sign the report now?')) session.requestSign();
}

function run(command: VoiceCommand, fields: DictationFields): void {
  switch (command.kind) {
    case 'next-field':
      return fields.move(1);
    case 'previous-field':
      return fields.move(-1);
    case 'insert':
      return insertByName(command.name, fields);
    case 'accept-finding':
      return decideSelected('accepted');
    case 'reject-finding':
      return decideSelected('rejected');
    case 'scratch':
      return fields.scratch();
    case 'undo':
      if (!fields.undo()) undoReport();
      return;
    case 'new-line':
      return fields.newLine('\n');
    case 'new-paragraph':
      return fields.newLine('\n\n');
    case 'select':
      return fields.select(command.words);
    case 'sign':
      return signByVoice(fields);
  }
}

/** What one final utterance does: words into the field, or a voice command. */
export function applyUtterance(utterance: Utterance, fields: DictationFields): void {
  if (utterance.kind === 'text') fields.write(normaliseDictation(utterance.words));
  else run(utterance.command, fields);
}

/** The parts of the Web Speech API Lucent uses (typed here: TypeScript's DOM types lack the on-device ones). */
interface Recognition extends EventTarget {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  processLocally: boolean;
  phrases?: unknown[];
  start(): void;
  stop(): void;
  abort(): void;
  onresult: ((e: { resultIndex: number; results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }> }) => void) | null;
  onerror: ((e: { error: string; message?: string }) => void) | null;
  onend: (() => void) | null;
}
type Availability = 'available' | 'downloadable' | 'downloading' | 'unavailable';
interface RecognitionClass {
  new (): Recognition;
  available?: (options: { langs: string[]; processLocally: boolean }) => Promise<Availability>;
  install?: (options: { langs: string[]; processLocally: boolean }) => Promise<boolean>;
}

const recognitionClass = (): RecognitionClass | undefined =>
  (globalThis as unknown as { SpeechRecognition?: RecognitionClass }).SpeechRecognition;

let recognition: Recognition | undefined;
let microphone: { stream: MediaStream; context: AudioContext; timer: number } | undefined;
let handler: ((utterance: Utterance) => void) | undefined;

/** The screen's handler for each final utterance. */
export function onUtterance(fn: (utterance: Utterance) => void): () => void {
  handler = fn;
  return () => {
    if (handler === fn) handler = undefined;
  };
}

const state = (patch: Parameters<ReturnType<typeof useDictationStore.getState>['set']>[0]) => useDictationStore.getState().set(patch);

/**
 * The Dictate button: off, its title saying why, while dictation cannot listen — no on-device
 * recogniser (headless Chromium, Firefox), no language pack, or one being checked or installed —
 * since pressing it would do nothing there (#38). After an error or a refused microphone it stays on: pressing tries again.
 */
export function dictateButton(status: DictationStatus, message: string, pushToTalkKey: string): { disabled: boolean; title: string } {
  switch (status) {
    case 'unsupported':
      return { disabled: true, title: message || 'This browser has no on-device speech recognition.' };
    case 'pack-missing':
      return { disabled: true, title: `${message} Install the language pack to dictate.` };
    case 'checking':
    case 'installing':
      return { disabled: true, title: message || 'Checking on-device recognition…' };
    default:
      return { disabled: false, title: `Dictate into the field you are in (hold ${pushToTalkKey} to talk)` };
  }
}

/** Whether dictation can run here, and why not: sets the status. */
export async function checkDictation(): Promise<void> {
  const Recognition = recognitionClass();
  const lang = useDictationStore.getState().settings.lang;
  if (!Recognition?.available || !('processLocally' in Recognition.prototype)) {
    return state({
      status: 'unsupported',
      message:
        'This browser has no on-device speech recognition (Chrome or Edge with on-device recognition has). ' +
        'Lucent does not send speech to a cloud service, so dictation is off.',
    });
  }
  state({ status: 'checking', message: '' });
  const availability = await Recognition.available({ langs: [lang], processLocally: true }).catch(() => 'unavailable' as const);
  if (availability === 'available') return state({ status: 'ready', message: '' });
  if (availability === 'downloadable' || availability === 'downloading') {
    return state({ status: 'pack-missing', message: `The on-device language pack for ${lang} is not installed.` });
  }
  state({
    status: 'unsupported',
    message: `On-device recognition of ${lang} is not available in this browser; Lucent does not send speech to a cloud service.`,
  });
}

/** Installs the language pack (the browser downloads it once; then it runs offline). */
export async function installLanguagePack(): Promise<void> {
  const Recognition = recognitionClass();
  const lang = useDictationStore.getState().settings.lang;
  state({ status: 'installing', message: `Installing the ${lang} language pack…` });
  const done = await Recognition?.install?.({ langs: [lang], processLocally: true }).catch(() => false);
  if (done) return checkDictation();
  state({
    status: 'pack-missing',
    message: `The ${lang} language pack could not be installed (the browser could not download it). Dictation stays off.`,
  });
}

/** The microphone level for the meter; false when there is no microphone (or it was refused). */
async function openMicrophone(): Promise<boolean> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);
      state({ level: Math.min(1, rms * 4) });
    }, 100);
    microphone = { stream, context, timer };
    return true;
  } catch {
    return false;
  }
}

function closeMicrophone(): void {
  if (!microphone) return;
  clearInterval(microphone.timer);
  microphone.stream.getTracks().forEach((t) => t.stop());
  void microphone.context.close();
  microphone = undefined;
  state({ level: 0 });
}

/** Terms the recogniser may favour: the template's section and field names and the macros' triggers. */
function contextualPhrases(terms: string[]): unknown[] | undefined {
  const Phrase = (globalThis as unknown as { SpeechRecognitionPhrase?: new (phrase: string, boost: number) => unknown })
    .SpeechRecognitionPhrase;
  return Phrase ? [...new Set(terms.filter(Boolean))].slice(0, 100).map((t) => new Phrase(t, 3)) : undefined;
}

export async function startDictation(terms: string[] = []): Promise<void> {
  const status = useDictationStore.getState().status;
  if (status === 'listening') return;
  if (status !== 'ready' && status !== 'paused') await checkDictation();
  if (useDictationStore.getState().status === 'paused') state({ status: 'ready' });
  if (useDictationStore.getState().status !== 'ready') return;
  if (!(await openMicrophone()))
    return state({ status: 'no-microphone', message: 'No microphone, or the browser was not allowed to use it.' });
  const Recognition = recognitionClass()!;
  const { lang, commandsOn } = useDictationStore.getState().settings;
  const r = new Recognition();
  Object.assign(r, { lang, continuous: true, interimResults: true, processLocally: true });
  const findingWords = FINDING_TYPES.map((t) => t.replace(/_/g, ' '));
  const phrases = contextualPhrases([...terms, ...findingWords, ...useReportingStore.getState().macros.map((m) => m.trigger)]);
  if (phrases && 'phrases' in r) r.phrases = phrases;
  r.onresult = (e) => {
    let interim = '';
    for (let i = e.resultIndex; i < e.results.length; i++) {
      const result = e.results[i];
      if (result.isFinal) handler?.(parseUtterance(result[0].transcript, commandsOn));
      else interim += result[0].transcript;
    }
    state({ interim });
  };
  r.onerror = (e) => {
    if (e.error === 'no-speech' || e.error === 'aborted') return;
    state({
      status: e.error === 'audio-capture' || e.error === 'not-allowed' ? 'no-microphone' : 'error',
      message: `Dictation stopped: ${e.error}${e.message ? ` (${e.message})` : ''}.`,
    });
  };
  r.onend = () => {
    if (recognition === r) recognition = undefined;
    closeMicrophone();
    const now = useDictationStore.getState().status;
    state({ interim: '', ...(now === 'listening' ? { status: 'paused' } : {}) });
  };
  recognition = r;
  state({ status: 'listening', message: '', interim: '' });
  r.start();
}

/** Stops listening; words already heard are still delivered. */
export function stopDictation(): void {
  recognition?.stop();
}
