// The model's tokenizer (models/recipe/tokenizer.py, "lucent-word-loc/1"): lower-cased words,
// single digits and punctuation; four <loc_k> tokens per box. Plain TypeScript, no DOM.
//
// A box coordinate is the probability-weighted mean of the bin centres within `loc_window` bins of
// the chosen location token, when the decoder's logits for that step are at hand: one bin is
// 1/loc_bins of the frame (1/128 from model 0.7.0, 1/64 before: as wide as half a small nodule),
// and the neighbours' probabilities say where in it the edge lies (see models/recipe/tokenizer.py). Without them, the bin centre.
import type { Box } from '../findings/box';

export interface TokenizerJson {
  type: string;
  split_regex: string;
  unk: string;
  loc_bins: number;
  /** Bins either side of the chosen one that a coordinate averages over (absent: 0, the bin centre). */
  loc_window?: number;
  loc_prefix: string;
  vocab: string[];
}

export class Tokenizer {
  readonly vocab: string[];
  readonly locBins: number;
  readonly locWindow: number;
  private readonly index: Map<string, number>;
  private readonly splitter: RegExp;
  private readonly loc0: number;

  constructor(json: TokenizerJson) {
    if (json.type !== 'lucent-word-loc/1') throw new Error(`unsupported tokenizer type ${json.type}`);
    this.vocab = json.vocab;
    this.locBins = json.loc_bins;
    this.locWindow = json.loc_window ?? 0;
    this.index = new Map(json.vocab.map((t, i) => [t, i]));
    this.splitter = new RegExp(json.split_regex, 'g');
    this.loc0 = this.id(`${json.loc_prefix}0>`);
  }

  get size(): number {
    return this.vocab.length;
  }

  id(token: string): number {
    const id = this.index.get(token);
    if (id === undefined) throw new Error(`token ${token} is not in the vocabulary`);
    return id;
  }

  token(id: number): string {
    return this.vocab[id] ?? '<unk>';
  }

  words(text: string): number[] {
    const unk = this.id('<unk>');
    return (text.toLowerCase().match(this.splitter) ?? []).map((w) => this.index.get(w) ?? unk);
  }

  isLoc(id: number): boolean {
    return id >= this.loc0 && id < this.loc0 + this.locBins;
  }

  /** Bin centre in 0..1 of the model's square frame. */
  locValue(id: number): number {
    return (id - this.loc0 + 0.5) / this.locBins;
  }

  /**
   * The coordinate in 0..1 that a location token stands for, given the step's logits over the
   * vocabulary (`logits[offset + id]`): the softmax-weighted mean of the bin centres near it.
   */
  locValueFromLogits(id: number, logits: ArrayLike<number>, offset = 0): number {
    const k = id - this.loc0;
    const lo = Math.max(0, k - this.locWindow);
    const hi = Math.min(this.locBins - 1, k + this.locWindow);
    const top = logits[offset + id];
    let sum = 0;
    let weighted = 0;
    for (let j = lo; j <= hi; j++) {
      const w = Math.exp(logits[offset + this.loc0 + j] - top);
      sum += w;
      weighted += w * (j + 0.5);
    }
    const value = weighted / sum / this.locBins;
    // Logits that are not finite (a broken model file) give NaN here: keep the bin centre.
    return Number.isFinite(value) ? value : this.locValue(id);
  }

  locToken(value: number): number {
    return this.loc0 + Math.min(this.locBins - 1, Math.max(0, Math.floor(value * this.locBins)));
  }

  boxTokens(box: Box): number[] {
    return [this.id('<box>'), ...box.map((v) => this.locToken(v))];
  }

  reportPrompt(indication = ''): number[] {
    const ind = indication.trim() ? [this.id('<ind>'), ...this.words(indication)] : [];
    return [this.id('<task_report>'), ...ind, this.id('<go>')];
  }

  groundPrompt(phrase: string): number[] {
    return [this.id('<task_ground>'), ...this.words(phrase), this.id('<go>')];
  }

  describePrompt(box: Box): number[] {
    return [this.id('<task_describe>'), ...this.boxTokens(box), this.id('<go>')];
  }

  /** Words back to text: no space before closing punctuation, digits and decimal points joined. */
  detokenize(ids: number[]): string {
    let out = '';
    let prev = '';
    for (const id of ids) {
      const tok = this.token(id);
      if (tok.startsWith('<')) continue;
      const glue =
        !out ||
        ('.,;:)'.includes(tok) && !(tok === '.' && /\d/.test(prev))) ||
        (/^\d$/.test(tok) && (/^\d$/.test(prev) || prev === '.')) ||
        (tok === '.' && /^\d$/.test(prev)) ||
        prev === '(';
      out += glue ? tok : ` ${tok}`;
      prev = tok;
    }
    return out;
  }
}
