// The viewport grid on screen, for the components that draw or change it (the viewer pane, the layout picker).
import { useMemo } from 'react';
import { viewportLayout, type LayoutOnScreen } from '../app/viewportLayout';
import { useAppStore } from '../store/appStore';
import { useLayoutStore } from '../store/layoutStore';

export function useViewportLayout(): LayoutOnScreen | undefined {
  const studies = useAppStore((s) => s.studies);
  const activeSeriesUID = useAppStore((s) => s.activeSeriesUID);
  const priorStudyUID = useAppStore((s) => s.priorStudyUID);
  const importedRules = useLayoutStore((s) => s.importedRules);
  const remembered = useLayoutStore((s) => s.remembered);
  const onScreen = useLayoutStore((s) => s.onScreen);
  return useMemo(
    () => viewportLayout({ studies, activeSeriesUID, priorStudyUID }, { importedRules, remembered, onScreen }),
    [studies, activeSeriesUID, priorStudyUID, importedRules, remembered, onScreen],
  );
}
