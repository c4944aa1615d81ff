// Corner annotations over the image. All DICOM text is rendered as React text, never as HTML.
import type { Series, Study } from '../dicom/studies';
import type { ViewState } from '../viewer/viewState';
import { formatDicomDate, formatPersonName } from './format';

interface Props {
  study: Study;
  series: Series;
  view: ViewState;
  /** Sets another grid viewport's overlays apart from the current study's ('viewport-2-'); none for it and a prior's. */
  testIdPrefix?: string;
}

export function CornerOverlays({ study, series, view, testIdPrefix = '' }: Props) {
  const instance = series.instances[Math.min(view.sliceIndex, series.instances.length - 1)];
  const w = view.window;
  const corner = 'overlay-text pointer-events-none absolute font-mono text-[12px] leading-tight text-neutral-100';
  return (
    <>
      <div className={`${corner} left-2 top-2`} data-testid={`${testIdPrefix}overlay-patient`}>
        <div className="font-semibold">{formatPersonName(study.patientName) || 'Anonymous'}</div>
        <div>ID {study.patientId || '—'}</div>
        <div>
          {formatDicomDate(study.patientBirthDate)} {study.patientSex}
        </div>
      </div>
      <div className={`${corner} right-2 top-2 text-right`} data-testid={`${testIdPrefix}overlay-study`}>
        <div>{study.description || 'Study'}</div>
        <div>{formatDicomDate(study.date)}</div>
        <div>Acc {study.accessionNumber || '—'}</div>
      </div>
      <div className={`${corner} bottom-2 left-2`} data-testid={`${testIdPrefix}overlay-series`}>
        <div>
          {series.modality} · Se {series.number ?? '—'} {series.description}
        </div>
        <div data-testid={`${testIdPrefix}overlay-slice`}>
          Im {view.sliceCount ? view.sliceIndex + 1 : 0}/{view.sliceCount}
          {instance?.header.instanceNumber !== undefined && ` (#${instance.header.instanceNumber})`}
        </div>
        {instance && (
          <div>
            {instance.header.columns}×{instance.header.rows}
          </div>
        )}
      </div>
      <div className={`${corner} bottom-2 right-2 text-right`} data-testid={`${testIdPrefix}overlay-view`}>
        <div data-testid={`${testIdPrefix}overlay-wl`}>{w ? `W ${Math.round(w.width)} L ${Math.round(w.center)}` : 'W — L —'}</div>
        <div>Zoom {Math.round(view.zoom * 100)}%</div>
        {(view.invert || view.rotation !== 0 || view.flipHorizontal || view.flipVertical) && (
          <div>
            {[
              view.invert && 'Inverted',
              view.rotation && `${view.rotation}°`,
              view.flipHorizontal && 'Flip H',
              view.flipVertical && 'Flip V',
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        )}
      </div>
    </>
  );
}
