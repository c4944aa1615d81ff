// The layout of the viewport grid, chosen from the toolbar (a select: reachable with Tab and the arrow
// keys), and the way back to the layout the hanging rule gives.
import { backToRuleLayout, chooseLayout, showMpr, showsMpr, whyNoMpr } from '../app/layouts';
import { isLayoutId, LAYOUTS } from '../viewer/services/viewportGrid';
import { useViewportLayout } from './useViewportLayout';

const RULE = 'rule';
const PRESSED = 'bg-sky-700 text-white';

export function LayoutPicker() {
  const layout = useViewportLayout();
  if (!layout) return null;
  const ruleName = layout.rule?.name ?? 'one series';
  return (
    <select
      aria-label="Viewport layout"
      data-testid="layout-picker"
      title={`Layout of the viewports (laid out by the hanging rule: ${ruleName}); your choice is kept for studies of this rule`}
      className="w-20 rounded bg-neutral-800 px-1 py-1 text-xs"
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

/** MPR of the active viewport's series (pressed while on screen: pressing again goes back to the rule's layout). */
export function MprButton() {
  const layout = useViewportLayout();
  if (!layout) return null;
  const why = whyNoMpr(layout);
  const on = showsMpr(layout);
  return (
    <button
      type="button"
      data-testid="mpr-button"
      aria-pressed={on}
      disabled={!on && !!why}
      title={
        on
          ? "MPR on: axial, coronal and sagittal planes of the volume. Click to go back to the rule's layout"
          : why
            ? `MPR is not offered for this series: ${why}`
            : 'MPR: axial, coronal and sagittal planes of the active series, with crosshairs (S) and slabs'
      }
      onClick={() => (on ? backToRuleLayout() : showMpr())}
      className={`rounded px-2 py-1 text-xs disabled:opacity-40 ${on ? PRESSED : 'bg-neutral-800 text-neutral-200 hover:bg-neutral-700'}`}
    >
      MPR
    </button>
  );
}
