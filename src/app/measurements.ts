// The reader's measurements as use-cases: listed for the panel, shown, deleted and brought back, and
// made into a finding in one action — its sentence says the measurement, the measurement is its
// region (linked both ways as every region is), a template field that asks for the value gets it,
// and the guideline rules read the measured size. A lesion measured again on the prior is tracked:
// the finding then says its change and, for a growing nodule, its volume doubling time.
import type { Study } from '../dicom/studies';
import type { InstanceHeader } from '../dicom/instanceHeader';
import { newId, newUID } from '../report/ids';
import { CHANGE_MM, changeSentence, daysBetween, meanDiameterMm, measurementSentence, trackedChange } from '../report/measurement';
import type { PriorStudy } from '../report/comparison/text';
import { isoDate } from '../report/dicomDates';
import { priorStudyOf } from './comparison';
import { besideAs } from './priors';
import type { ImagePlace, RegionMeasurement } from '../report/measurement';
import type { Finding, FindingComparison, Region } from '../report/types';
import { useAppStore } from '../store/appStore';
import { useMeasurementStore } from '../store/measurementStore';
import { activeViewer } from '../viewer/activeViewer';
import { forgetAnnotation, relabelArrow, restoreAnnotation, selectAnnotation, setArrowTextAsker } from '../viewer/measuringTools';
import { askForText } from '../store/textRequestStore';
import { measurementService } from '../viewer/measurementFeed';
import type { Remeasured } from '../viewer/regions';
import { measuredFieldValues } from '../report/measuredFields';
import { reportSession, selectFinding } from './reportSession';

/** Keeps the panel's list in step with the measurement service, and asks for arrows' text in Lucent's dialog; returns the unsubscribe. */
export function followMeasurements(): () => void {
  setArrowTextAsker((current, done) => askForText('Arrow text', current, done));
  return measurementService.subscribe(() =>
    useMeasurementStore.setState({ measurements: measurementService.list().filter((m) => m.kind === 'measurement') }),
  );
}

/** The study, series and image an imageId belongs to among the studies open. */
export function placeOfImage(
  imageId: string,
): { study: Study; place: ImagePlace; description: string; header: InstanceHeader } | undefined {
  for (const study of useAppStore.getState().studies)
    for (const series of study.series) {
      const instance = series.instances.find((i) => i.imageIds.includes(imageId));
      if (!instance) continue;
      const frames = instance.imageIds.length;
      const image =
        frames > 1
          ? `${instance.header.instanceNumber ?? 1}, frame ${instance.imageIds.indexOf(imageId) + 1}`
          : instance.header.instanceNumber;
      return { study, place: { series: series.number, image }, description: series.description, header: instance.header };
    }
  return undefined;
}

export function showMeasurement(uid: string): void {
  const m = measurementService.get(uid);
  useMeasurementStore.setState({ selectedUid: uid });
  if (!m) return;
  if (m.findingId) return selectFinding(m.findingId);
  selectAnnotation(uid);
  const viewer = activeViewer();
  if (viewer?.showsImage(m.imageId)) void viewer.showRegion(m.imageId, m.box);
}

/** Deletes a measurement: a finding's goes from the report (undone with the report), a free one from the image (Undo brings it back). */
export function deleteMeasurement(uid: string): void {
  const m = measurementService.get(uid);
  if (!m) return;
  const study = placeOfImage(m.imageId)?.study;
  if (m.findingId && study) return reportSession(study.uid).edit({ type: 'removeRegion', findingId: m.findingId, regionId: uid });
  forgetAnnotation(uid);
  useMeasurementStore.setState((s) => ({ deleted: [...s.deleted, m], selectedUid: undefined }));
}

export function undoDeleteMeasurement(): void {
  const m = useMeasurementStore.getState().deleted.at(-1);
  if (!m) return;
  useMeasurementStore.setState((s) => ({ deleted: s.deleted.slice(0, -1) }));
  restoreAnnotation(m.uid);
}

/** What the report keeps of a measurement: the tool's points and values, under a tracking UID. */
export function regionMeasurementOf(m: Remeasured, trackingUid: string): RegionMeasurement {
  return {
    tool: m.tool ?? 'length',
    points: m.points,
    values: m.values,
    calibrated: m.calibrated,
    ...(m.caveat ? { caveat: m.caveat } : {}),
    ...(m.label ? { label: m.label } : {}),
    trackingUid,
  };
}

/**
 * Makes a measurement a finding of the report of its study: the sentence says it ("A 12 × 9 mm
 * nodule (series 3, image 45)."), the measurement is the finding's region, and the template's fields
 * that ask for the value get it. Returns the finding's id.
 */
