// A plane of a series' volume (axial, coronal or sagittal) with its overlay, slab controls and the
// volume's streaming progress. A series that cannot form a volume, or whose volume would not fit the
// image memory budget, stays a stack here and says why MPR is not offered.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Series, Study } from '../dicom/studies';
import { useAppStore } from '../store/appStore';
import { initCornerstone } from '../viewer/cornerstone';
import type { ImageViewer } from '../viewer/imageViewer';
import { PLANE_COLORS, whyNoVolume, type PlaneOrientation, type SlicePlane, type VolumeProgress } from '../viewer/mpr';
import { SLAB_MODES, SLAB_THICKNESSES, slabLabel, THIN, type Slab, type SlabMode } from '../viewer/slab';
import { VolumeViewerController, type PlaneState } from '../viewer/VolumeViewerController';
import { shareStackLink, type LinkableStack } from '../viewer/stackPlaneLink';
import { describeLoadError } from '../viewer/ViewerController';
import { OtherViewport } from './OtherViewport';

interface Props {
  testid: string;
  study: Study;
  series: Series;
  orientation: PlaneOrientation;
  /** The window the plane opens with (a hanging rule's lung window); else the volume's own. */
  window?: { width: number; center: number };
  onViewer?: (viewer: ImageViewer | undefined) => void;
  /** The study whose report is drawn where the plane falls back to a stack. */
  reportStudyUID?: string;
  /** A stack of the same series beside the plane, linked with it (stackPlaneLink.ts). */
  linkedStack?: LinkableStack;
}

const PLANE_NAMES: Record<PlaneOrientation, string> = { axial: 'Axial', coronal: 'Coronal', sagittal: 'Sagittal' };
export function VolumeViewer(props: Props) {
  const reason = useMemo(() => whyNoVolume(props.series), [props.series]);
  if (reason) return <StackInstead {...props} reason={reason} />;
  return <Plane key={`${props.series.uid}:${props.orientation}`} {...props} />;
}

function StackInstead({ testid, study, series, window, onViewer, reportStudyUID, reason }: Props & { reason: string }) {
  return (
    <div className="flex h-full min-h-0 w-full min-w-0 flex-1 flex-col">
      <p role="note" data-testid={`${testid}-no-mpr`} className="bg-amber-950/80 px-2 py-1 text-[11px] text-amber-200">
        MPR is not offered for this series: {reason}. It is shown as a stack.
      </p>
      <OtherViewport
        id={testid}
        study={study}
        series={series}
        reportStudyUID={reportStudyUID}
        onViewer={(v) => onViewer?.(v)}
        openWindow={window}
      />
    </div>
  );
}

