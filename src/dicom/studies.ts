// Groups loaded instances into studies and series and puts each series in viewing order.
// Plain TypeScript, no DOM: unit-tested on its own.
import type { InstanceHeader } from './instanceHeader';

export interface LoadedInstance {
  header: InstanceHeader;
  /** Where the instance came from (path inside a folder or zip, or a URL), for messages. */
  source: string;
  /** Cornerstone image ids, one per frame. */
  imageIds: string[];
}

export interface Series {
  uid: string;
  studyUID: string;
  modality: string;
  description: string;
  number: number | undefined;
  instances: LoadedInstance[];
  /** All frames of all instances, in viewing order. */
  imageIds: string[];
}

export interface Study {
  uid: string;
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  patientSex: string;
  date: string;
  time: string;
  description: string;
  accessionNumber: string;
  series: Series[];
}

function cross(a: number[], b: number[]): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Signed distance of each slice along the series' normal, or undefined when the geometry is missing. */
export function distancesAlongNormal(instances: LoadedInstance[]): number[] | undefined {
  const orientation = instances[0]?.header.imageOrientationPatient;
  if (!orientation || instances.some((i) => !i.header.imagePositionPatient)) return undefined;
  const normal = cross(orientation.slice(0, 3), orientation.slice(3, 6));
  const distances = instances.map((i) => {
    const p = i.header.imagePositionPatient!;
    return p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2];
  });
  // Positions that do not separate the slices (all equal, e.g. a radiograph series) say nothing about order.
  return new Set(distances.map((d) => d.toFixed(3))).size === distances.length ? distances : undefined;
}

function byInstanceNumber(a: LoadedInstance, b: LoadedInstance): number {
  const na = a.header.instanceNumber ?? Number.MAX_SAFE_INTEGER;
  const nb = b.header.instanceNumber ?? Number.MAX_SAFE_INTEGER;
  return na - nb || a.source.localeCompare(b.source, undefined, { numeric: true });
}

/**
 * Viewing order: along the slice normal when every slice has a distinct position,
 * in the direction the scanner numbered them (lowest instance number first);
 * otherwise by instance number, then by source name.
 */
export function sortInstances(instances: LoadedInstance[]): LoadedInstance[] {
  const distances = distancesAlongNormal(instances);
  if (!distances) return [...instances].sort(byInstanceNumber);
  const order = instances.map((instance, k) => ({ instance, d: distances[k] })).sort((a, b) => a.d - b.d);
  const first = order[0].instance.header.instanceNumber;
  const last = order[order.length - 1].instance.header.instanceNumber;
  if (first !== undefined && last !== undefined && first > last) order.reverse();
  return order.map((o) => o.instance);
}

function seriesOf(instances: LoadedInstance[]): Series {
  const sorted = sortInstances(instances);
  const h = sorted[0].header;
  return {
    uid: h.seriesInstanceUID,
    studyUID: h.studyInstanceUID,
    modality: h.modality,
    description: h.seriesDescription,
    number: h.seriesNumber,
    instances: sorted,
    imageIds: sorted.flatMap((i) => i.imageIds),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Build studies from instances; a SOP Instance UID seen twice is kept once (first wins). */
export function groupIntoStudies(instances: LoadedInstance[]): Study[] {
  const unique = [...groupBy(instances, (i) => i.header.sopInstanceUID).values()].map((g) => g[0]);
  const studies: Study[] = [];
  for (const [uid, studyInstances] of groupBy(unique, (i) => i.header.studyInstanceUID)) {
    const series = [...groupBy(studyInstances, (i) => i.header.seriesInstanceUID).values()]
      .map(seriesOf)
      .sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.uid.localeCompare(b.uid));
    const h = studyInstances[0].header;
    studies.push({
      uid,
      patientName: h.patientName,
      patientId: h.patientId,
      patientBirthDate: h.patientBirthDate,
      patientSex: h.patientSex,
      date: h.studyDate,
      time: h.studyTime,
      description: h.studyDescription,
      accessionNumber: h.accessionNumber,
      series,
    });
  }
  return studies.sort((a, b) => b.date.localeCompare(a.date) || a.uid.localeCompare(b.uid));
}

/** Merge newly loaded instances into what is already open. */
export function mergeStudies(existing: Study[], added: LoadedInstance[]): Study[] {
  const all = existing.flatMap((s) => s.series.flatMap((se) => se.instances));
  return groupIntoStudies([...all, ...added]);
}

/**
 * Whether study `a` was done before study `b`: by Study Date, then by Study Time on the same day
 * (YYYYMMDD and HHMMSS compare as text). Two studies of one day without times have no order.
 */
export function isEarlier(a: { date: string; time?: string }, b: { date: string; time?: string }): boolean {
  return a.date < b.date || (a.date === b.date && !!a.time && !!b.time && a.time < b.time);
}

/** The series a study opens with beside another: its first with images (reports and other non-image series have none). */
export function firstImageSeries(study: Study): Series | undefined {
  return study.series.find((s) => s.imageIds.length > 0);
}
