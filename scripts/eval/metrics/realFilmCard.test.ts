// The model card's real-film numbers, recomputed from the committed per-film records
// (models/lucent-cxr-synth/real-films/*.json, written by `npm run eval -- --labels --films FILE`)
// with the one definition of every metric (realFilms.ts, labelMetrics.ts): any number in
// real-films.json that the records do not give fails here, as do records of other weights.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/model/manifest';
import { fitRuleOut } from '../../calibration/ruleOutFit';
import { realFilmCard, type FilmRecords } from './realFilms';

const MODEL = 'models/lucent-cxr-synth';
const manifest = parseManifest(JSON.parse(readFileSync(`${MODEL}/manifest.json`, 'utf8')), 'manifest.json');
const card = JSON.parse(readFileSync(`${MODEL}/real-films.json`, 'utf8')) as {
  sets: Record<string, { records: string }>;
} & Record<string, unknown>;
const records = (set: string) => JSON.parse(readFileSync(`${MODEL}/${card.sets[set].records}`, 'utf8')) as FilmRecords;
const calibration = manifest.labelCalibration;
/** As the card stores them: JSON (an infinite threshold is null there). */
const asStored = (x: unknown) => JSON.parse(JSON.stringify(x));

describe("the model card's real-film numbers", () => {
  it('come from records of these very weights', () => {
    for (const set of Object.keys(card.sets)) {
      const { model } = records(set);
      expect(model.sha256, set).toEqual({
        encoder: manifest.files.encoder[model.precision].sha256,
        decoder: manifest.files.decoder[model.precision].sha256,
      });
      expect(model.precision).toBe(calibration?.precision);
    }
  });

  it.each(['validation', 'test', 'actualmed', 'figure1'])('are recomputed from the %s records', (set) => {
    expect(card.sets[set], `real-films.json has no "${set}"`).toBeDefined();
    expect(asStored(card[set])).toEqual(asStored(realFilmCard(records(set).films, calibration)));
  });

  it('hold the rule-out thresholds the validation records give', () => {
    const { share } = (JSON.parse(readFileSync(`${MODEL}/label-calibration.json`, 'utf8')) as { rule_out: { share: number } }).rule_out;
    expect(fitRuleOut(records('validation').films, share).below).toEqual(calibration!.ruleOut);
  });
});
