// Keeps the current study's viewer and the prior's linked while Link is on (src/viewer/linking.ts).
// A link is made once both show their series, so a stack being opened does not push its default
// window onto the other, and made again whenever either opens another series.
import { useEffect, useMemo } from 'react';
import type { Series } from '../dicom/studies';
import { linkViewers, scrollLinkable } from '../viewer/linking';
import type { ViewerController } from '../viewer/ViewerController';

interface Side {
  viewer: ViewerController | undefined;
  series: Series;
  /** The image the viewer reports it shows. */
  imageId: string | undefined;
}

const showsSeries = (side: Side) => !!side.viewer && !!side.imageId && side.series.imageIds.includes(side.imageId);

/** Returns whether scrolling is linked too (series of the same geometry). */
export function usePriorLink(linked: boolean, current: Side, prior: Side): boolean {
  const scrolls = useMemo(() => scrollLinkable(current.series, prior.series), [current.series, prior.series]);
  const ready = linked && showsSeries(current) && showsSeries(prior);
  const [a, b] = [current.viewer, prior.viewer];
  useEffect(() => (ready && a && b ? linkViewers(a, b, { scroll: scrolls }) : undefined), [ready, a, b, scrolls]);
  return scrolls;
}
