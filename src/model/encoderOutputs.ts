// The encoder's outputs as the engine keeps them: the decoder's cross-attention inputs, and the
// label head's logits (an output only of models with a label head) read as probabilities.
import type { Tensor } from 'onnxruntime-web';
import type { LabelType } from '../findings/labels';

export interface EncoderOutputs {
  /** The encoder's cross-attention keys and values, fed to every decoder step. */
  memory: Record<string, Tensor>;
  findingProbabilities?: Partial<Record<LabelType, number>>;
}

/** Splits the label head's logits (disposed once read) from the decoder's inputs; `labels` names the head's outputs in order. */
export function splitEncoderOutputs(out: Record<string, Tensor>, labels: readonly LabelType[] = []): EncoderOutputs {
  const { finding_logits: logits, ...memory } = out;
  if (!logits) return { memory };
  const values = Array.from(logits.data as Float32Array);
  logits.dispose();
  return { memory, findingProbabilities: Object.fromEntries(labels.map((type, k) => [type, 1 / (1 + Math.exp(-values[k]))])) };
}
