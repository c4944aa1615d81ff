// The model's second look at a finding the comparison calls resolved: asked about the prior finding's
// place on the current film, does the model still name it there? Plain TypeScript; the model's
// describe task is passed in.
import { unionOf, type Box } from '../../findings/box';
import { labelSentence, type FindingType, type SentenceLabel } from '../../findings/labels';
import { LUNG_OPACITIES, OPACITIES, sidesAgree, type FilmPair, type FindingChange, type ObservedFinding } from './compare';

/**
 * A finding the prior shows and the draft does not, whose place cleared, is called resolved; it may
 * only have shrunk below what the draft named. The model is asked to describe that place on the
 * current film (`describe`, the app's describe task, box in current-image pixels): when it names the
 * same finding there, the finding is still there, smaller. A lung opacity named as another lung
 * opacity counts too, unless that other one is a finding of the draft the comparison accounts for
 * (the model then describes it, not what is left of this one). Findings whose place did not clear are not asked
 * about (the comparison already claims nothing, or carries them forward).
 */
export async function recheckResolved(
  changes: FindingChange[],
  prior: ObservedFinding[],
  films: FilmPair,
  describe: (box: Box) => Promise<string>,
): Promise<FindingChange[]> {
  // The draft's findings the comparison accounts for (on the prior too, or newly shown by the subtraction);
  // a drafted one it dropped may be this one's remnant.
  const accounted = (type: FindingType, laterality: string) =>
    changes.some((c) => c.current !== undefined && c.type === type && sidesAgree(c.laterality, laterality));
  const stillThere = (change: FindingChange, label: SentenceLabel | undefined) =>
    !!label &&
    sidesAgree(label.laterality, change.laterality) &&
    (label.type === change.type ||
      (LUNG_OPACITIES.has(change.type) && LUNG_OPACITIES.has(label.type) && !accounted(label.type, label.laterality)));
  return Promise.all(
    changes.map(async (change) => {
      if (change.kind !== 'resolved' || change.prior === undefined || !OPACITIES.has(change.type) || !prior[change.prior]?.boxes.length)
        return change;
      const boxes = prior[change.prior].boxes.map(films.priorToCurrent);
      const text = await describe(unionOf(boxes)!);
      const label = labelSentence(text);
      if (!stillThere(change, label)) return change;
      // Named as another opacity, the sentence keeps the prior's words: the finding is the prior's, smaller.
      const same = label!.type === change.type;
      return {
        ...change,
        kind: 'decreased' as const,
        sizeMm: [change.sizeMm[0], same ? label!.sizeMm : undefined] as [number | undefined, number | undefined],
        carriedBoxes: boxes,
        ...(same ? { currentText: text } : {}),
      };
    }),
  );
}
