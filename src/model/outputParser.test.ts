import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sentenceCase } from './grounding';
import { OutputParser, parseOutput } from './outputParser';
import { Tokenizer } from './tokenizer';
import type { Box } from '../findings/box';

const tok = new Tokenizer(JSON.parse(readFileSync('models/lucent-cxr-synth/tokenizer.json', 'utf8')));

function report(sentences: Array<[string, Box[]]>, impression: string): number[] {
  const ids: number[] = [];
  for (const [text, boxes] of sentences) {
    ids.push(tok.id('<f>'), ...tok.words(text));
    for (const b of boxes) ids.push(...tok.boxTokens(b));
  }
  return [...ids, tok.id('<impression>'), ...tok.words(impression), tok.id('<eos>')];
}

describe('Tokenizer', () => {
  it('round-trips report text, numbers included', () => {
    for (const text of [
      '21 mm nodule in the left mid zone.',
      'cardiomegaly with a cardiothoracic ratio of 0.62.',
      'endotracheal tube with the tip 4.6 cm above the carina.',
    ]) {
      expect(tok.detokenize(tok.words(text))).toBe(text);
    }
  });

  it('maps unknown words to <unk> and builds the three prompts', () => {
    expect(tok.words('zebra')).toEqual([tok.id('<unk>')]);
    expect(tok.reportPrompt('')).toEqual([tok.id('<task_report>'), tok.id('<go>')]);
    expect(tok.reportPrompt('cough.').slice(0, 2)).toEqual([tok.id('<task_report>'), tok.id('<ind>')]);
    expect(tok.describePrompt([0.1, 0.2, 0.3, 0.4])).toHaveLength(7);
    expect(tok.groundPrompt('left pneumothorax').at(-1)).toBe(tok.id('<go>'));
  });
});

describe('box coordinates from the logits', () => {
  const windowed = new Tokenizer({ ...JSON.parse(readFileSync('models/lucent-cxr-synth/tokenizer.json', 'utf8')), loc_window: 2 });
  const loc = (k: number) => windowed.locToken((k + 0.5) / windowed.locBins);
  /** Logits whose softmax gives these location tokens these probabilities (the same case as models/recipe's test). */
  function logitsOf(probs: Array<[number, number]>, offset = 0): Float32Array {
    const logits = new Float32Array(offset + windowed.size).fill(-1e9);
    for (const [k, p] of probs) logits[offset + loc(k)] = Math.log(p);
    return logits;
  }

  it('averages the bin centres within the window, weighted by probability', () => {
    const logits = logitsOf(
      [
        [10, 0.4],
        [11, 0.24],
        [12, 0.16],
        [40, 0.2],
      ],
      5,
    );
    expect(windowed.locValueFromLogits(loc(10), logits, 5)).toBeCloseTo((0.5 * 10.5 + 0.3 * 11.5 + 0.2 * 12.5) / windowed.locBins, 6);
    expect(
      windowed.locValueFromLogits(
        loc(0),
        logitsOf([
          [0, 0.75],
          [1, 0.25],
        ]),
      ),
    ).toBeCloseTo((0.75 * 0.5 + 0.25 * 1.5) / windowed.locBins, 6);
  });

  it('falls back to the bin centre when the logits are not finite', () => {
    const logits = logitsOf([
      [10, 0.5],
      [11, 0.5],
    ]);
    logits[loc(10)] = Infinity;
    expect(windowed.locValueFromLogits(loc(10), logits)).toBe(10.5 / windowed.locBins);
    logits[loc(10)] = NaN;
    expect(windowed.locValueFromLogits(loc(10), logits)).toBe(10.5 / windowed.locBins);
  });

  it('is the bin centre for tokenizers without loc_window (models before 0.6.0)', () => {
    const { loc_window: _, ...older } = JSON.parse(readFileSync('models/lucent-cxr-synth/tokenizer.json', 'utf8'));
    const binCentres = new Tokenizer(older);
    expect(binCentres.locWindow).toBe(0);
    expect(
      binCentres.locValueFromLogits(
        loc(10),
        logitsOf([
          [10, 0.4],
          [11, 0.6],
        ]),
      ),
    ).toBeCloseTo(10.5 / windowed.locBins, 6);
  });

  it('reach the parsed boxes when the decoder passes them along', () => {
    const ids = tok.boxTokens([10 / windowed.locBins, 0.2, 0.5, 0.6]);
    const values = [undefined, 0.17, undefined, 0.55, 0.61];
    const [box] = parseOutput(tok, ids, values).findings[0].boxes;
    expect(box[0]).toBeCloseTo(0.17, 6);
    expect(box[1]).toBeCloseTo(tok.locValue(ids[2]), 6);
    expect(box.slice(2)).toEqual([0.55, 0.61]);
  });
});

