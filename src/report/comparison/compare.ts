// Comparison with a prior study: what changed between the findings of the prior film and those of
// the current one — new, resolved, increased, decreased, unchanged; devices placed, removed, moved.
// Findings are matched by type and side, then by position once the prior's boxes are brought onto
// the current film (imaging/align.ts). Sizes come from the sentence when it states one (a nodule's
// "8 mm", a tube tip "4.5 cm above the carina"), else from the finding's box in millimetres. A size
// counts as changed only beyond the measurement tolerance (thresholds.ts): an absolute one
// per type and a relative one, so reading noise on a box is not called growth. Plain TypeScript.
import { coveredShare, grownBy, unionOf, type Box } from '../../findings/box';
import { DEFAULT_THRESHOLDS, RELATIVE_TOLERANCE, SIZE_TOLERANCE_MM, type ComparisonThresholds } from './thresholds';
import { isDevice, labelSentence, type FindingType, type SentenceLabel } from '../../findings/labels';
import type { RegionDifference } from '../../imaging/align';

export type ChangeKind = 'new' | 'resolved' | 'increased' | 'decreased' | 'unchanged' | 'placed' | 'removed' | 'moved';
export const CHANGE_KINDS: ChangeKind[] = ['new', 'resolved', 'increased', 'decreased', 'unchanged', 'placed', 'removed', 'moved'];

/**
 * Lung opacities: they can be several on one side, so they are matched only within MATCH_RADIUS_MM;
 * and a reader may name one for another as it shrinks (a residual consolidation reads as a nodule).
 */
export const LUNG_OPACITIES = new Set<FindingType>(['nodule', 'mass', 'consolidation', 'atelectasis']);
const MATCH_RADIUS_MM = 90;

/** A finding as read from a report: its sentence and its boxes in its own image's pixels. */
export interface ObservedFinding {
  text: string;
  boxes: Box[];
}

/** The two films: pixel spacing (row, column mm) of each, and the prior's boxes mapped onto the current image. */
export interface FilmPair {
  priorSpacing: [number, number];
  currentSpacing: [number, number];
  priorToCurrent: (box: Box) => Box;
  /** How a region of the current film (current pixels) differs from the prior's, aligned (imaging/align.ts);
   * absent when the films could not be compared. */
  difference?: (box: Box, exclude?: Box[]) => RegionDifference;
  /**
   * The prior's findings come from its signed report, not from a model draft: a finding the report
   * names that the current draft lacks, where the subtraction shows no change, is still there.
   */
  priorIsReport?: boolean;
  /** DEFAULT_THRESHOLDS unless tuning. */
  thresholds?: ComparisonThresholds;
}

/**
 * Opacities (and the heart) show on a temporal subtraction: the change of the region's most-changed
 * quarter, in rank units (RegionDifference.focused), says grown, shrunk or unchanged more reliably
 * than two noisy size readings (thresholds.ts). A pneumothorax (a thin rim of
 * lucency) and lines do not show reliably this way; an endotracheal tube tip that moved shows as a
 * local change about its tip.
 */
export const OPACITIES = new Set<FindingType>(['nodule', 'mass', 'pleural_effusion', 'consolidation', 'atelectasis', 'cardiomegaly']);

/** How far along the trachea beyond either end of its box a tube's tip is looked for (mm). */
const TUBE_REACH_MM = 30;
const thresholdsOf = (films: FilmPair): ComparisonThresholds => films.thresholds ?? DEFAULT_THRESHOLDS;

export interface FindingChange {
  kind: ChangeKind;
  type: FindingType;
  laterality: SentenceLabel['laterality'];
  /** Index into the prior's and the current's findings. */
  prior?: number;
  current?: number;
  /** The size on each film (mm), where known. */
  sizeMm: [number | undefined, number | undefined];
  movedMm?: number;
  /** The subtraction's change over the finding's region (RegionDifference.focused, rank units), where it was read. */
  subtraction?: number;
  /** For a finding of the prior's report still there though the draft did not name it: its prior boxes on the current film. */
  carriedBoxes?: Box[];
  /** The model's sentence for that place on the current film, when it was asked (recheckResolved). */
  currentText?: string;
}

