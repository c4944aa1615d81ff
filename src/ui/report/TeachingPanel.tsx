// Teaching mode's comparison: the resident's findings against the case's ground truth (sample cases)
// or the model's draft, with matched, missed and extra findings, region overlap, the score kept per
// case, and the way to reveal the AI draft and its explanations.
import { useState } from 'react';
import { compareWithReference, comparisonInWords, revealAiDraft, scoreInWords } from '../../app/teaching';
import type { Finding } from '../../report/types';
import { useTeachingStore } from '../../store/teachingStore';
import { errorMessage } from '../../util/errorMessage';

export function TeachingPanel({
  studyUID,
  imageId,
  findings,
  indication,
}: {
  studyUID: string;
  imageId: string | undefined;
  findings: Finding[];
  indication: string;
}) {
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
      await compareWithReference(studyUID, imageId, indication, findings);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const words = comparison && comparisonInWords(comparison, studyUID, imageId);
  return (
    <section
      aria-label="Teaching"
      data-testid="teaching"
      className="space-y-2 rounded border border-amber-900/60 bg-amber-950/20 p-2 text-xs"
    >
      <p className="text-amber-200">
        Teaching mode: write your findings and draw their regions (G). The AI draft stays hidden until you compare
        {truth ? '; this case carries its ground truth.' : '.'}
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          data-testid="compare"
          disabled={busy || !imageId}
          onClick={() => void compare()}
          className="rounded bg-amber-800 px-3 py-1 font-medium hover:bg-amber-900 disabled:opacity-40"
        >
          {busy ? 'Comparing…' : 'Compare'}
        </button>
        {comparison && !revealed && (
          <button
            type="button"
            data-testid="reveal"
            onClick={() => revealAiDraft(studyUID, imageId)}
            className="rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700"
          >
            Reveal AI draft and explanations
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className="text-red-300">
          Could not compare: {problem}
        </p>
      )}
      {comparison && words && (
        <div data-testid="comparison" data-against={comparison.against} className="space-y-1">
          <p>{words.score}</p>
          <ComparisonList title="Matched" testId="matched" items={words.matched} />
          <ComparisonList title="Missed" testId="missed" items={words.missed} />
          <ComparisonList title="Extra" testId="extra" items={words.extra} />
        </div>
      )}
      {scores && scores.length > 0 && (
        <p data-testid="scores" className="text-neutral-400">
          Your scores on this case: {scores.map((s) => scoreInWords(s.f1, s.at)).join(' · ')}
        </p>
      )}
    </section>
  );
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
