// A finding explained for a resident: where the model looked (the heat map on the image, toggled
// here), its confidence, each region's measurement in millimetres, and the teaching note for the
// finding type.
import { explanationOf } from '../../app/teaching';
import { probabilityShown } from '../../report/findingProbability';
import type { Finding } from '../../report/types';

export function Explanation({ finding }: { finding: Finding }) {
  const { measurements, note } = explanationOf(finding);
  const probability = probabilityShown(finding);
  const real = !!(finding.headProbability || finding.noProbability);
  return (
    <div data-testid="explanation" className="mt-2 space-y-2 border-t border-neutral-800 pt-2 text-[11px] text-neutral-300">
      <p>
        {finding.evidence
          ? 'The heat map on the image shows where the model looked while writing this sentence.'
          : 'No attention map: this finding was not written by the model.'}
        {/* A real film's finding: the label head's probability or why there is none, as on its row. */}
        {real && probability && ` ${probability.text}. ${probability.title ?? ''}`}
        {!real &&
          finding.confidence !== undefined &&
          (finding.calibrated
            ? ` Model confidence: ${(finding.confidence * 100).toFixed(0)}% likely correct ` +
              '(calibrated on held-out synthetic cases, not on real films).'
            : ` Model confidence ${(finding.confidence * 100).toFixed(0)}% (per-token probability, not calibrated).`)}
      </p>
      {measurements.length > 0 && (
        <ul data-testid="measurements">
          {measurements.map((m) => (
            <li key={m.regionId} data-testid="measurement" data-mm={JSON.stringify(m.mm)}>
              {m.text}
            </li>
          ))}
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
        <p className="text-neutral-400">No teaching note: the sentence names no finding type the model knows.</p>
      )}
    </div>
  );
}

function NoteList({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <span className="text-neutral-400">{title}: </span>
      <ul className="ml-4 list-disc">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
