// Twenty real NIH ChestX-ray14 test-split films (models/real-check: every 32nd film of the split in
// name order, and every test film with NIH's own boxes; chosen by that rule before any was drafted)
// drafted in the browser, one after another, and held to their NIH labels and boxes at levels the
// model clears with room, and to the card's per-film records (models/lucent-cxr-synth/real-films/),
// which `npm run eval -- --labels` made with the same runtime outside the browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { iou, type Box } from '../src/findings/box';
import { labelSentence, labelsDenied, labelsSaidBy, type LabelType } from '../src/findings/labels';
import type { FilmRecords } from '../scripts/eval/metrics/realFilms';
import { chooseBackend, draft, dropPaths, openSample, type Draft } from './helpers';

const DIR = 'models/real-check';
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.dcm'))
  .map((f) => f.slice(0, -4))
  .sort();
const truthOf = (name: string) =>
  JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as {
    labels: Partial<Record<LabelType, 0 | 1>>;
    findings: Array<{ type: LabelType; boxes: Box[] }>;
  };
const records = JSON.parse(readFileSync('models/lucent-cxr-synth/real-films/test.json', 'utf8')) as FilmRecords;
const recorded = new Map(records.films.map((f) => [f.name, f.sentences.map((s) => s.text)]));

/** The labels a drafted finding says (a consolidation: an airspace opacity too). */
const labelsSaid = (text: string): LabelType[] => {
  const type = labelSentence(text)?.type;
  return type ? labelsSaidBy(type) : [];
};

test('twenty real NIH test films drafted in the browser agree with the card and with their labels and boxes', async ({ page }) => {
  test.setTimeout(1_200_000);
  expect(names.length).toBeGreaterThanOrEqual(10);
  await openSample(page, 'real-nih-normal');
  await chooseBackend(page, 'wasm');
  const viewport = page.getByTestId('viewport');
  const drafts = new Map<string, Draft>();
  for (const name of names) {
    const before = await viewport.getAttribute('data-image-id');
    await dropPaths(page, [join(process.cwd(), DIR, `${name}.dcm`)]);
    await expect(viewport).not.toHaveAttribute('data-image-id', before!);
    drafts.set(name, await draft(page));
  }
  const said = (name: string) => drafts.get(name)!.findings.map((f) => f.text);

  // The browser drafts what the card's records say (the same weights and runtime): room for two films to differ.
  const differ = names.filter((name) => said(name).join(' | ') !== recorded.get(name)?.join(' | '));
  expect(
    differ.length,
    differ.map((n) => `${n}: "${said(n).join(' | ')}" vs "${recorded.get(n)?.join(' | ')}"`).join('\n'),
  ).toBeLessThanOrEqual(2);

  // No pertinent negative denies a finding NIH labels the film with (none does when written; room for one).
  const denying = names.filter((name) => {
    const labelled = Object.entries(truthOf(name).labels).filter(([t, v]) => v === 1 && t !== 'abnormal');
    return said(name).some((text) => labelsDenied(text).some((t) => labelled.some(([l]) => l === t)));
  });
  expect(denying.length, denying.join(', ')).toBeLessThanOrEqual(1);

  // Of the films NIH labels with a finding Lucent names, some are drafted with it (5 of 16 when written; at least 3).
  const withType = names.filter((name) => Object.entries(truthOf(name).labels).some(([t, v]) => v === 1 && t !== 'abnormal'));
  const found = withType.filter((name) => said(name).some((text) => labelsSaid(text).some((l) => truthOf(name).labels[l] === 1)));
  expect(withType.length).toBeGreaterThanOrEqual(12);
  expect(found.length, `found on ${found.join(', ')}`).toBeGreaterThanOrEqual(3);

  // NIH's cardiomegaly boxes: a drafted cardiomegaly region overlaps one at IoU >= 0.5 (0.79 when written).
  const heartFilms = names.filter((name) => truthOf(name).findings.some((f) => f.type === 'cardiomegaly'));
  const overlaps = heartFilms.map((name) => {
    const truth = truthOf(name)
      .findings.filter((f) => f.type === 'cardiomegaly')
      .flatMap((f) => f.boxes);
    const drafted = drafts
      .get(name)!
      .findings.filter((f) => labelSentence(f.text)?.type === 'cardiomegaly')
      .flatMap((f) => f.boxes);
    return Math.max(0, ...drafted.flatMap((d) => truth.map((t) => iou(d as Box, t))));
  });
  expect(heartFilms.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...overlaps), overlaps.map((o) => o.toFixed(2)).join(', ')).toBeGreaterThanOrEqual(0.5);
});
