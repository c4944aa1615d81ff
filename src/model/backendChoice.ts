// Which backend "automatic" takes. WebGPU on a software adapter (SwiftShader, WARP, llvmpipe: a
// CPU emulating a GPU) drafts far slower than WASM — measured here, over 15 s against 0.14 s — so
// automatic takes WebGPU only from a hardware adapter. Plain TypeScript.

/** What a WebGPU adapter says about itself (GPUAdapterInfo; isFallbackAdapter where the browser has it). */
export interface AdapterFacts {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  isFallbackAdapter?: boolean;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render/i;

/** The software renderer's name when the adapter is one, else undefined. */
export function softwareAdapter(facts: AdapterFacts): string | undefined {
  const words = [facts.architecture, facts.description, facts.device, facts.vendor].filter((w): w is string => !!w);
  const named = words.find((w) => SOFTWARE.test(w));
  if (named) return SOFTWARE.exec(named)![0];
  return facts.isFallbackAdapter ? 'a fallback (software) adapter' : undefined;
}
