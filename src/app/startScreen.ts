// Back to the start screen (the Lucent logo): the open studies close and the sample list shows again.
// Their reports stay — in the report store and in IndexedDB, as after a reload — and are the studies'
// reports again when they open once more; only what belonged to the images on screen goes.
import { useAppStore } from '../store/appStore';
import { useModelStore } from '../store/modelStore';
import { useTeachingStore } from '../store/teachingStore';
import { cancelDraft } from './modelTasks';
import { unbindClosedImages } from './reportSession';

export function backToStart(): void {
  // A draft still running would land in the report after its images closed.
  cancelDraft();
  useModelStore.setState({ draft: undefined, refusal: undefined });
  useTeachingStore.setState({ explainedFindingId: undefined, comparison: undefined });
  // Regions name this page's imageIds, which a study opened again does not get back: name them as saved.
  unbindClosedImages();
  useAppStore.getState().closeAll();
}
