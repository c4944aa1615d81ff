// The prior study in the SR: the comparison's items (the Comparison text, the prior's Study Instance
// UID, Lucent's own record of it) and the evidence references that name images by study and series.
import { describePrior, type PriorStudy } from '../comparison/text';
import { type ReferencedImage, CODES, find, item, text, textOf, type Item } from './items';

export function imageReference(image: ReferencedImage): Item {
  return {
    ReferencedSOPClassUID: image.sopClassUID,
    ReferencedSOPInstanceUID: image.sopInstanceUID,
    ...(image.frame ? { ReferencedFrameNumber: String(image.frame) } : {}),
  };
}

export function comparisonItems(prior: PriorStudy): Item[] {
  return [
    text('CONTAINS', CODES.comparison, describePrior(prior)),
    item('CONTAINS', 'UIDREF', CODES.priorStudyUid, { UID: prior.studyUID }),
    text('CONTAINS', CODES.priorStudy, JSON.stringify(prior)),
  ];
}

/** The prior study the report was compared with, from its JSON item (undefined when absent or unreadable). */
export function priorFrom(root: Item[]): { comparison?: PriorStudy } {
  try {
    const prior = JSON.parse(textOf(find(root, CODES.priorStudy)) || 'null') as PriorStudy | null;
    return prior && typeof prior.studyUID === 'string' ? { comparison: prior } : {};
  } catch {
    return {};
  }
}

/** Hierarchical SOP Instance References (PS3.3 C.17.2.1) of images, by study (the default one when an image names none) and series. */
export function evidence(images: ReferencedImage[], defaultStudy: string): Item[] {
  const byStudy = new Map<string, Map<string, Map<string, ReferencedImage>>>();
  for (const image of images) {
    const study = image.studyInstanceUID ?? defaultStudy;
    const series = byStudy.get(study) ?? new Map<string, Map<string, ReferencedImage>>();
    byStudy.set(study, series);
    const sops = series.get(image.seriesInstanceUID) ?? new Map<string, ReferencedImage>();
    series.set(image.seriesInstanceUID, sops);
    sops.set(`${image.sopInstanceUID}/${image.frame ?? ''}`, image);
  }
  return [...byStudy.entries()].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series.entries()].map(([uid, sops]) => ({
      SeriesInstanceUID: uid,
      ReferencedSOPSequence: [...sops.values()].map(imageReference),
    })),
  }));
}
