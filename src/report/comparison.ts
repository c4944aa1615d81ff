// Comparison with a prior study: what changed between the findings of the prior film and those of
// the current one — new, resolved, increased, decreased, unchanged; devices placed, removed, moved.
// Findings are matched by type and side, then by position once the prior's boxes are brought onto
// the current film (imaging/align.ts). Sizes come from the sentence when it states one (a nodule's
// "8 mm", a tube tip "4.5 cm above the carina"), else from the finding's box in millimetres. A size
// counts as changed only beyond the measurement tolerance below: both an absolute one per type and
// a relative one, so reading noise on a box is not called growth. Plain TypeScript.
import type { Box } from '../findings/box';
import { labelSentence, type FindingType, type SentenceLabel } from '../findings/labels';

export type ChangeKind = 'new' | 'resolved' | 'increased' | 'decreased' | 'unchanged' | 'placed' | 'removed' | 'moved';
export const CHANGE_KINDS: ChangeKind[] = ['new', 'resolved', 'increased', 'decreased', 'unchanged', 'placed', 'removed', 'moved'];

const DEVICES = new Set<FindingType>(['endotracheal_tube', 'central_line', 'pacemaker']);

/** Smallest change in size (mm) that counts, per type; and the smallest relative change (of the prior size). */
export const SIZE_TOLERANCE_MM: Partial<Record<FindingType, number>> = {
  nodule: 2,
  mass: 5,
  pleural_effusion: 10,
  pneumothorax: 6,
  consolidation: 12,
  atelectasis: 12,
};
export const RELATIVE_TOLERANCE = 0.25;
/** A device whose tip (or, without a stated tip, its box) moved less than this has not moved. */
export const DEVICE_TOLERANCE_MM = 12;
/** Findings that can be several on one side are matched only within this distance (mm). */
const MATCH_RADIUS_MM = 90;
const MULTIPLE = new Set<FindingType>(['nodule', 'mass', 'consolidation', 'atelectasis']);

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
}

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
}

interface Read {
  index: number;
  label: SentenceLabel;
  /** Box union in current-image millimetres. */
  box: Box | undefined;
  sizeMm: number | undefined;
}

const union = (boxes: Box[]): Box | undefined =>
  boxes.length ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))] : undefined;

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

function read(findings: ObservedFinding[], spacing: [number, number], toCurrent: (b: Box) => Box, currentSpacing: [number, number]): Read[] {
  return findings.flatMap((f, index) => {
    const label = labelSentence(f.text);
    if (!label) return [];
    const own = union(f.boxes.map((b) => inMm(b, spacing)));
    const box = union(f.boxes.map((b) => inMm(toCurrent(b), currentSpacing)));
    // Cardiomegaly's size is its ratio, not millimetres; devices' is where the tip is (see moved()).
    const stated = label.type === 'cardiomegaly' ? undefined : label.sizeMm;
    return [{ index, label, box, sizeMm: DEVICES.has(label.type) ? stated : stated ?? sizeFromBox(label.type, own) }];
  });
}

const centre = (b: Box): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const distance = (a: Box | undefined, b: Box | undefined): number => {
  if (!a || !b) return 0;
  const [p, q] = [centre(a), centre(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1]);
};
const sidesAgree = (a: string, b: string) => a === b || a === 'none' || b === 'none';

/** Pairs of (prior, current) of the same type and side, nearest first; the rest are unmatched. */
function match(prior: Read[], current: Read[]): Array<[Read | undefined, Read | undefined]> {
  const candidates: Array<[Read, Read, number]> = [];
  for (const p of prior)
    for (const c of current) {
      if (p.label.type !== c.label.type || !sidesAgree(p.label.laterality, c.label.laterality)) continue;
      const d = distance(p.box, c.box);
      if (MULTIPLE.has(p.label.type) && d > MATCH_RADIUS_MM) continue;
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

function sizeChange(type: FindingType, p: number | undefined, c: number | undefined): 'increased' | 'decreased' | 'unchanged' {
  if (p === undefined || c === undefined) return 'unchanged';
  const tolerance = Math.max(SIZE_TOLERANCE_MM[type] ?? Infinity, RELATIVE_TOLERANCE * p);
  return c - p > tolerance ? 'increased' : p - c > tolerance ? 'decreased' : 'unchanged';
}

function changeOf(p: Read | undefined, c: Read | undefined): FindingChange {
  const r = (c ?? p)!;
  const device = DEVICES.has(r.label.type);
  const base = { type: r.label.type, laterality: r.label.laterality, prior: p?.index, current: c?.index, sizeMm: [p?.sizeMm, c?.sizeMm] as [number | undefined, number | undefined] };
  if (!p) return { ...base, kind: device ? 'placed' : 'new' };
  if (!c) return { ...base, kind: device ? 'removed' : 'resolved' };
  if (device) {
    const movedMm = Math.round(moved(p, c));
    return movedMm > DEVICE_TOLERANCE_MM ? { ...base, kind: 'moved', movedMm } : { ...base, kind: 'unchanged' };
  }
  return { ...base, kind: sizeChange(r.label.type, p.sizeMm, c.sizeMm) };
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
  return match(p, c).map(([a, b]) => changeOf(a, b));
}
