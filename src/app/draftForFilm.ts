// A draft as the film it was drafted from allows (issue 37): its sizes, and the probability its
// findings show. Applied to every draft the app takes from the model: streamed, finished, the prior's
// drafted aside for a comparison, the one a resident's reading is compared with. Plain TypeScript.
//
// Which films are real: every film that is not one of Lucent's generated films. The generator writes
// Manufacturer "Lucent synthetic sample generator" into every film it makes (models/recipe/dicom_io.py:
// the bundled synthetic samples, the training and held-out films); the sentence calibration was fitted
// on such films and holds only there. Any other film (NIH, a department's, one whose origin the header
// does not say) is read as real: a reader would rather see the label head's probability, fitted on real
// validation films, than a number fitted on drawings shown as if it held on their patient's film. Not
// "was the draft gated": the head gates generated films' drafts too.
import type { InstanceHeader } from '../dicom/instanceHeader';
import { labelSentence, typesDenied, typesSaying, type LabelType } from '../findings/labels';
import type { GroundedFinding, GroundedReport } from '../model/grounding';
import type { LabelHead } from '../model/labelHead';
import { sentenceAsStated, withoutSize, type StatedSpacing } from '../report/statedSize';
import type { HeadProbability } from '../report/types';

/** The Manufacturer (0008,0070) the generator writes into each of its films. */
export const GENERATOR = 'Lucent synthetic sample generator';

export interface Film {
  /** One of the generator's films (above); else real. */
  generated: boolean;
  spacing: StatedSpacing;
}

export function filmOf(header: Pick<InstanceHeader, 'manufacturer' | 'pixelSpacingSource'> | undefined): Film {
  return { generated: header?.manufacturer === GENERATOR, spacing: header?.pixelSpacingSource ?? 'none' };
}

const NOT_GENERATED = 'the sentence calibration was fitted on generated films, not real ones, so it is not shown';

/** Why a real film's finding shows no probability, in words (its title on the finding row). */
export const noProbabilityWhy = (what: string) => `No calibrated probability: ${what}; ${NOT_GENERATED}.`;

/** The head's entry for the sentence's type: its own, else a calibrated type it says; a negative's single denied type. */
function headFor(text: string, head: LabelHead): { type: LabelType; entry?: LabelHead['types'][LabelType] } | undefined {
  const denied = typesDenied(text);
  const type = labelSentence(text)?.type ?? (denied.length === 1 ? denied[0] : undefined);
  if (!type) return undefined;
  const said = (Object.keys(head.types) as LabelType[]).find((t) => t === type || typesSaying(t).includes(type));
  return { type: said ?? type, entry: said ? head.types[said] : undefined };
}

function probabilityFor(text: string, head: LabelHead | undefined): { headProbability: HeadProbability } | { noProbability: string } {
  if (!head) return { noProbability: noProbabilityWhy('the label head did not gate this draft (no label calibration for these weights)') };
  const found = headFor(text, head);
  const words = (t: LabelType) => t.replace(/_/g, ' ');
  if (!found) return { noProbability: noProbabilityWhy('the sentence names no finding type the label head is calibrated for') };
  if (!found.entry) return { noProbability: noProbabilityWhy(`the label head has no calibration for ${words(found.type)}`) };
  return { headProbability: { type: words(found.type), ...found.entry, fittedOn: head.fittedOn } };
}

function findingForFilm(f: GroundedFinding, film: Film, head: LabelHead | undefined): GroundedFinding {
  const { text, caveat } = sentenceAsStated(f.text, film.spacing);
  const sized: GroundedFinding = caveat ? { ...f, text, flags: [...(f.flags ?? []), caveat] } : { ...f, text };
  if (film.generated) return sized;
  const { probability: _generatedFilms, ...rest } = sized;
  return { ...rest, ...probabilityFor(f.text, head) };
}

/** The draft as the film allows: `labelHead` from the finished run (ReportRun.labelHead), absent while it streams. */
export function draftForFilm(report: GroundedReport, film: Film, labelHead?: LabelHead): GroundedReport {
  if (film.generated && film.spacing === 'pixel spacing') return report;
  return {
    ...report,
    findings: report.findings.map((f) => findingForFilm(f, film, labelHead)),
    impression: film.spacing === 'none' ? withoutSize(report.impression) : report.impression,
  };
}