interface Read {
  index: number;
  label: SentenceLabel;
  /** Box union in current-image millimetres, and in current-image pixels. */
  box: Box | undefined;
  px: Box | undefined;
  /** Each box on the current film (for a prior's finding: mapped). */
  carried: Box[];
  sizeMm: number | undefined;
  /** The size read from the box alone (mm), to compare like with like when one sentence states a size and the other does not. */
  boxSizeMm: number | undefined;
}

const inMm = (b: Box, [rowMm, colMm]: [number, number]): Box => [b[0] * colMm, b[1] * rowMm, b[2] * colMm, b[3] * rowMm];

/** A finding's size from its box when the sentence states none: what the generator's size means for each type. */
function sizeFromBox(type: FindingType, b: Box | undefined): number | undefined {
  if (!b) return undefined;
  const [w, h] = [b[2] - b[0], b[3] - b[1]];
  if (type === 'pleural_effusion') return h;
  if (type === 'pneumothorax') return Math.min(w, h);
  if (type === 'nodule' || type === 'mass' || type === 'consolidation' || type === 'atelectasis') return Math.max(w, h);
  return undefined;
}

function read(
  findings: ObservedFinding[],
  spacing: [number, number],
  toCurrent: (b: Box) => Box,
  currentSpacing: [number, number],
): Read[] {
  return findings.flatMap((f, index) => {
    const label = labelSentence(f.text);
    if (!label) return [];
    const own = unionOf(f.boxes.map((b) => inMm(b, spacing)));
    const px = unionOf(f.boxes.map(toCurrent));
    const box = px && inMm(px, currentSpacing);
    // Cardiomegaly's size is its ratio, not millimetres; devices' is where the tip is (see moved()).
    const stated = label.type === 'cardiomegaly' ? undefined : label.sizeMm;
    const boxSizeMm = sizeFromBox(label.type, own);
    return [
      {
        index,
        label,
        box,
        px,
        carried: f.boxes.map(toCurrent),
        sizeMm: isDevice(label.type) ? stated : (stated ?? boxSizeMm),
        boxSizeMm,
      },
    ];
  });
}

const centre = (b: Box): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const distance = (a: Box | undefined, b: Box | undefined): number => {
  if (!a || !b) return 0;
  const [p, q] = [centre(a), centre(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1]);
};
export const sidesAgree = (a: string, b: string) => a === b || a === 'none' || b === 'none';

/** Pairs of (prior, current) of the same type and side, nearest first; the rest are unmatched. */
function match(prior: Read[], current: Read[]): Array<[Read | undefined, Read | undefined]> {
  const candidates: Array<[Read, Read, number]> = [];
  for (const p of prior)
    for (const c of current) {
      if (p.label.type !== c.label.type || !sidesAgree(p.label.laterality, c.label.laterality)) continue;
      const d = distance(p.box, c.box);
      if (LUNG_OPACITIES.has(p.label.type) && d > MATCH_RADIUS_MM) continue;
      // The same stated side first, then the nearest.
      candidates.push([p, c, d + (p.label.laterality === c.label.laterality ? 0 : 1e6)]);
    }
  candidates.sort((a, b) => a[2] - b[2]);
  const used = new Set<Read>();
  const pairs: Array<[Read | undefined, Read | undefined]> = [];
  for (const [p, c] of candidates) {
    if (used.has(p) || used.has(c)) continue;
    used.add(p).add(c);
    pairs.push([p, c]);
  }
  for (const p of prior) if (!used.has(p)) pairs.push([p, undefined]);
  for (const c of current) if (!used.has(c)) pairs.push([undefined, c]);
  return pairs;
}

/** How far a device moved: its stated tip position when both sentences give one, else its box. */
function moved(p: Read, c: Read): number {
  if (p.sizeMm !== undefined && c.sizeMm !== undefined) return Math.abs(c.sizeMm - p.sizeMm);
  if (!p.box || !c.box) return 0;
  // The tip end of a tube or line is its lowest point on a frontal film.
  return Math.max(distance(p.box, c.box), Math.abs(c.box[3] - p.box[3]));
}