describe('parseOutput', () => {
  it('reads a grounded report: sentences, their boxes at bin centres, the impression', () => {
    const ids = report(
      [
        ['small left pleural effusion.', [[0.55, 0.6, 0.9, 0.75]]],
        ['there is no pneumothorax.', []],
      ],
      'small left pleural effusion.',
    );
    const out = parseOutput(tok, ids);
    expect(out.complete).toBe(true);
    expect(out.findings.map((f) => f.text)).toEqual(['small left pleural effusion.', 'there is no pneumothorax.']);
    expect(out.findings[0].boxes).toHaveLength(1);
    out.findings[0].boxes[0].forEach((v, i) => expect(Math.abs(v - [0.55, 0.6, 0.9, 0.75][i])).toBeLessThanOrEqual(1 / 64));
    expect(out.findings[1].boxes).toEqual([]);
    expect(out.impression).toBe('small left pleural effusion.');
  });

  it('reads the ground task (boxes only) and stops at <eos>', () => {
    const ids = [...tok.boxTokens([0.1, 0.1, 0.2, 0.2]), ...tok.boxTokens([0.5, 0.5, 0.7, 0.6]), tok.id('<eos>'), tok.id('<f>')];
    const out = parseOutput(tok, ids);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0].boxes).toHaveLength(2);
  });

  it('grows as tokens stream in and agrees with the one-shot parse at every prefix', () => {
    const ids = report([['21 mm nodule in the left mid zone.', [[0.6, 0.3, 0.66, 0.36]]]], 'left mid zone pulmonary nodule.');
    const parser = new OutputParser(tok);
    ids.forEach((id, k) => {
      parser.push(id);
      expect(parser.result.findings).toEqual(parseOutput(tok, ids.slice(0, k + 1)).findings);
    });
    expect(parser.result.findings[0].positions).toHaveLength(ids.indexOf(tok.id('<impression>')));
  });

  it('never throws and only returns well-formed boxes on random, truncated or invalid input', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(random() * 120);
      const ids = Array.from({ length }, () => Math.floor(random() * (tok.size + 10)) - 5);
      if (n % 7 === 0) ids.push(NaN, 1.5, -0);
      const out = parseOutput(tok, ids);
      for (const f of out.findings) {
        expect(typeof f.text).toBe('string');
        for (const [x0, y0, x1, y1] of f.boxes) {
          expect(x0 < x1 && y0 < y1).toBe(true);
          for (const v of [x0, y0, x1, y1]) expect(v >= 0 && v <= 1).toBe(true);
        }
      }
    }
    const good = report([['small right pneumothorax.', [[0.1, 0.1, 0.3, 0.5]]]], 'small right pneumothorax.');
    for (let cut = 0; cut <= good.length; cut++) expect(() => parseOutput(tok, good.slice(0, cut))).not.toThrow();
  });
});

describe('sentence case', () => {
  it('capitalises the start of each sentence only', () => {
    expect(sentenceCase('cardiomegaly; small left effusion. ratio 0.59. no pneumothorax.')).toBe(
      'Cardiomegaly; small left effusion. Ratio 0.59. No pneumothorax.',
    );
  });
});
