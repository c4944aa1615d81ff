// Teaching mode's comparison: the resident's findings against the case's ground truth (sample cases)
// or the model's draft, with matched, missed and extra findings, region overlap, the score kept per
// case, and the way to reveal the AI draft and its explanations.
import { useState } from 'react';
import { labelSentence } from '../model/evaluation/labels';
import { draftEdit } from '../report/fromModel';
import { newId } from '../report/ids';
import type { Finding } from '../report/report';
import { useModelStore } from '../store/modelStore';
import { useReportStore } from '../store/reportStore';
import { useTeachingStore } from '../store/teachingStore';
import { compareFindings, referenceFromSentences, type ReferenceFinding } from '../teaching/compare';
import { formatMm, measureRegion } from '../teaching/measure';
import { spacingOf } from './Explanation';
import { draftReport } from './modelActions';

const typeName = (type: string) => type.replace(/_/g, ' ');
const sideOf = (laterality: string) => (laterality === 'none' ? '' : `${laterality} `);
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** The model's draft of the image, run now if it has not been (kept out of the report). */
async function aiDraftOf(studyUID: string, imageId: string, indication: string) {
  const current = useModelStore.getState().draft;
  if (!(current?.imageId === imageId && current.status === 'done')) await draftReport(studyUID, imageId, indication, false);
  const draft = useModelStore.getState().draft;
  if (draft?.imageId !== imageId || draft.status !== 'done' || !draft.report) throw new Error(draft?.error ?? 'the model did not finish its draft');
  return draft.report;
}

function residentFindings(findings: Finding[]) {
  return findings.filter((f) => f.provenance === 'human' && f.decision !== 'rejected').map((f) => ({ id: f.id, text: f.text, boxes: f.regions.map((r) => r.box) }));
}

export function TeachingPanel({ studyUID, imageId, findings, indication }: { studyUID: string; imageId: string | undefined; findings: Finding[]; indication: string }) {
  const truth = useTeachingStore((s) => s.groundTruth[studyUID]);
  const comparison = useTeachingStore((s) => (s.comparison?.studyUID === studyUID ? s.comparison.result : undefined));
  const scores = useTeachingStore((s) => s.scores[studyUID]);
  const revealed = useTeachingStore((s) => !!s.revealed[studyUID]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const compare = async () => {
    if (!imageId) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const draft = await aiDraftOf(studyUID, imageId, indication);
      const reference: ReferenceFinding[] = truth ? truth.findings : referenceFromSentences(draft.findings);
      useTeachingStore.getState().setComparison(studyUID, compareFindings(residentFindings(findings), reference, truth ? 'ground truth' : 'AI draft'));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const reveal = () => {
    const draft = useModelStore.getState().draft;
    if (draft?.report && draft.imageId === imageId && !revealed) useReportStore.getState().edit(studyUID, draftEdit(draft.report, draft.imageId, newId));
    useTeachingStore.getState().reveal(studyUID);
  };

  const spacing = truth?.spacing ?? (imageId ? spacingOf(imageId) : undefined);
  return (
    <section aria-label="Teaching" data-testid="teaching" className="space-y-2 rounded border border-amber-900/60 bg-amber-950/20 p-2 text-xs">
      <p className="text-amber-200">
        Teaching mode: write your findings and draw their regions (G). The AI draft stays hidden until you compare
        {truth ? '; this case carries its ground truth.' : '.'}
      </p>
      <div className="flex gap-2">
        <button type="button" data-testid="compare" disabled={busy || !imageId} onClick={() => void compare()} className="rounded bg-amber-800 px-3 py-1 font-medium hover:bg-amber-700 disabled:opacity-40">
          {busy ? 'Comparing…' : 'Compare'}
        </button>
        {comparison && !revealed && (
          <button type="button" data-testid="reveal" onClick={reveal} className="rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700">
            Reveal AI draft and explanations
          </button>
        )}
      </div>
      {problem && <p role="alert" className="text-red-300">Could not compare: {problem}</p>}
      {comparison && (
        <div data-testid="comparison" data-against={comparison.against} className="space-y-1">
          <p>
            Against the {comparison.against}: recall {percent(comparison.recall)}, precision {percent(comparison.precision)}, F1 {percent(comparison.f1)}
          </p>
          <ComparisonList title="Matched" testId="matched" items={comparison.matched.map((m) => `${sideOf(m.reference.laterality)}${typeName(m.reference.type)}${m.sameSide ? '' : ` (you wrote the ${sideOf(labelSentence(m.resident.text)?.laterality ?? 'none') || 'unsided '}side)`}${m.overlap === undefined ? ' · no region to compare' : ` · region overlap ${percent(m.overlap)}`}${measured(m.reference, spacing)}`)} />
          <ComparisonList title="Missed" testId="missed" items={comparison.missed.map((f) => `${sideOf(f.laterality)}${typeName(f.type)} — “${f.text}”${measured(f, spacing)}`)} />
          <ComparisonList title="Extra" testId="extra" items={comparison.extra.map((e) => `“${e.resident.text}”${e.type ? ` (${typeName(e.type)})` : ' (no finding type recognised)'}`)} />
        </div>
      )}
      {scores && scores.length > 0 && (
        <p data-testid="scores" className="text-neutral-400">
          Your scores on this case: {scores.map((s) => `${percent(s.f1)} (${new Date(s.at).toLocaleDateString()})`).join(' · ')}
        </p>
      )}
    </section>
  );
}

/** The reference finding's size from its box and the image's pixel spacing, plus the truth's own numbers. */
function measured(f: ReferenceFinding, spacing: [number, number] | undefined): string {
  const box = f.boxes[0];
  const parts = box ? measureRegion(f.type, box, spacing).map((m) => `${m.label} ${formatMm(m.mm)}`) : [];
  if (f.cardiothoracicRatio !== undefined) parts.push(`cardiothoracic ratio ${f.cardiothoracicRatio.toFixed(2)}`);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

function ComparisonList({ title, testId, items }: { title: string; testId: string; items: string[] }) {
  return (
    <div>
      <h4 className="text-neutral-400">
        {title} ({items.length})
      </h4>
      <ul data-testid={testId} className="ml-4 list-disc">
        {items.map((item, k) => (
          <li key={k}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