/** `factor`: how many times the measurement tolerance a change must exceed. */
function sizeChange(type: FindingType, p: number | undefined, c: number | undefined, factor = 1): 'increased' | 'decreased' | 'unchanged' {
  if (p === undefined || c === undefined) return 'unchanged';
  const tolerance = factor * Math.max(SIZE_TOLERANCE_MM[type] ?? Infinity, RELATIVE_TOLERANCE * p);
  return c - p > tolerance ? 'increased' : p - c > tolerance ? 'decreased' : 'unchanged';
}

/** What the subtraction says of the region of a pair of findings (or of one, where only one film has it). */
function regionChange(p: Read | undefined, c: Read | undefined, films: FilmPair, neighbours: Box[]): RegionDifference | undefined {
  const region = regionOf([p, c]);
  if (!films.difference || !region) return undefined;
  if (!neighbours.length) return films.difference(region);
  // Read without the changed neighbours; too little left, and the subtraction says nothing here.
  const [whole, rest] = [films.difference(region), films.difference(region, neighbours)];
  return rest.cells >= UNCOVERED_SHARE * whole.cells ? rest : undefined;
}

/** How far around a prior finding the subtraction looks for growth, as a share of its size on each side. */
const GROWTH_MARGIN = 0.5;

/**
 * A finding only the prior names. Cleared where it was: resolved (removed). Where the prior's report
 * named it (it was there) and the subtraction shows it grown beyond its old outline, or no change at
 * all: still there, larger or unchanged, though the draft missed it. Otherwise nothing is claimed.
 */
function priorOnlyChange(
  p: Read,
  seen: RegionDifference | undefined,
  films: FilmPair,
  base: Omit<FindingChange, 'kind'>,
): FindingChange | undefined {
  const type = p.label.type;
  if (type === 'endotracheal_tube' && films.difference && p.px) {
    // A tube gone clears its whole length; one that moved changes only about its tip.
    if (!tubeUnchanged(p, films))
      return { ...base, kind: films.difference(p.px).signed < -thresholdsOf(films).tubeRemovedMean ? 'removed' : 'moved' };
    return films.priorIsReport ? { ...base, kind: 'unchanged', carriedBoxes: p.carried } : undefined;
  }
  if (!seen || !p.px) return { ...base, kind: isDevice(type) ? 'removed' : 'resolved' };
  const t = thresholdsOf(films);
  if (seen.focused < -t.appearance) return { ...base, kind: 'resolved' };
  if (!films.priorIsReport) return undefined;
  const around = films.difference!(grownBy(p.px, GROWTH_MARGIN));
  if (around.focused > t.subtraction) return { ...base, kind: 'increased', carriedBoxes: p.carried };
  return Math.abs(seen.focused) < t.appearance ? { ...base, kind: 'unchanged', carriedBoxes: p.carried } : undefined;
}

/** A tube's box reaching further up and down the trachea, where its tip may have gone (pixels of the current film). */
function alongTrachea(b: Box, films: FilmPair): Box {
  const reach = TUBE_REACH_MM / films.currentSpacing[0];
  return [b[0], b[1] - reach, b[2], b[3] + reach];
}

/** Whether an endotracheal tube of the prior shows no change on the current film: no tip moved, none removed. */
function tubeUnchanged(p: Read, films: FilmPair): boolean {
  return !!films.difference && !!p.px && Math.abs(films.difference(alongTrachea(p.px, films)).peak) <= thresholdsOf(films).tubeMovedPeak;
}

