// The model refused the image on screen: why, and Draft anyway (its findings then carry the warning).
import { draftAnyway } from '../../app/modelTasks';
import { useModelStore } from '../../store/modelStore';

const LEAD = { draft: 'Not drafted', describe: 'No sentence proposed', locate: 'No region proposed' } as const;

export function Refusal({ imageId, canDraft }: { imageId: string | undefined; canDraft: boolean }) {
  const refusal = useModelStore((s) => (imageId && s.refusal?.imageId === imageId && !(imageId in s.forced) ? s.refusal : undefined));
  if (!refusal) return null;
  return (
    <div
      role="status"
      data-testid="model-refusal"
      className="space-y-1 rounded border border-amber-800 bg-amber-950/30 p-2 text-xs text-amber-100"
    >
      <p>
        <span className="font-semibold">{LEAD[refusal.task]} — </span>
        <span data-testid="refusal-reason">{refusal.reason}</span>
        {refusal.task === 'describe' && ' Write the sentence yourself.'}
        {refusal.task === 'locate' && ' Draw its region with the Region tool (G).'}
      </p>
      {canDraft && refusal.task === 'draft' && (
        <button
          type="button"
          data-testid="draft-anyway"
          className="rounded bg-amber-800 px-3 py-1 hover:bg-amber-900"
          onClick={draftAnyway}
        >
          Draft anyway
        </button>
      )}
    </div>
  );
}