export function measurementToFinding(uid: string): string | undefined {
  const m = measurementService.get(uid);
  const where = m && placeOfImage(m.imageId);
  if (!m || !where || m.findingId) return m?.findingId;
  const measurement = regionMeasurementOf(m, newUID());
  const findingId = newId();
  const session = reportSession(where.study.uid);
  const text = measurementSentence(measurement, where.place);
  session.edit({
    type: 'addFinding',
    finding: { id: findingId, text, regions: [{ id: uid, imageId: m.imageId, box: m.box, measurement }] },
  });
  const content = session.report?.content;
  const fields = content?.template ? measuredFieldValues(content.template, text, measurement, content.fields ?? {}) : {};
  for (const [fieldId, value] of Object.entries(fields)) session.edit({ type: 'setField', fieldId, value });
  measurementService.linkFinding(uid, findingId);
  selectFinding(findingId);
  return findingId;
}

/** The same points (and arrow text): a measurement the reader has not moved. */
function samePoints(a: RegionMeasurement, b: RegionMeasurement): boolean {
  return (
    a.points.length === b.points.length &&
    a.points.every((p, i) => Math.abs(p[0] - b.points[i][0]) < 0.01 && Math.abs(p[1] - b.points[i][1]) < 0.01) &&
    (a.label ?? '') === (b.label ?? '')
  );
}

interface MeasuredWords {
  sentence: string;
  /** The same lesion measured on a prior: that prior, and the change since. */
  tracked?: { prior: PriorStudy; comparison: FindingComparison };
}

/**
 * What Lucent writes for a measured finding: the sentence of its measurement on the report's study,
 * and, when the same lesion (the same tracking UID) is measured on a prior, its change since then.
 */
export function measuredWords(studyUID: string, regions: Region[]): MeasuredWords | undefined {
  const measured = regions.filter((r) => r.measurement).map((r) => ({ r, where: placeOfImage(r.imageId) }));
  const current = measured.find((x) => x.where?.study.uid === studyUID);
  if (!current?.where) return undefined;
  const m = current.r.measurement!;
  const sentence = measurementSentence(m, current.where.place);
  // Only the same patient's earlier study: a change read against a newer one would be read backwards.
  const prior = measured.find(
    (x) => x.where && besideAs(x.where.study, current.where!.study) === 'prior' && x.r.measurement!.trackingUid === m.trackingUid,
  );
  const [priorMm, currentMm] = [prior && meanDiameterMm(prior.r.measurement!), meanDiameterMm(m)];
  if (!prior?.where || priorMm === undefined || currentMm === undefined) return { sentence };
  const change = trackedChange(priorMm, currentMm, daysBetween(prior.where.study.date, current.where.study.date));
  const kind = Math.abs(change.changeMm) <= CHANGE_MM ? 'unchanged' : change.changeMm > 0 ? 'increased' : 'decreased';
  return {
    sentence: `${sentence} ${changeSentence(change, isoDate(prior.where.study.date))}`,
    tracked: {
      prior: priorStudyOf(prior.where.study, prior.r.imageId),
      comparison: {
        kind,
        sizeMm: [priorMm, currentMm],
        ...(change.doublingDays !== undefined ? { doublingDays: change.doublingDays } : {}),
      },
    },
  };
}

/**
 * Sets a measured finding's region; its sentence follows while it is still the one Lucent wrote, and
 * a lesion tracked on a prior records the change (the report then compares with that prior).
 */
function setMeasuredRegion(studyUID: string, finding: Finding, region: Region, key?: string): void {
  const session = reportSession(studyUID);
  const wrote = measuredWords(studyUID, finding.regions)?.sentence;
  session.edit({ type: 'setRegion', findingId: finding.id, region }, key);
  const exists = finding.regions.some((r) => r.id === region.id);
  const regions = exists ? finding.regions.map((r) => (r.id === region.id ? region : r)) : [...finding.regions, region];
  const now = measuredWords(studyUID, regions);
  if (!now) return;
  if (finding.text === wrote && now.sentence !== wrote) session.edit({ type: 'editText', findingId: finding.id, text: now.sentence }, key);
  followFields(studyUID, finding, region, key);
  if (now.tracked) session.edit({ type: 'trackLesion', findingId: finding.id, ...now.tracked }, key);
}

