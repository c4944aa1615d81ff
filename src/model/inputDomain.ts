// The input domain a model declares in its manifest ("input_domain"): manifest.ts reads it, inputCheck.ts
// holds a header against it. A type only.

/** What a model declares it was trained on (manifest "input_domain"); empty lists accept anything. */
export interface InputDomain {
  modalities: string[];
  bodyParts: string[];
  views: string[];
  /** In words, for refusals: "frontal chest radiographs". */
  description: string;
}
