// What follows from the studies open, from the page's start rather than in React effects: the model
// starts downloading as soon as a study is open (so a draft does not wait for it), and every study
// on screen gets its report, its indication taken from the request.
import { useAppStore } from '../store/appStore';
import { ensureModel } from './modelTasks';
import { reportSession } from './reportSession';
import { activeStudy, requestReasonOf } from './studyQueries';

/** Follows the app store until the returned function is called. */
export function followOpenStudies(): () => void {
  let hadStudy = false;
  let opened = '';
  const follow = () => {
    const hasStudy = useAppStore.getState().studies.length > 0;
    if (hasStudy && !hadStudy) void ensureModel();
    hadStudy = hasStudy;
    const active = activeStudy();
    if (!active) {
      opened = '';
      return;
    }
    const reason = requestReasonOf(active);
    const modality = active.series.modality ?? '';
    // The store changes on every rendered frame: open only when the study, request or modality does.
    const key = JSON.stringify([active.study.uid, reason, modality]);
    if (key === opened) return;
    opened = key;
    reportSession(active.study.uid).open(reason, modality);
  };
  follow();
  return useAppStore.subscribe(follow);
}
