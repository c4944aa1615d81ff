// One finding of the report: its sentence to edit, provenance and confidence, Explain, reorder and
// delete, accept or reject, and its regions (a proposed one to keep). Selected and hovered with the
// image's rectangles.
import { useEffect, useRef } from 'react';
import { hoverFinding, reportSession, selectFinding } from '../../app/reportSession';
import { isSignedStatus, isUndecided } from '../../report/content';
import { probabilityShown } from '../../report/findingProbability';
import type { Finding } from '../../report/types';
import { useReportStore } from '../../store/reportStore';
import { useTeachingStore } from '../../store/teachingStore';
import { findingColor } from '../../viewer/findingColors';
import { Explanation } from './Explanation';
import { FindingExtras } from './FindingExtras';
import { handleTextKeys, textBoxFocus } from './textKeys';
import { boxesAttr } from './boxesAttr';

/** Below this calibrated probability of being right, a finding is shown as uncertain. */
const UNCERTAIN_BELOW = 0.5;

const PROVENANCE: Record<Finding['provenance'], string> = { ai: 'AI draft', 'ai-edited': 'AI, edited', human: 'reader' };

export function FindingRow({ studyUID, finding, index, locked }: { studyUID: string; finding: Finding; index: number; locked: boolean }) {
  const selected = useReportStore((s) => s.selectedFindingId === finding.id);
  const session = reportSession(studyUID);
  const count = useReportStore((s) => s.histories[studyUID]?.present.content.findings.length ?? 0);
  const item = useRef<HTMLLIElement>(null);
  // A region selected on the image brings its sentence into view; a row selected by pressing in it
  // stays put (scrolling under the pointer between press and release would lose the click).
  useEffect(() => {
    if (selected && !item.current?.contains(document.activeElement)) item.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const decide = (decision: Finding['decision']) => session.toggleDecision(finding.id, decision);
  const rejected = finding.decision === 'rejected';
  // Signed while nobody had accepted it: the record leaves it out (content.ts signedContent).
  const status = useReportStore((s) => s.histories[studyUID]?.present.status);
  const leftOut = !!status && isSignedStatus(status) && isUndecided(finding);
  // A model's sentence as likely wrong as right looks it, so it is not read as settled.
  const uncertain =
    finding.provenance !== 'human' &&
    finding.calibrated === true &&
    finding.confidence !== undefined &&
    finding.confidence < UNCERTAIN_BELOW;
  const probability = probabilityShown(finding);
  const explained = useTeachingStore((s) => s.explainedFindingId === finding.id);
  const explain = useTeachingStore.getState().explain;
  return (
    <li
      ref={item}
      data-testid="finding"
      data-finding-id={finding.id}
      data-region-ids={finding.regions.map((r) => r.id).join(' ')}
      data-region-images={finding.regions.map((r) => r.imageId).join(' ')}
      data-boxes={boxesAttr(finding.regions.map((r) => r.box))}
      data-decision={finding.decision}
      data-left-out={leftOut}
      data-provenance={finding.provenance}
      data-warned={!!finding.warnings?.length}
      data-uncertain={uncertain}
      data-selected={selected}
      onFocus={() => selectFinding(finding.id)}
      onClick={() => selectFinding(finding.id)}
      onMouseEnter={() => hoverFinding(finding.id)}
      onMouseLeave={() => hoverFinding(undefined)}
      style={{ borderLeftColor: findingColor(index) }}
      className={
        // A rejected or left-out finding is dashed (a rejected one struck through), not faded: its text and buttons stay readable.
        `rounded border border-l-4 p-2 ${selected ? 'border-neutral-500 bg-neutral-900' : 'border-neutral-800'} ` +
        `${rejected || leftOut ? 'border-dashed' : ''}`
      }
    >
      <textarea
        aria-label={`Finding ${index + 1}`}
        value={finding.text}
        readOnly={locked}
        rows={Math.max(1, Math.ceil(finding.text.length / 44))}
        onChange={(e) => session.edit({ type: 'editText', findingId: finding.id, text: e.target.value }, `text:${finding.id}`)}
        onKeyDown={(e) =>
          handleTextKeys(e, (text) => session.edit({ type: 'editText', findingId: finding.id, text }, `text:${finding.id}`))
        }
        {...textBoxFocus}
        className={
          'w-full resize-none bg-transparent outline-none focus:bg-neutral-900 ' +
          (rejected || leftOut || uncertain ? 'text-neutral-400' : 'text-neutral-200') +
          `${rejected ? ' line-through' : ''}${uncertain ? ' italic' : ''}`
        }
      />
      {leftOut && (
        <p data-testid="left-out" className="text-[11px] text-neutral-300">
          Not in the signed report: nobody accepted this AI finding before signing.
        </p>
      )}
      {finding.warnings?.map((w) => (
        <p key={w} data-testid="finding-warning" className="text-[11px] text-amber-300">
          ⚠ {w}
        </p>
      ))}
      <div className="mt-1 flex items-center gap-2 text-[11px] text-neutral-400">
        <span>
          #{index + 1} · {PROVENANCE[finding.provenance]}
          {probability && (
            <span data-testid="finding-probability" title={probability.title}>
              {' · '}
              {probability.text}
            </span>
          )}
          {uncertain && <span className="text-amber-300"> · uncertain</span>}
          {finding.regions.length > 0 && ` · ${finding.regions.length} region${finding.regions.length > 1 ? 's' : ''}`}
          {finding.comparison && (
            <span data-testid="finding-change" data-change={finding.comparison.kind} className="text-sky-300">
              {' '}
              · {finding.comparison.kind} since the prior
            </span>
          )}
        </span>
        <button
          type="button"
          aria-label={`Explain finding ${index + 1}`}
          aria-pressed={explained}
          title="Where the model looked, measurements and a teaching note (E)"
          className={`rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-amber-300 ${locked ? 'ml-auto' : ''}`}
          onClick={(e) => {
            e.stopPropagation();
            explain(explained ? undefined : finding.id);
          }}
        >
          Explain
        </button>
        {!locked && (
          <span className="ml-auto flex gap-1">
            <button
              type="button"
              aria-label={`Move finding ${index + 1} up`}
              disabled={index === 0}
              className="rounded px-1 hover:bg-neutral-800 disabled:opacity-30"
              onClick={() => session.edit({ type: 'moveFinding', findingId: finding.id, toIndex: index - 1 })}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move finding ${index + 1} down`}
              disabled={index === count - 1}
              className="rounded px-1 hover:bg-neutral-800 disabled:opacity-30"
              onClick={() => session.edit({ type: 'moveFinding', findingId: finding.id, toIndex: index + 1 })}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={`Delete finding ${index + 1}`}
              className="rounded px-1 hover:bg-neutral-800"
              onClick={() => session.edit({ type: 'removeFinding', findingId: finding.id })}
            >
              ✕
            </button>
            <button
              type="button"
              aria-pressed={finding.decision === 'accepted'}
              className="rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-emerald-300"
              onClick={() => decide('accepted')}
            >
              Accept
            </button>
            <button
              type="button"
              aria-pressed={rejected}
              className="rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-red-300"
              onClick={() => decide('rejected')}
            >
              Reject
            </button>
          </span>
        )}
      </div>
      <FindingExtras studyUID={studyUID} finding={finding} locked={locked} />
      {explained && <Explanation finding={finding} />}
      {finding.regions.length > 0 && !locked && (
        <div className="mt-1 flex flex-wrap gap-1 text-[11px]">
          {finding.regions.map((r, k) => (
            <span
              key={r.id}
              data-testid="region"
              data-proposed={!!r.proposed}
              className="flex items-center gap-1 rounded bg-neutral-900 px-1.5 text-neutral-400"
            >
              {r.proposed ? 'proposed region' : `region ${k + 1}`}
              {r.proposed && (
                <button
                  type="button"
                  className="text-emerald-300 hover:underline"
                  onClick={() => session.edit({ type: 'setRegion', findingId: finding.id, region: { ...r, proposed: false } })}
                >
                  Keep
                </button>
              )}
              <button
                type="button"
                aria-label={`Remove region ${k + 1} of finding ${index + 1}`}
                className="hover:text-red-300"
                onClick={() => session.edit({ type: 'removeRegion', findingId: finding.id, regionId: r.id })}
              >
                ✕
              </button>
            </span>
          ))}
        </div>
      )}
    </li>
  );
}
