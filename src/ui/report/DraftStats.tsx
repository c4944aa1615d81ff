// The finished (or cancelled) draft's numbers: tokens, encoder time, first token, decoding time, why it stopped.
import type { DraftState } from '../../store/modelStore';

export function DraftStats({ draft }: { draft: DraftState }) {
  if (draft.status === 'running' || !draft.stats) return null;
  const { stats } = draft;
  return (
    <p data-testid="draft-stats" data-status={draft.status} data-tokens={stats.tokens} className="text-[11px] text-neutral-400">
      {draft.status === 'cancelled' ? 'Cancelled after' : 'Drafted:'} {stats.tokens} tokens · image {stats.encodeMs.toFixed(0)} ms · first
      token {stats.firstTokenMs.toFixed(0)} ms · {(stats.decodeMs / 1000).toFixed(2)} s
      {stats.stopped === 'limit' && ' · stopped at the token limit'}
      {stats.stopped === 'repetition' && ' · stopped: the model repeated itself'}
    </p>
  );
}
