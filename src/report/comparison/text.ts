// The words of a comparison: the prior study as the Comparison field names it, and each change as
// a sentence. A finding still on the film keeps the model's (or reader's) sentence with the change
// added ("Moderate left pleural effusion, increased since the prior study (22 mm, now 44 mm)."); a
// finding gone gets a sentence of its own ("No right pneumothorax now; resolved since the prior
// study."), grounded on the prior film. Plain TypeScript.
import type { FindingType } from '../../findings/labels';
import type { FindingChange } from './compare';
import { isoDate } from '../dicomDates';

/** The study a report is compared with: what the Comparison field and the SR name and reference. */
export interface PriorStudy {
  studyUID: string;
  modality: string;
  /** YYYYMMDD, as DICOM has it. */
  date: string;
  description: string;
  accessionNumber: string;
  /** The image compared with, for the SR's evidence. */
  image?: { sopClassUID: string; sopInstanceUID: string; seriesInstanceUID: string };
}

const NAMES: Record<FindingType, string> = {
  nodule: 'nodule',
  mass: 'mass',
  pleural_effusion: 'pleural effusion',
  pneumothorax: 'pneumothorax',
  consolidation: 'consolidation',
  atelectasis: 'atelectasis',
  cardiomegaly: 'cardiomegaly',
  endotracheal_tube: 'endotracheal tube',
  central_line: 'central venous catheter',
  pacemaker: 'pacemaker',
};

/** "CR 2026-10-05, Chest PA (accession ACC0001)". */
export function describePrior(prior: PriorStudy): string {
  const what = [prior.modality, isoDate(prior.date)].filter(Boolean).join(' ');
  const description = prior.description.trim() ? `, ${prior.description.trim()}` : '';
  const accession = prior.accessionNumber.trim() ? ` (accession ${prior.accessionNumber.trim()})` : '';
  return `${what || 'Prior study'}${description}${accession}`;
}

const mm = (v: number) => `${Math.round(v)} mm`;

function clause(change: FindingChange): string {
  const [before, now] = change.sizeMm;
  switch (change.kind) {
    case 'new':
      return 'new since the prior study';
    case 'placed':
      return 'placed since the prior study';
    case 'increased':
    case 'decreased':
      return before !== undefined && now !== undefined
        ? `${change.kind} since the prior study (${mm(before)}, now ${mm(now)})`
        : `${change.kind} since the prior study`;
    case 'moved':
      return change.movedMm ? `moved about ${change.movedMm} mm since the prior study` : 'repositioned since the prior study';
    default:
      return 'unchanged since the prior study';
  }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The sentence of a change: the current finding's own sentence with the change, or the sentence of what is gone. */
export function changeSentence(change: FindingChange, currentText: string | undefined): string {
  if (change.kind === 'resolved' || change.kind === 'removed') {
    // Worded as a negative ("No …"), so that no rule reads it as a finding present on this film.
    const side = change.laterality === 'none' ? '' : `${change.laterality} `;
    return `No ${side}${NAMES[change.type]} now; ${change.kind} since the prior study.`;
  }
  const own = capitalised((currentText ?? NAMES[change.type]).trim().replace(/[.\s]+$/, ''));
  return `${own}, ${clause(change)}.`;
}
