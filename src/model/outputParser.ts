// Incremental, total parser of the model's output grammar (see models/recipe/tokenizer.py):
//   report:   (<f> words (<box> loc loc loc loc)*)* <impression> words <eos>
//   ground:   (<box> loc loc loc loc)+ <eos>
//   describe: <f> words <eos>
// Any token sequence — malformed, truncated, out-of-vocabulary ids — yields a result; nothing throws.
// Plain TypeScript, no DOM.
import type { Tokenizer } from './tokenizer';
import type { Box } from '../findings/box';

export interface ParsedFinding {
  text: string;
  /** Boxes in 0..1 of the model's square input frame, x0 y0 x1 y1. */
  boxes: Box[];
  /** Output positions of the tokens that belong to this finding (for confidence and attention). */
  positions: number[];
}

export interface ParsedOutput {
  findings: ParsedFinding[];
  impression: string;
  /** The model closed the sequence with <eos>. */
  complete: boolean;
}

interface Draft {
  ids: number[];
  boxes: Box[];
  positions: number[];
}

export class OutputParser {
  private readonly drafts: Draft[] = [];
  private readonly impressionIds: number[] = [];
  private mode: 'none' | 'text' | 'box' | 'impression' = 'none';
  private box: number[] | undefined;
  private current: Draft | undefined;
  private position = 0;
  private done = false;
  private readonly specials: Record<'eos' | 'f' | 'box' | 'impression', number>;

  constructor(private readonly tok: Tokenizer) {
    this.specials = { eos: tok.id('<eos>'), f: tok.id('<f>'), box: tok.id('<box>'), impression: tok.id('<impression>') };
  }

  /**
   * Feed the next output token; returns false once the sequence has ended. `value`: for a
   * location token, the coordinate the decoder read from its logits (else the bin centre).
   */
  push(id: number, value?: number): boolean {
    const position = this.position++;
    if (this.done) return false;
    const s = this.specials;
    if (!Number.isInteger(id) || id < 0 || id >= this.tok.size) id = this.tok.id('<unk>');
    if (id === s.eos) {
      this.done = true;
      return false;
    }
    if (id === s.f) {
      this.current = { ids: [], boxes: [], positions: [position] };
      this.drafts.push(this.current);
      this.mode = 'text';
      this.box = undefined;
    } else if (id === s.box) {
      this.mode = 'box';
      this.box = [];
      this.current?.positions.push(position);
    } else if (id === s.impression) {
      this.mode = 'impression';
      this.box = undefined;
    } else if (this.tok.isLoc(id)) {
      if (this.mode === 'box' && this.box) this.pushLoc(value ?? this.tok.locValue(id), position);
    } else if (this.mode === 'impression') {
      this.impressionIds.push(id);
    } else if (this.mode === 'text' && this.current) {
      this.current.ids.push(id);
      this.current.positions.push(position);
    }
    return true;
  }

  private pushLoc(value: number, position: number): void {
    const box = this.box!;
    box.push(value);
    if (!this.current) {
      // Boxes with no sentence (the ground task) form a finding of their own.
      this.current = { ids: [], boxes: [], positions: [] };
      this.drafts.push(this.current);
    }
    this.current.positions.push(position);
    if (box.length === 4) {
      const [x0, y0, x1, y1] = box;
      if (x1 > x0 && y1 > y0) this.current.boxes.push([x0, y0, x1, y1]);
      // Still in box mode: only <box>, <f> or <impression> may follow a box.
      this.box = undefined;
    }
  }

  get result(): ParsedOutput {
    return {
      findings: this.drafts.map((d) => ({
        text: this.tok.detokenize(d.ids),
        boxes: d.boxes.map((b) => [...b] as Box),
        positions: [...d.positions],
      })),
      impression: this.tok.detokenize(this.impressionIds),
      complete: this.done,
    };
  }
}

/** `values[i]`: the coordinate of output token i when it is a location token (see OutputParser.push). */
export function parseOutput(tok: Tokenizer, ids: number[], values?: ArrayLike<number | undefined>): ParsedOutput {
  const parser = new OutputParser(tok);
  for (let i = 0; i < ids.length; i++) if (!parser.push(ids[i], values?.[i])) break;
  return parser.result;
}
