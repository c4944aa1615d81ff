import { useAppStore } from '../store/appStore';
import { Dialog } from './Dialog';
import { SHORTCUTS, keyLabel } from './shortcuts';

/** Keys inside the report's text boxes and template fields (handled there, not as global shortcuts). */
const REPORT_KEYS: Array<[string, string]> = [
  ['Ctrl+Space', 'Expand the macro whose trigger is before the caret'],
  ['Tab · Shift+Tab', 'Next · previous [field] of a macro; in a template, next · previous field'],
  ['Alt+N', "Insert a template section's normal text into its empty fields"],
  ['F4 (held)', 'Push-to-talk dictation into the report field you are in (key set in Settings)'],
];

export function HelpPanel() {
  const open = useAppStore((s) => s.helpOpen);
  const setOpen = useAppStore((s) => s.setHelpOpen);
  if (!open) return null;
  return (
    <Dialog label="Keyboard shortcuts" onClose={() => setOpen(false)} className="max-h-[85%] w-[34rem] overflow-y-auto">
      <h2 className="mb-3 text-lg font-semibold">Keyboard shortcuts</h2>
      <table className="w-full">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.label} className="border-t border-neutral-800">
              <td className="py-1 pr-4 whitespace-nowrap">
                {s.keys.map((k) => (
                  <kbd key={k} className="mr-1 rounded bg-neutral-800 px-1.5 py-0.5 font-mono text-xs">
                    {keyLabel(k)}
                  </kbd>
                ))}
              </td>
              <td className="py-1 text-neutral-300">{s.label}</td>
            </tr>
          ))}
          <tr className="border-t border-neutral-800">
            <td className="py-1 pr-4 whitespace-nowrap">Ctrl+Z · Ctrl+Shift+Z</td>
            <td className="py-1 text-neutral-300">Undo · redo the last report edit (outside a text field)</td>
          </tr>
          {REPORT_KEYS.map(([keys, label]) => (
            <tr key={keys} className="border-t border-neutral-800">
              <td className="py-1 pr-4 whitespace-nowrap">{keys}</td>
              <td className="py-1 text-neutral-300">{label}</td>
            </tr>
          ))}
          <tr className="border-t border-neutral-800">
            <td className="py-1 pr-4">Mouse</td>
            <td className="py-1 text-neutral-300">Left: active tool · Middle: pan · Right: zoom · Wheel: scroll slices</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
