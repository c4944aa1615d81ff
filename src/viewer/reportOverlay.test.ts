import { describe, expect, it } from 'vitest';
import type { Evidence, Finding } from '../report/types';
import { findingColor } from './findingColors';
import { bindReportOverlay, regionViewsOf, type OverlaySource, type OverlayState, type OverlayTarget } from './reportOverlay';
import type { RegionEvents, RegionView } from './regions';

const finding = (id: string, extra: Partial<Finding> = {}): Finding => ({
  id,
  text: `${id} sentence`,
  regions: [{ id: `${id}-r`, imageId: 'img:1', box: [10, 20, 30, 40] }],
  provenance: 'ai',
  decision: 'pending',
  confidence: 0.9,
  ...extra,
});

const evidence: Evidence = { imageId: 'img:1', grid: [2, 2], squarePx: 100, weights: [0.1, 0.2, 0.3, 0.4] };

/** A viewer showing `images` that records what it is asked to draw. */
function fakeViewer(images?: string[]) {
  const log = {
    synced: [] as RegionView[][],
    selected: [] as (string | undefined)[],
    shown: [] as string[],
    heatmaps: [] as (Evidence | undefined)[],
    destroyed: 0,
  };
  let events: RegionEvents | undefined;
  const target: OverlayTarget = {
    createRegionLayer: (e) => {
      events = e;
      return { sync: (r) => log.synced.push(r), select: (id) => log.selected.push(id), destroy: () => log.destroyed++ };
    },
    createHeatmapLayer: () => ({ show: (e) => log.heatmaps.push(e), dispose: () => log.destroyed++ }),
    showRegion: async (imageId) => void log.shown.push(imageId),
    showsImage: (imageId) => !images || images.includes(imageId),
  };
  return { target, log, events: () => events! };
}

/** A viewer and a report that can change under it. */
function harness(initial: OverlayState) {
  let state = initial;
  const listeners = new Set<() => void>();
  const viewer = fakeViewer();
  const log = Object.assign(viewer.log, { selectedByReader: [] as (string | undefined)[] });
  const { target, events } = viewer;
  const source: OverlaySource = {
    read: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onSelect: (id) => {
      log.selectedByReader.push(id);
      change({ selectedFindingId: id });
    },
    onChange: () => {},
    onDrawn: () => 'new',
  };
  const change = (patch: Partial<OverlayState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  return { target, source, log, change, events, listeners };
}

describe('the report overlay', () => {
  it("draws each finding's regions in its colour, dashed when rejected or proposed, thicker under the pointer", () => {
    const findings = [
      finding('a'),
      finding('b', { decision: 'rejected' }),
      finding('c', { regions: [{ id: 'c-r', imageId: 'img:2', box: [1, 2, 3, 4], proposed: true }] }),
    ];
    const views = regionViewsOf(findings, 'a');
    expect(views.map((v) => [v.id, v.findingId, v.color, v.dashed, v.emphasised])).toEqual([
      ['a-r', 'a', findingColor(0), false, true],
      ['b-r', 'b', findingColor(1), true, false],
      ['c-r', 'c', findingColor(2), true, false],
    ]);
    expect(views[2].imageId).toBe('img:2');
  });

  it('follows the report: a finding selected in the list is brought into view, one selected on the image is not', () => {
    const h = harness({
      findings: [finding('a'), finding('b')],
      selectedFindingId: undefined,
      hoveredFindingId: undefined,
      explainedEvidence: undefined,
    });
    bindReportOverlay(h.target, h.source);
    expect(h.log.synced.at(-1)?.map((v) => v.id)).toEqual(['a-r', 'b-r']);
    h.change({ selectedFindingId: 'b' });
    expect(h.log.selected.at(-1)).toBe('b');
    expect(h.log.shown).toEqual(['img:1']);
    h.events().onSelect('a');
    expect(h.log.selectedByReader).toEqual(['a']);
    expect(h.log.selected.at(-1)).toBe('a');
    expect(h.log.shown).toEqual(['img:1']);
    h.change({ findings: [finding('a')] });
    expect(h.log.synced.at(-1)?.map((v) => v.id)).toEqual(['a-r']);
  });

  it("shows the explained finding's heat map, and stops listening when unbound", () => {
    const h = harness({
      findings: [finding('a')],
      selectedFindingId: undefined,
      hoveredFindingId: undefined,
      explainedEvidence: undefined,
    });
    const unbind = bindReportOverlay(h.target, h.source);
    expect(h.log.heatmaps).toEqual([undefined]);
    h.change({ explainedEvidence: evidence });
    expect(h.log.heatmaps.at(-1)).toBe(evidence);
    unbind();
    expect(h.listeners.size).toBe(0);
    expect(h.log.destroyed).toBe(2);
    const drawn = h.log.synced.length;
    h.change({ findings: [] });
    expect(h.log.synced.length).toBe(drawn);
  });

  it('two viewers on one report each show and select the regions on their own images', () => {
    // A comparison finding: one region on the current image, one on the prior's.
    const interval = finding('a', {
      regions: [
        { id: 'a-now', imageId: 'now:1', box: [1, 2, 3, 4] },
        { id: 'a-prior', imageId: 'prior:1', box: [5, 6, 7, 8] },
      ],
    });
    const h = harness({
      findings: [interval, finding('b')],
      selectedFindingId: undefined,
      hoveredFindingId: undefined,
      explainedEvidence: undefined,
    });
    const current = fakeViewer(['now:1']);
    const prior = fakeViewer(['prior:1']);
    bindReportOverlay(current.target, h.source);
    bindReportOverlay(prior.target, h.source);
    h.change({ selectedFindingId: 'a' });
    expect(current.log.shown).toEqual(['now:1']);
    expect(prior.log.shown).toEqual(['prior:1']);
    // Selected on the prior's image: the finding is selected, and the current viewer brings its own region into view.
    h.change({ selectedFindingId: 'b' });
    prior.events().onSelect('a');
    expect(h.log.selectedByReader).toEqual(['a']);
    expect(current.log.shown).toEqual(['now:1', 'now:1']);
    expect(prior.log.shown).toEqual(['prior:1']);
    expect([current.log.selected.at(-1), prior.log.selected.at(-1)]).toEqual(['a', 'a']);
  });
});
