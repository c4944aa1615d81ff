// A finding of the model's draft as it streams in, before it becomes part of the report.
import type { GroundedFinding } from '../../model/grounding';
import { boxesAttr } from './boxesAttr';

export function StreamedFinding({ finding, index }: { finding: GroundedFinding; index: number }) {
  return (
    <li data-testid="finding" data-boxes={boxesAttr(finding.boxes)} className="rounded border border-neutral-800 p-2">
      <p className="text-neutral-200">{finding.text || '…'}</p>
      <p className="mt-1 text-[11px] text-neutral-400">
        #{index + 1} · raw confidence {(finding.confidence * 100).toFixed(0)}%
      </p>
    </li>
  );
}
