// What a finding says of its probability, on its row and in Explain (issue 37). A generated film's
// finding shows the sentence calibration, fitted on held-out generated films ("93% likely correct").
// A real film's finding never does: that calibration does not hold there. It shows the label head's
// calibrated probability of its type, fitted on real validation films, with the prevalence of those
// films, at which alone it holds; or, where the head has no calibration for it, no percentage and why.
// Plain TypeScript.
import type { Finding } from './types';

const percent = (v: number) => `${(v * 100).toFixed(0)}%`;

/** "NIH ChestX-ray14 validation split (310 films, by patient); tubes…" → "NIH ChestX-ray14 validation split". */
const shortly = (fittedOn: string) => fittedOn.split(/\s*[(;]/)[0].trim() || 'films it was fitted on';

export function probabilityShown(
  f: Pick<Finding, 'confidence' | 'calibrated' | 'headProbability' | 'noProbability'>,
): { text: string; title?: string } | undefined {
  const head = f.headProbability;
  if (head)
    return {
      text:
        `Label head: ${head.type} ${percent(head.probability)} ` +
        `(at the ${percent(head.prevalence)} prevalence of the ${shortly(head.fittedOn)})`,
      title:
        `The label head's calibrated probability of ${head.type} on this film, fitted on ${head.fittedOn}. It holds at the ` +
        `prevalence of those films. The sentence calibration was fitted on generated films and is not shown for a real film.`,
    };
  if (f.noProbability) return { text: 'no calibrated probability', title: f.noProbability };
  if (f.confidence === undefined) return undefined;
  return { text: f.calibrated ? `${percent(f.confidence)} likely correct` : `confidence ${percent(f.confidence)} (uncalibrated)` };
}
