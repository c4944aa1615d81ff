// The open report drawn over the viewer, the way OHIF's measurement service maps annotations to
// measurements: each finding's regions as rectangles in the finding's colour (dashed when rejected
// or only proposed, thicker under the reader's pointer), the selection kept in step both ways, a
// newly selected finding's region brought into view, and the heat map of the finding being
// explained. Plain TypeScript over two small interfaces, so it runs in unit tests without a viewer.
import type { Box } from '../findings/box';
import type { Evidence, Finding, Region } from '../report/types';
import { findingColor } from './findingColors';
import type { RegionEvents, RegionView } from './regions';

/** What the overlay draws, read afresh on every change. */
export interface OverlayState {
  /** The findings the reader sees, in report order (their colours follow that order). */
  findings: Finding[];
  selectedFindingId: string | undefined;
  hoveredFindingId: string | undefined;
  /** Where the model looked for the finding being explained, if any. */
  explainedEvidence: Evidence | undefined;
}

/** The report side: its state, its changes, and what the reader does on the image. */
export interface OverlaySource extends RegionEvents {
  read(): OverlayState;
  /** Calls the listener after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** The viewer side (ViewerController). */
export interface OverlayTarget {
  createRegionLayer(events: RegionEvents): {
    sync(regions: RegionView[]): void;
    select(findingId: string | undefined): void;
    destroy(): void;
  };
  createHeatmapLayer(): { show(evidence: Evidence | undefined): void; dispose(): void };
  showRegion(imageId: string, box: Box): Promise<void>;
  /** Whether the image is on this viewer: a comparison finding has regions on the prior's images too. */
  showsImage(imageId: string): boolean;
}

/** The rectangles for a report's findings. */
export function regionViewsOf(findings: Finding[], hoveredFindingId: string | undefined): RegionView[] {
  return findings.flatMap((f, i) =>
    f.regions.map((r: Region) => ({
      id: r.id,
      findingId: f.id,
      imageId: r.imageId,
      box: r.box,
      ...(r.measurement ? { measurement: r.measurement } : {}),
      color: findingColor(i),
      dashed: f.decision === 'rejected' || !!r.proposed,
      emphasised: f.id === hoveredFindingId,
    })),
  );
}

/** Draws the report on the viewer until the returned function is called. */
export function bindReportOverlay(target: OverlayTarget, source: OverlaySource): () => void {
  let shownSelection: string | undefined;
  const regions = target.createRegionLayer({
    // Selected on the image: already in view, so no re-centring under the reader's pointer.
    onSelect: (findingId) => {
      shownSelection = findingId;
      source.onSelect(findingId);
    },
    onChange: (findingId, region) => source.onChange(findingId, region),
    onDrawn: (region) => source.onDrawn(region),
  });
  const updateRegions = () => {
    const { findings, selectedFindingId, hoveredFindingId } = source.read();
    regions.sync(regionViewsOf(findings, hoveredFindingId));
    regions.select(selectedFindingId);
    if (selectedFindingId !== shownSelection) {
      shownSelection = selectedFindingId;
      // A newly selected finding: its first region on this viewer's images, centred on the region.
      const region = findings.find((f) => f.id === selectedFindingId)?.regions.find((r) => target.showsImage(r.imageId));
      if (region) void target.showRegion(region.imageId, region.box);
    }
  };
  const heatmap = target.createHeatmapLayer();
  const updateHeatmap = () => heatmap.show(source.read().explainedEvidence);
  updateRegions();
  updateHeatmap();
  const unsubscribes = [source.subscribe(updateRegions), source.subscribe(updateHeatmap)];
  return () => {
    unsubscribes.forEach((u) => u());
    regions.destroy();
    heatmap.dispose();
  };
}
