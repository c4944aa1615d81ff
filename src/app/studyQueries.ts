// Questions the use-cases and screens ask of the open studies.
import type { LoadedInstance, Series, Study } from '../dicom/studies';
import { allInstances, findSeries, useAppStore } from '../store/appStore';

/** The study and series on screen. */
export function activeStudy(): { study: Study; series: Series } | undefined {
  const { studies, activeSeriesUID } = useAppStore.getState();
  return findSeries(studies, activeSeriesUID);
}

/** The request's reason for the study (the report's default indication). */
export function requestReasonOf(active: { series: Series } | undefined): string {
  return active?.series.instances.find((i) => i.header.requestReason)?.header.requestReason ?? '';
}

/** Every open instance of a study, in series order. */
export function instancesOfStudy(studyUID: string): LoadedInstance[] {
  const study = useAppStore.getState().studies.find((s) => s.uid === studyUID);
  return study?.series.flatMap((s) => s.instances) ?? [];
}

/** The open instance an imageId belongs to. */
export function instanceOfImage(imageId: string): LoadedInstance | undefined {
  return allInstances(useAppStore.getState().studies).find((i) => i.imageIds.includes(imageId));
}

/** Row, column pixel spacing of the image an imageId belongs to. */
export function spacingOf(imageId: string): [number, number] | undefined {
  return instanceOfImage(imageId)?.header.pixelSpacing;
}
