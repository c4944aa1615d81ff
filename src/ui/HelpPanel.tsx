import { useAppStore } from '../store/appStore';
import { Dialog } from './Dialog';
import { SHORTCUTS, keyLabel } from './shortcuts';

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
          <tr className="border-t border-neutral-800">
            <td className="py-1 pr-4">Mouse</td>
            <td className="py-1 text-neutral-300">Left: active tool · Middle: pan · Right: zoom · Wheel: scroll slices</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