function Plane({ testid, series, orientation, window, onViewer, linkedStack }: Props) {
  const elementRef = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<VolumeViewerController>();
  const [state, setState] = useState<PlaneState>();
  const [progress, setProgress] = useState<VolumeProgress>();
  const [failure, setFailure] = useState<string>();
  const primaryTool = useAppStore((s) => s.primaryTool);
  const onViewerRef = useRef(onViewer);
  onViewerRef.current = onViewer;

  useEffect(() => {
    let cancelled = false;
    let created: VolumeViewerController | undefined;
    void initCornerstone().then(() => {
      if (cancelled) return;
      created = new VolumeViewerController(elementRef.current!, orientation, series.uid, series.imageIds, setState);
      setViewer(created);
      onViewerRef.current?.(created);
    });
    return () => {
      cancelled = true;
      if (created) onViewerRef.current?.(undefined);
      created?.destroy();
    };
  }, [series, orientation]);

  useEffect(() => {
    if (!viewer) return;
    const stop = viewer.group.onProgress(setProgress);
    viewer.show(window).catch((error: unknown) => setFailure(describeLoadError(error)));
    return stop;
    // The opening window applies once, when the plane first shows its volume: not on a later change of the prop.
  }, [viewer]);

  useEffect(() => viewer?.setPrimaryTool(primaryTool), [viewer, primaryTool]);
  useEffect(() => (viewer && linkedStack ? shareStackLink(linkedStack, viewer.group) : undefined), [viewer, linkedStack]);
  const [stackSlice, setStackSlice] = useState<SlicePlane>();
  useEffect(() => viewer?.group.onStackSlice(setStackSlice), [viewer]);
  // Recomputed with every change of the plane's state (its camera moves with each scroll, zoom and pan).
  const stackLine = viewer && stackSlice && state ? viewer.lineOf(stackSlice) : undefined;

  const loading = progress && progress.loaded + progress.failed < progress.total;
  const corner = 'overlay-text pointer-events-none absolute font-mono text-[12px] leading-tight text-neutral-100';
  return (
    <div className="flex h-full min-h-0 w-full min-w-0 flex-1 flex-col bg-black">
      {viewer && <SlabControls testid={testid} slab={state?.slab ?? THIN} onSlab={(slab) => viewer.setSlab(slab)} />}
      <div className="relative min-h-0 flex-1">
        <div
          ref={elementRef}
          data-testid={testid}
          data-orientation={orientation}
          data-slice-index={state?.sliceIndex ?? 0}
          data-slice-count={state?.sliceCount ?? 0}
          data-image-id={state?.imageId ?? ''}
          className="absolute inset-0 outline-none"
          tabIndex={-1}
        />
        {stackLine && (
          <svg className="pointer-events-none absolute inset-0 h-full w-full" data-testid={`${testid}-stack-line`} aria-hidden>
            <line {...stackLine} stroke={PLANE_COLORS.axial} strokeWidth={1} strokeDasharray="6 4" />
          </svg>
        )}
        <div className={`${corner} left-2 top-2`} data-testid={`${testid}-plane`}>
          <div className="font-semibold">{PLANE_NAMES[orientation]}</div>
          <div data-testid={`${testid}-slab`}>{state ? slabLabel(state.slab) : ''}</div>
        </div>
        <div className={`${corner} bottom-2 left-2`}>
          <div data-testid={`${testid}-overlay-series`}>
            {series.modality} · Se {series.number ?? '—'} {series.description}
          </div>
          <div data-testid={`${testid}-slice`}>{state ? `Sl ${state.sliceIndex + 1}/${state.sliceCount}` : ''}</div>
        </div>
        <div className={`${corner} bottom-2 right-2 text-right`}>
          <div data-testid={`${testid}-wl`}>
            {state?.window ? `W ${Math.round(state.window.width)} L ${Math.round(state.window.center)}` : 'W — L —'}
          </div>
          <div>Zoom {Math.round((state?.zoom ?? 1) * 100)}%</div>
        </div>
        {failure && (
          <div role="alert" className="absolute inset-x-2 top-1/2 -translate-y-1/2 rounded bg-red-950/90 px-3 py-2 text-sm text-red-200">
            The volume of this series could not be built: {failure}. Its images still read as a stack (layout 1×1).
          </div>
        )}
        {loading && (
          <div role="status" data-testid={`${testid}-progress`} className={`${corner} right-2 top-2 text-right text-sky-300`}>
            Loading volume {progress.loaded}/{progress.total}
          </div>
        )}
        {progress && progress.failed > 0 && (
          <div role="alert" className={`${corner} right-2 top-6 text-right text-red-300`}>
            {progress.failed} slice{progress.failed === 1 ? '' : 's'} could not be loaded
          </div>
        )}
      </div>
    </div>
  );
}

function SlabControls({ testid, slab, onSlab }: { testid: string; slab: Slab; onSlab: (slab: Slab) => void }) {
  const select = 'rounded bg-neutral-800 px-1 py-0.5 text-[11px] text-neutral-200';
  const thickness = slab.mode === 'thin' ? 10 : slab.thicknessMm;
  return (
    <div className="flex h-6 shrink-0 items-center gap-1 border-b border-neutral-800 bg-neutral-900 px-2 text-[11px] text-neutral-400">
      <label className="flex items-center gap-1">
        Slab
        <select
          aria-label="Slab projection"
          data-testid={`${testid}-slab-mode`}
          className={select}
          value={slab.mode}
          onChange={(e) => {
            const mode = e.target.value as SlabMode;
            onSlab({ mode, thicknessMm: mode === 'thin' ? 0 : thickness });
          }}
        >
          {SLAB_MODES.map((m) => (
            <option key={m.mode} value={m.mode}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {slab.mode !== 'thin' && (
        <select
          aria-label="Slab thickness"
          data-testid={`${testid}-slab-thickness`}
          className={select}
          value={SLAB_THICKNESSES.includes(thickness) ? thickness : ''}
          onChange={(e) => onSlab({ ...slab, thicknessMm: Number(e.target.value) })}
        >
          {!SLAB_THICKNESSES.includes(thickness) && <option value="">{Number(thickness.toFixed(1))} mm</option>}
          {SLAB_THICKNESSES.map((mm) => (
            <option key={mm} value={mm}>
              {mm} mm
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
