// Dictation. The on-device recogniser cannot download its language pack here, so the main test
// installs, before the page loads, a recogniser with the Web Speech API's interface that replays
// scripted results (interim, then final); Chromium's fake microphone feeds the level meter. The real
// API is tested as it is here: a missing language pack, and a browser without on-device recognition.
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { openSample } from './helpers';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

/** A stand-in recogniser: records how Lucent set it up, and says what the test scripts. */
function installScriptedRecogniser(): void {
  class ScriptedRecognition extends EventTarget {
    static async available() {
      return 'available';
    }
    static async install() {
      return true;
    }
    lang = '';
    continuous = false;
    interimResults = false;
    onresult: ((e: unknown) => void) | null = null;
    onerror: ((e: unknown) => void) | null = null;
    onend: (() => void) | null = null;
    start() {
      const w = window as unknown as Record<string, unknown>;
      w.__recognition = this;
      w.__setup = {
        lang: this.lang,
        continuous: this.continuous,
        interimResults: this.interimResults,
        processLocally: (this as unknown as { processLocally: boolean }).processLocally,
      };
    }
    stop() {
      setTimeout(() => this.onend?.(), 20);
    }
    abort() {
      this.stop();
    }
    say(transcript: string, isFinal: boolean) {
      const result = Object.assign([{ transcript, confidence: 0.9 }], { isFinal });
      this.onresult?.({ resultIndex: 0, results: [result] });
    }
  }
  Object.defineProperty(ScriptedRecognition.prototype, 'processLocally', { value: false, writable: true });
  (window as unknown as Record<string, unknown>).SpeechRecognition = ScriptedRecognition;
}

/** Says an utterance as a recogniser does: its words growing as interim results, then final. */
async function say(page: Page, words: string): Promise<void> {
  const parts = words.split(' ');
  for (let n = 1; n < parts.length; n++) {
    await page.evaluate(
      (t) => (window as unknown as { __recognition: { say: (t: string, f: boolean) => void } }).__recognition.say(t, false),
      parts.slice(0, n).join(' '),
    );
  }
  await page.evaluate(
    (t) => (window as unknown as { __recognition: { say: (t: string, f: boolean) => void } }).__recognition.say(t, true),
    words,
  );
}

