// Lucent's own DICOM SR read back into a report (lucentSR.ts writes it): its findings with their
// regions, decisions, provenance and structure, the review and the signature.
import type { ChangeKind } from '../comparison/compare';
import type { Template } from '../template/template';
import type { Decision, Finding, Provenance, ReportContent } from '../types';
import { priorFrom } from './comparison';
import { CODES, codeValueOf, COMPREHENSIVE_SR, find, is, list, SCHEME, textOf, type Dataset, type Item } from './items';
import { regionsFrom } from './measurementItems';
import { reviewFrom, type ReviewState, type WithheldFinding } from './review';
import { findingStructureFrom, reportStructureFrom } from './structure';

/** The recorded findings with the withheld ones back at their places. */
function withWithheld(recorded: Finding[], withheld: WithheldFinding[]): Finding[] {
  const all = [...recorded];
  // In order of place, each goes back where it was among the findings before it.
  for (const w of [...withheld].sort((a, b) => a.index - b.index)) all.splice(Math.max(0, Math.min(w.index, all.length)), 0, w.finding);
  return all;
}

/**
 * Whether a data set is a report Lucent wrote (so opening its study can restore it): it declares
 * Lucent's coding scheme (a report without findings too) or, as the first ones did not, its findings
 * carry Lucent's decision.
 */
export function isLucentSR(ds: Dataset): boolean {
  if (ds.SOPClassUID !== COMPREHENSIVE_SR) return false;
  if (list(ds.CodingSchemeIdentificationSequence).some((s) => s.CodingSchemeDesignator === SCHEME)) return true;
  return list(ds.ContentSequence).some(
    (i) => is(i, CODES.measurements) && list(i.ContentSequence).some((g) => !!find(list(g.ContentSequence), CODES.decision)),
  );
}

/**
 * The report content back from a Lucent SR. `imageIdOf` maps a referenced image (SOP Instance UID,
 * frame) to the imageId it has in the viewer; regions on images not open are dropped.
 */
export function contentFromSR(
  ds: Dataset,
  imageIdOf: (sopInstanceUID: string, frame: number | undefined) => string | undefined,
  templateById: (id: string) => Template | undefined = () => undefined,
): {
  content: ReportContent;
  reader: string | undefined;
  verified: boolean;
  verifiedAt: string | undefined;
  review: ReviewState | undefined;
} {
  const root = list(ds.ContentSequence);
  const groups = list(find(root, CODES.measurements)?.ContentSequence).filter((i) => is(i, CODES.group));
  const findings: Finding[] = groups.map((g) => {
    const children = list(g.ContentSequence);
    const calibrated = find(children, CODES.calibrated);
    const confidence = list((calibrated ?? find(children, CODES.confidence))?.MeasuredValueSequence)[0] as Item | undefined;
    const regions = regionsFrom(children, imageIdOf, textOf(find(children, CODES.findingId)));
    return {
      id: textOf(find(children, CODES.findingId)) || `sr-${Math.random().toString(36).slice(2)}`,
      text: textOf(find(children, CODES.comment)),
      regions,
      provenance: (codeValueOf(find(children, CODES.provenance)) ?? 'human') as Provenance,
      decision: (codeValueOf(find(children, CODES.decision)) ?? 'pending') as Decision,
      confidence: confidence ? Number(confidence.NumericValue) : undefined,
      ...(calibrated ? { calibrated: true } : {}),
      ...(children.some((c) => is(c, CODES.warning)) ? { warnings: children.filter((c) => is(c, CODES.warning)).map(textOf) } : {}),
      ...(find(children, CODES.change) ? { comparison: { kind: codeValueOf(find(children, CODES.change)) as ChangeKind } } : {}),
      ...findingStructureFrom(children),
    };
  });
  const review = reviewFrom(root, imageIdOf);
  const verifier = list(ds.VerifyingObserverSequence)[0];
  const when = String(verifier?.VerificationDateTime ?? '');
  return {
    content: {
      indication: textOf(find(root, CODES.indication)),
      findings: withWithheld(findings, review?.withheld ?? []),
      impression: textOf(find(root, CODES.impression)),
      ...(root.some((i) => is(i, CODES.warning)) ? { warnings: root.filter((i) => is(i, CODES.warning)).map(textOf) } : {}),
      ...reportStructureFrom(root, templateById),
      ...priorFrom(root),
    },
    reader: verifier ? String(verifier.VerifyingObserverName ?? '') : undefined,
    review,
    verified: ds.VerificationFlag === 'VERIFIED',
    // YYYYMMDDHHMMSS (UTC, as written) back to ISO 8601.
    verifiedAt: /^\d{14}/.test(when)
      ? `${when.slice(0, 4)}-${when.slice(4, 6)}-${when.slice(6, 8)}T${when.slice(8, 10)}:${when.slice(10, 12)}:${when.slice(12, 14)}.000Z`
      : undefined,
  };
}