/** Template fields that took a measured value and still hold it take the value as now measured. */
function followFields(studyUID: string, finding: Finding, region: Region, key?: string): void {
  const session = reportSession(studyUID);
  const content = session.report?.content;
  const before = finding.regions.find((r) => r.id === region.id)?.measurement;
  if (!content?.template || !before || !region.measurement) return;
  const was = measuredFieldValues(content.template, finding.text, before, {});
  const now = measuredFieldValues(content.template, finding.text, region.measurement, {});
  for (const [fieldId, value] of Object.entries(now))
    if (content.fields?.[fieldId] === was[fieldId] && value !== was[fieldId]) session.edit({ type: 'setField', fieldId, value }, key);
}

/** A finding's region moved or resized on the image: its box, and for a measurement its values, go to the report. */
export function changeRegion(
  studyUID: string,
  findingId: string,
  region: { id: string; imageId: string; box: Region['box']; remeasured?: Remeasured },
): void {
  const session = reportSession(studyUID);
  const finding = session.report?.content.findings.find((f) => f.id === findingId);
  const before = finding?.regions.find((r) => r.id === region.id);
  const key = `region:${region.id}`;
  const { remeasured, ...moved } = region;
  if (!finding || !before?.measurement || !remeasured) return session.edit({ type: 'setRegion', findingId, region: moved }, key);
  const measurement = regionMeasurementOf(remeasured, before.measurement.trackingUid);
  // Only the reader's move is an edit: the tool's statistics arriving for a measurement drawn again
  // (a report reopened, another tool's SR read) leave the values on record as they were written.
  if (samePoints(before.measurement, measurement)) return;
  setMeasuredRegion(studyUID, finding, { ...before, ...moved, measurement }, key);
}

/** Whether an image is of a prior of the study: the same patient's, done earlier. */
export function isOnPrior(imageId: string, studyUID: string): boolean {
  const study = placeOfImage(imageId)?.study;
  const current = useAppStore.getState().studies.find((s) => s.uid === studyUID);
  return !!study && !!current && besideAs(study, current) === 'prior';
}

/** The measured findings of a report, for linking a prior's measurement of the same lesion. */
export function measuredFindings(studyUID: string): Finding[] {
  return reportSession(studyUID).report?.content.findings.filter((f) => f.regions.some((r) => r.measurement)) ?? [];
}

/**
 * Links a measurement on a prior to a measured finding of the current report: the same lesion, so
 * it takes the finding's tracking UID and becomes one of its regions; the sentence then says the change.
 */
export function linkToFinding(uid: string, studyUID: string, findingId: string): void {
  const m = measurementService.get(uid);
  if (!m || !isOnPrior(m.imageId, studyUID)) return;
  const finding = reportSession(studyUID).report?.content.findings.find((f) => f.id === findingId);
  const trackingUid = finding?.regions.find((r) => r.measurement)?.measurement?.trackingUid;
  if (!m || !finding || !trackingUid || m.findingId) return;
  setMeasuredRegion(studyUID, finding, { id: uid, imageId: m.imageId, box: m.box, measurement: regionMeasurementOf(m, trackingUid) });
  measurementService.linkFinding(uid, findingId);
  selectFinding(findingId);
}

/** How close (in fractions of the image's width and height) two measurements' centres must lie to be proposed as one lesion. */
const SAME_PLACE = 0.1;

/**
 * The measured finding a prior's measurement most likely tracks: one made with the same tool whose
 * measurement on the report's study lies at the same place of its image (the centres within a tenth
 * of the image apart, the nearest first). The reader confirms or picks another.
 */
export function proposedLink(uid: string, studyUID: string): Finding | undefined {
  const m = measurementService.get(uid);
  const centre = m && centreOf(m.imageId, m.box);
  if (!m || !centre) return undefined;
  const candidates = measuredFindings(studyUID).flatMap((f) => {
    const own = f.regions.find((r) => r.measurement?.tool === m.tool && placeOfImage(r.imageId)?.study.uid === studyUID);
    const c = own && centreOf(own.imageId, own.box);
    const apart = c && Math.hypot(c[0] - centre[0], c[1] - centre[1]);
    return apart !== undefined && apart <= SAME_PLACE ? [{ f, apart }] : [];
  });
  return candidates.sort((a, b) => a.apart - b.apart)[0]?.f;
}

/** A box's centre in fractions of its image's width and height. */
function centreOf(imageId: string, [x0, y0, x1, y1]: Region['box']): [number, number] | undefined {
  const header = placeOfImage(imageId)?.header;
  return header?.columns && header.rows ? [(x0 + x1) / 2 / header.columns, (y0 + y1) / 2 / header.rows] : undefined;
}

/** Gives an arrow new text, asked in Lucent's dialog. */
export function editArrowText(uid: string): void {
  const m = measurementService.get(uid);
  if (m?.tool === 'arrow') askForText('Arrow text', m.label ?? '', (text) => text !== undefined && relabelArrow(uid, text));
}
