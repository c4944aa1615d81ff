// The layout of the viewport grid, chosen from the toolbar (a select: reachable with Tab and the arrow
// keys), and the way back to the layout the hanging rule gives.
import { backToRuleLayout, chooseLayout } from '../app/layouts';
import { isLayoutId, LAYOUTS } from '../viewer/services/viewportGrid';
import { useViewportLayout } from './useViewportLayout';

const RULE = 'rule';

export function LayoutPicker() {
  const layout = useViewportLayout();
  if (!layout) return null;
  const ruleName = layout.rule?.name ?? 'one series';
  return (
    <select
      aria-label="Viewport layout"
      data-testid="layout-picker"
      title={`Layout of the viewports (laid out by the hanging rule: ${ruleName}); your choice is kept for studies of this rule`}
      className="rounded bg-neutral-800 px-2 py-1 text-xs"
      value={layout.grid.layout}
      onChange={(e) => (isLayoutId(e.target.value) ? chooseLayout(e.target.value) : e.target.value === RULE && backToRuleLayout())}
    >
      {Object.entries(LAYOUTS).map(([id, { rows, columns }]) => (
        <option key={id} value={id}>
          {rows}×{columns}
        </option>
      ))}
      <option value={RULE}>Back to the rule's layout ({ruleName})</option>
    </select>
  );
}