/** `neighbours`: regions of other findings that changed and cover part of this one's (see compareFindings). */
function changeOf(p: Read | undefined, c: Read | undefined, films: FilmPair, neighbours: Box[] = []): FindingChange | undefined {
  const r = (c ?? p)!;
  const type = r.label.type;
  const device = isDevice(type);
  const seen = OPACITIES.has(type) ? regionChange(p, c, films, neighbours) : undefined;
  const t = thresholdsOf(films);
  const base = {
    type,
    laterality: r.label.laterality,
    prior: p?.index,
    current: c?.index,
    sizeMm: [p?.sizeMm, c?.sizeMm] as [number | undefined, number | undefined],
    ...(seen ? { subtraction: Math.round(seen.focused * 1000) / 1000 } : {}),
  };
  // A finding one film shows and the other does not, where nothing changed: one of the two readings is wrong, so nothing is claimed.
  if (!p) return seen && seen.focused < t.appearance ? undefined : { ...base, kind: device ? 'placed' : 'new' };
  if (!c) return priorOnlyChange(p, seen, films, base);
  if (type === 'cardiomegaly' || type === 'pacemaker') return { ...base, kind: 'unchanged' };
  if (type === 'endotracheal_tube' && films.difference && p.px && c.px) {
    const tip = films.difference(alongTrachea(unionOf([p.px, c.px])!, films)).peak;
    const movedMm = Math.round(moved(p, c));
    return Math.abs(tip) > t.tubeMovedPeak
      ? { ...base, kind: 'moved', ...(movedMm > t.deviceToleranceMm ? { movedMm } : {}) }
      : { ...base, kind: 'unchanged' };
  }
  if (device) {
    const movedMm = Math.round(moved(p, c));
    return movedMm > t.deviceToleranceMm ? { ...base, kind: 'moved', movedMm } : { ...base, kind: 'unchanged' };
  }
  // Both sizes as the sentences state them, else both from the boxes: a stated size against a box's is no comparison.
  const stated = p.sizeMm !== p.boxSizeMm && c.sizeMm !== c.boxSizeMm;
  const [before, after] = stated ? [p.sizeMm, c.sizeMm] : [p.boxSizeMm, c.boxSizeMm];
  if (!seen) return { ...base, kind: sizeChange(type, before, after) };
  const subtracted = seen.focused > t.subtraction ? 'increased' : seen.focused < -t.subtraction ? 'decreased' : 'unchanged';
  // A faint opacity (atelectasis) can grow with little change on the subtraction: a change in size well beyond the tolerance still counts.
  return { ...base, kind: subtracted === 'unchanged' ? sizeChange(type, before, after, t.decisiveSize) : subtracted };
}

/**
 * What changed from the prior's findings to the current's. Sentences that name no finding (negatives,
 * anything the labeller does not read) take no part. Only call this when a prior is actually open:
 * a comparison without one is the "temporal hallucination" readers distrust.
 */
export function compareFindings(prior: ObservedFinding[], current: ObservedFinding[], films: FilmPair): FindingChange[] {
  const same = (b: Box) => b;
  const p = read(prior, films.priorSpacing, films.priorToCurrent, films.currentSpacing);
  const c = read(current, films.currentSpacing, same, films.currentSpacing);
  const pairs = match(p, c);
  const first = pairs.map(([a, b]) => changeOf(a, b, films));
  // A neighbour that appeared, grew, shrank or cleared changes the subtraction over this finding's
  // region too (a heart enlarging over a left lower nodule, a lung re-expanding beside it): a finding
  // both films show is judged again with the subtraction read outside such neighbours.
  const changedRegions = first.map((change, k) =>
    change && !isDevice(change.type) && CHANGED.has(change.kind) ? regionOf(pairs[k]) : undefined,
  );
  return pairs.flatMap(([a, b], k) => {
    const region = a && b && OPACITIES.has(b.label.type) ? regionOf(pairs[k]) : undefined;
    const neighbours = region
      ? changedRegions.filter((other, j): other is Box => j !== k && !!other && coveredShare(region, other) > 0)
      : [];
    return (neighbours.length ? changeOf(a, b, films, neighbours) : first[k]) ?? [];
  });
}

const CHANGED = new Set<ChangeKind>(['new', 'increased', 'decreased', 'resolved']);
/** Share of a finding's region that must be left outside its changed neighbours for the subtraction to be read there. */
const UNCOVERED_SHARE = 0.3;
const regionOf = ([p, c]: [Read | undefined, Read | undefined]): Box | undefined => unionOf([p?.px, c?.px].filter((b): b is Box => !!b));