test('dictate into fields, with voice commands, numbers and units, scratch and undo, push-to-talk', async ({ page }) => {
  await page.addInitScript(installScriptedRecogniser);
  await openSample(page, 'chest-dx');
  await page.getByTestId('template-select').selectOption('lucent-chest-radiograph');
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'ready');

  // A finding, dictated into the box where findings are typed: the Dictate button keeps the field.
  await page.getByLabel('Add a finding').focus();
  await page.getByTestId('dictate').click();
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'listening');
  expect(await page.evaluate(() => (window as unknown as { __setup: unknown }).__setup)).toEqual({
    lang: 'en-US',
    continuous: true,
    interimResults: true,
    processLocally: true,
  });
  await expect(page.getByTestId('dictation-level')).toBeVisible();
  await page.evaluate(() =>
    (window as unknown as { __recognition: { say: (t: string, f: boolean) => void } }).__recognition.say('small left pleural', false),
  );
  await expect(page.getByTestId('dictation-interim')).toHaveText('small left pleural');
  await expect(page.getByLabel('Add a finding')).toHaveValue('');
  await say(page, 'small left pleural effusion measuring eighteen millimetres');
  await expect(page.getByTestId('dictation-interim')).toHaveCount(0);
  await expect(page.getByLabel('Add a finding')).toHaveValue('Small left pleural effusion measuring 18 mm');
  await page.getByLabel('Add a finding').press('Enter');
  await expect(page.getByTestId('finding')).toHaveCount(1);

  // Template fields: "next field" moves, "insert normal chest" inserts the macro, "scratch that" removes it, undo restores it.
  await page.locator('#field-lungs-text').focus();
  await say(page, 'nine by seven millimetre nodule in the right upper zone period');
  await expect(page.locator('#field-lungs-text')).toHaveValue('9 x 7 mm nodule in the right upper zone.');
  await say(page, 'next field');
  await expect(page.locator('#field-pleura-text')).toBeFocused();
  await say(page, 'insert normal chest');
  const normal = 'The lungs are clear. No pleural effusion or pneumothorax. The heart size is normal.';
  await expect(page.locator('#field-pleura-text')).toHaveValue(normal);
  await say(page, 'scratch that');
  await expect(page.locator('#field-pleura-text')).toHaveValue('');
  await say(page, 'undo');
  await expect(page.locator('#field-pleura-text')).toHaveValue(normal);
  await say(page, 'previous field');
  await expect(page.locator('#field-lungs-text')).toBeFocused();
  await say(page, 'e t t tip four centimetres above the carina');
  await expect(page.locator('#field-lungs-text')).toHaveValue('9 x 7 mm nodule in the right upper zone. ETT tip 4 cm above the carina');
  // The impression is the report's last box: "next field" stays in the report, never the signer's name.
  await page.getByTestId('impression').focus();
  await say(page, 'next field');
  await expect(page.getByLabel('Reader')).not.toBeFocused();
  await expect(page.getByTestId('impression')).toBeFocused();

  await page.getByTestId('dictate').click();
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('dictation-state')).toHaveText('Paused — hold F4 or press Dictate to go on');

  // Push-to-talk: listening while F4 is held.
  await page.keyboard.down('F4');
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'listening');
  await page.keyboard.up('F4');
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'paused');
});

test('without a microphone dictation says so and does not listen', async ({ page }) => {
  await page.addInitScript(installScriptedRecogniser);
  // As a machine with no audio input: the browser finds no device.
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
  });
  await openSample(page, 'chest-dx');
  await page.getByTestId('dictate').click();
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'no-microphone');
  await expect(page.getByTestId('dictation-state')).toHaveText('No microphone, or the browser was not allowed to use it.');
  expect(await page.evaluate(() => (window as unknown as { __recognition?: unknown }).__recognition)).toBeUndefined();
});

test('without a language pack Lucent offers to install it, and says when it cannot', async ({ page }) => {
  await openSample(page, 'chest-dx');
  // Chromium here has on-device recognition but cannot download the en-US pack.
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'pack-missing');
  await expect(page.getByTestId('dictation-state')).toHaveText('The on-device language pack for en-US is not installed.');
  // Dictate cannot listen without the pack: it is off, and says why (#38).
  await expect(page.getByTestId('dictate')).toBeDisabled();
  await expect(page.getByTestId('dictate')).toHaveAttribute('title', /language pack for en-US is not installed/);
  await page.getByTestId('install-language').click();
  await expect(page.getByTestId('dictation-state')).toHaveText(
    'The en-US language pack could not be installed (the browser could not download it). Dictation stays off.',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'pack-missing');
});

test('a browser without on-device recognition gets an explanation, and nothing is sent', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!new URL(r.url()).hostname.match(/^(127\.0\.0\.1|localhost)$/) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      outside.push(r.url());
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.SpeechRecognition;
    delete w.webkitSpeechRecognition;
  });
  await openSample(page, 'chest-dx');
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'unsupported');
  // Dictate is off where it cannot run, its title saying why (#38); push-to-talk does nothing either.
  await expect(page.getByTestId('dictate')).toBeDisabled();
  await expect(page.getByTestId('dictate')).toHaveAttribute('title', /does not send speech to a cloud service/);
  await page.keyboard.press('F4');
  await expect(page.getByTestId('dictation')).toHaveAttribute('data-status', 'unsupported');
  await expect(page.getByTestId('dictation-state')).toContainText('no on-device speech recognition');
  expect(outside).toEqual([]);
});
