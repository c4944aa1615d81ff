// The measurements on the open images, by series and image, with their values: select one to show
// it on its image, make it a finding in one action, link a prior's to the finding it tracks, delete
// and undo. Keyboard: each measurement is a button (Enter shows it, F makes a finding, Delete deletes).
import { findSeries, useAppStore } from '../store/appStore';
import { useMeasurementStore } from '../store/measurementStore';
import { useReportStore } from '../store/reportStore';
import { describeValues, TOOL_LABELS } from '../report/measurement';
import type { Measurement } from '../viewer/services/measurementService';
import {
  deleteMeasurement,
  editArrowText,
  linkToFinding,
  measuredFindings,
  measurementToFinding,
  isOnPrior,
  placeOfImage,
  proposedLink,
  showMeasurement,
  undoDeleteMeasurement,
} from '../app/measurements';

const small = 'rounded bg-neutral-800 px-1.5 py-0.5 text-[11px] text-neutral-200 hover:bg-neutral-700';

/** A prior's measurement, linked to the current report's measured finding of the same lesion. */
function LinkToFinding({ m, studyUID }: { m: Measurement; studyUID: string }) {
  // Read on every report change, so a finding measured a moment ago is offered.
  useReportStore((s) => s.histories[studyUID]?.present);
  const findings = measuredFindings(studyUID);
  if (!findings.length) return null;
  const proposed = proposedLink(m.uid, studyUID);
  return (
    <>
      {proposed && (
        <button
          type="button"
          className={small}
          title={`Proposed by its place on the image: ${proposed.text}`}
          onClick={() => linkToFinding(m.uid, studyUID, proposed.id)}
        >
          Same lesion as “{proposed.text.slice(0, 40)}”
        </button>
      )}
      <select
        aria-label="Same lesion as"
        className="max-w-full rounded bg-neutral-800 px-1 py-0.5 text-[11px]"
        value=""
        onChange={(e) => e.target.value && linkToFinding(m.uid, studyUID, e.target.value)}
      >
        <option value="">Same lesion as…</option>
        {findings.map((f) => (
          <option key={f.id} value={f.id}>
            {f.text.slice(0, 60)}
          </option>
        ))}
      </select>
    </>
  );
}

function MeasurementRow({ m, currentStudyUID }: { m: Measurement; currentStudyUID: string | undefined }) {
  const chosen = useMeasurementStore((s) => s.selectedUid === m.uid);
  // Selecting the finding (its sentence, or its region on the image) selects its measurement.
  const ofSelectedFinding = useReportStore((s) => !!m.findingId && s.selectedFindingId === m.findingId);
  const selected = chosen || ofSelectedFinding;
  const onPrior = !!currentStudyUID && isOnPrior(m.imageId, currentStudyUID);
  const values = m.tool === 'arrow' ? m.label || 'Arrow' : describeValues(m);
  return (
    <li
      data-testid="measurement"
      data-tool={m.tool}
      data-uid={m.uid}
      className="flex flex-col gap-1 rounded border border-neutral-800 p-1.5"
    >
      <button
        type="button"
        data-testid="measurement-show"
        aria-pressed={selected}
        title={m.caveat}
        onClick={() => showMeasurement(m.uid)}
        onKeyDown={(e) => {
          if (e.key === 'Delete' || e.key === 'Backspace') deleteMeasurement(m.uid);
          else if (e.key.toLowerCase() === 'f' && !m.findingId) measurementToFinding(m.uid);
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
        className={`text-left text-xs ${selected ? 'text-sky-300' : 'text-neutral-200'}`}
      >
        <span className="font-semibold">{m.tool ? TOOL_LABELS[m.tool] : m.toolName}</span>{' '}
        <span data-testid="measurement-values">{values}</span>
        {m.caveat && <span className="block text-[11px] text-amber-300">{m.caveat}</span>}
      </button>
      <div className="flex flex-wrap gap-1">
        {m.findingId ? (
          <span className="text-[11px] text-emerald-300">In the report</span>
        ) : (
          <button type="button" className={small} title="Make this measurement a finding (F)" onClick={() => measurementToFinding(m.uid)}>
            Finding
          </button>
        )}
        {onPrior && !m.findingId && currentStudyUID && <LinkToFinding m={m} studyUID={currentStudyUID} />}
        {m.tool === 'arrow' && (
          <button type="button" className={small} onClick={() => editArrowText(m.uid)}>
            Edit text
          </button>
        )}
        <button type="button" className={small} title="Delete (Delete)" onClick={() => deleteMeasurement(m.uid)}>
          Delete
        </button>
      </div>
    </li>
  );
}

/** Groups by series and image, in drawing order within each. */
function groups(measurements: Measurement[]): Array<{ key: string; title: string; items: Measurement[] }> {
  const out = new Map<string, { key: string; title: string; items: Measurement[] }>();
  for (const m of measurements) {
    const where = placeOfImage(m.imageId);
    const title = where
      ? `${where.description || `Series ${where.place.series ?? ''}`} · image ${where.place.image ?? ''}`.trim()
      : 'Image not open';
    const group = out.get(title) ?? { key: title, title, items: [] };
    group.items.push(m);
    out.set(title, group);
  }
  return [...out.values()];
}

export function MeasurementsPanel() {
  const measurements = useMeasurementStore((s) => s.measurements);
  const canUndo = useMeasurementStore((s) => s.deleted.length > 0);
  const currentStudyUID = useAppStore((s) => findSeries(s.studies, s.activeSeriesUID)?.study.uid);
  if (!measurements.length && !canUndo) return null;
  return (
    <section aria-label="Measurements" className="flex max-h-[50%] shrink-0 flex-col gap-2 overflow-y-auto border-t border-neutral-800 p-2">
      <header className="flex items-center justify-between">
        <h2 className="text-xs font-semibold text-neutral-300">Measurements</h2>
        {canUndo && (
          <button type="button" className={small} onClick={undoDeleteMeasurement}>
            Undo delete
          </button>
        )}
      </header>
      {groups(measurements).map((g) => (
        <div key={g.key} className="flex flex-col gap-1">
          <h3 className="truncate text-[11px] text-neutral-400" title={g.title}>
            {g.title}
          </h3>
          <ul className="flex flex-col gap-1">
            {g.items.map((m) => (
              <MeasurementRow key={m.uid} m={m} currentStudyUID={currentStudyUID} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
