// A finding explained for a resident: where the model looked (the heat map on the image, toggled
// here), its confidence, each region's measurement in millimetres, and the teaching note for the
// finding type.
import { labelSentence } from '../model/evaluation/labels';
import type { Finding } from '../report/report';
import { allInstances, useAppStore } from '../store/appStore';
import { formatMm, measureRegion } from '../teaching/measure';
import { TEACHING_NOTES } from '../teaching/notes';

/** Row, column pixel spacing of the image an imageId belongs to. */
export function spacingOf(imageId: string): [number, number] | undefined {
  return allInstances(useAppStore.getState().studies).find((i) => i.imageIds.includes(imageId))?.header.pixelSpacing;
}

export function Explanation({ finding }: { finding: Finding }) {
  const label = labelSentence(finding.text);
  const type = label?.type;
  const note = type && TEACHING_NOTES[type];
  return (
    <div data-testid="explanation" className="mt-2 space-y-2 border-t border-neutral-800 pt-2 text-[11px] text-neutral-300">
      <p>
        {finding.evidence ? 'The heat map on the image shows where the model looked while writing this sentence.' : 'No attention map: this finding was not written by the model.'}
        {finding.confidence !== undefined && ` Model confidence ${(finding.confidence * 100).toFixed(0)}% (per-token probability, not calibrated).`}
      </p>
      {finding.regions.length > 0 && (
        <ul data-testid="measurements">
          {finding.regions.map((r, k) => {
            const spacing = spacingOf(r.imageId);
            const measures = measureRegion(type, r.box, spacing);
            return (
              <li key={r.id} data-testid="measurement" data-mm={JSON.stringify(measures.map((m) => Math.round(m.mm * 100) / 100))}>
                Region {k + 1}: {measures.length ? measures.map((m) => `${m.label} ${formatMm(m.mm)}`).join(', ') : 'no pixel spacing in the image: sizes unknown'}
                {type === 'cardiomegaly' && measures.length > 0 && (label?.ratio
                  ? ` — cardiothoracic ratio ${label.ratio.toFixed(2)} as the sentence states, so an inner thoracic width of about ${formatMm(measures[0].mm / label.ratio)}; check it with the Length tool (M)`
                  : ' — divide by the widest inner thoracic width for the cardiothoracic ratio (Length tool, M)')}
              </li>
            );
          })}
        </ul>
      )}
      {note ? (
        <section data-testid="teaching-note" aria-label={`Teaching note: ${note.title}`} className="space-y-1 rounded bg-neutral-900 p-2">
          <h4 className="font-semibold text-neutral-100">{note.title}</h4>
          <p>{note.what}</p>
          <NoteList title="Signs" items={note.signs} />
          <NoteList title="Differential" items={note.differential} />
          <NoteList title="Pitfalls" items={note.pitfalls} />
          <NoteList title="Sources" items={note.sources} />
        </section>
      ) : (
        <p className="text-neutral-500">No teaching note: the sentence names no finding type the model knows.</p>
      )}
    </div>
  );
}

function NoteList({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <span className="text-neutral-500">{title}: </span>
      <ul className="ml-4 list-disc">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
