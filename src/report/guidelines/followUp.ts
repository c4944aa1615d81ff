// The follow-up a guideline proposes for a finding sentence: Fleischner 2017 for a nodule (from its
// size, kind and number in the sentence, the study's modality and the patient's risk), the
// endotracheal-tube rule for a tube tip measured from the carina. Plain TypeScript.
import { labelSentence } from '../../findings/labels';
import { fleischnerRecommendation, noduleSizeMm, type NoduleKind, type Recommendation, type Risk } from './fleischner';
import { endotrachealTubeAdvice } from './tubePosition';

export interface FollowUpContext {
  /** The study's modality (CR, DX, CT…): Fleischner is for CT; a radiograph's nodule gets a CT. */
  modality: string;
  /** The patient's risk for the nodule rule, as the reader set it (low when unset). */
  risk: Risk;
  /** The finding's measured size in mm (a bidirectional's mean diameter), which the rule reads before the sentence. */
  measuredMm?: number;
}

export interface FollowUpSuggestion extends Recommendation {
  /** A malpositioned tube: a critical result as well as a recommendation. */
  critical?: boolean;
}

const MM = /(\d+(?:\.\d+)?)\s*(mm|cm)\b/g;

/** Sizes in mm in a sentence ("8 x 6 mm", "1.2 cm"). */
function sizesMm(text: string): number[] {
  const sizes: number[] = [];
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:x|×|by)\s*(\d+(?:\.\d+)?)\s*(mm|cm)\b/g)) {
    const k = m[3] === 'cm' ? 10 : 1;
    sizes.push(noduleSizeMm(Number(m[1]) * k, Number(m[2]) * k));
  }
  if (sizes.length) return sizes;
  for (const m of text.matchAll(MM)) sizes.push(Number(m[1]) * (m[2] === 'cm' ? 10 : 1));
  return sizes;
}

function noduleKind(t: string): NoduleKind {
  if (/part[- ]solid|semi[- ]?solid/.test(t)) return 'part-solid';
  if (/ground[- ]glass|\bggo\b|non[- ]?solid/.test(t)) return 'ground-glass';
  return 'solid';
}

/** The solid part of a part-solid nodule: "solid component 4 mm". */
function solidComponentMm(t: string): number | undefined {
  const m = /solid (?:component|part)[^\d]*(\d+(?:\.\d+)?)\s*(mm|cm)/.exec(t);
  return m ? Number(m[1]) * (m[2] === 'cm' ? 10 : 1) : undefined;
}

function noduleFollowUp(t: string, context: FollowUpContext): FollowUpSuggestion | undefined {
  const radiograph = /^(CR|DX)$/i.test(context.modality);
  // A measured nodule: its mean diameter as measured, rounded as the guideline says; else the sentence's size.
  const size = context.measuredMm !== undefined ? Math.round(context.measuredMm) : sizesMm(t)[0];
  // Without a size the CT table has no row; a radiograph's nodule gets a CT whatever its size.
  if (size === undefined && !radiograph) return undefined;
  return fleischnerRecommendation({
    sizeMm: size ?? 0,
    kind: noduleKind(t),
    multiple: /\bnodules\b|multiple|several/.test(t),
    risk: context.risk,
    solidComponentMm: solidComponentMm(t),
    modality: context.modality,
  });
}

/** "4 cm above the carina", "at the carina", "in the right main bronchus": mm above the carina. */
function tipAboveCarinaMm(t: string): number | undefined {
  const above = /(\d+(?:\.\d+)?)\s*(mm|cm) above the carina/.exec(t);
  if (above) return Number(above[1]) * (above[2] === 'cm' ? 10 : 1);
  if (/(at|below|beyond) the carina|main (stem )?bronchus|mainstem/.test(t)) return 0;
  return undefined;
}

/** The guideline's next step for an accepted finding sentence, if a rule applies. */
export function suggestFollowUp(text: string, context: FollowUpContext): FollowUpSuggestion | undefined {
  const label = labelSentence(text);
  const t = text.toLowerCase();
  if (label?.type === 'nodule') return noduleFollowUp(t, context);
  if (label?.type === 'endotracheal_tube') {
    const mm = tipAboveCarinaMm(t);
    if (mm === undefined) return undefined;
    const advice = endotrachealTubeAdvice(mm);
    return advice.text ? { text: advice.text, source: advice.source, critical: advice.critical } : undefined;
  }
  return undefined;
}
