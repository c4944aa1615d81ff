// Top bar: tools, window presets, orientation, cine and file pickers.
import { useReaderStore } from '../store/readerStore';
import { PacsButton } from './PacsDialog';
import { useRef, type ReactNode } from 'react';
import { useAppStore } from '../store/appStore';
import { activeViewer } from '../viewer/activeViewer';
import type { PrimaryTool } from '../viewer/viewState';
import { TOOL_LABELS } from '../report/measurement';
import { MEASURING_KEYS } from './shortcuts';
import { openPickedFiles } from '../app/loading';
import { backToStart } from '../app/startScreen';
import { CineControls } from './CineControls';
import { WindowPresetPicker } from './WindowPresetPicker';
import { LayoutPicker, MprButton } from './LayoutPicker';

function Button({
  label,
  title,
  pressed,
  onClick,
  children,
}: {
  label: string;
  title: string;
  pressed?: boolean;
  onClick: () => void;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      title={title}
      aria-label={label}
      aria-pressed={pressed}
      onClick={onClick}
      className={`rounded px-2 py-1 text-xs ${pressed ? 'bg-sky-700 text-white' : 'bg-neutral-800 text-neutral-200 hover:bg-neutral-700'}`}
    >
      {children ?? label}
    </button>
  );
}

const TOOLS: Array<{ tool: PrimaryTool; label: string; key: string }> = [
  { tool: 'WindowLevel', label: 'W/L', key: 'W' },
  { tool: 'Pan', label: 'Pan', key: 'P' },
  { tool: 'Zoom', label: 'Zoom', key: 'Z' },
  { tool: 'Crosshairs', label: 'Crosshairs', key: 'S' },
  { tool: 'Region', label: 'Region', key: 'G' },
  { tool: 'length', label: 'Length', key: 'M' },
];

/** The measuring tools, each with its key: one pick list beside the Length button. */
function MeasuringToolPicker() {
  const primaryTool = useAppStore((s) => s.primaryTool);
  const setPrimaryTool = useAppStore((s) => s.setPrimaryTool);
  const measuring = MEASURING_KEYS.some((m) => m.tool === primaryTool);
  return (
    <select
      aria-label="Measuring tool"
      data-testid="measuring-tool"
      className={`w-28 rounded px-1 py-1 text-xs ${measuring ? 'bg-sky-700 text-white' : 'bg-neutral-800 text-neutral-200'}`}
      value={measuring ? primaryTool : ''}
      onChange={(e) => e.target.value && setPrimaryTool(e.target.value as PrimaryTool)}
    >
      <option value="">Measure…</option>
      {MEASURING_KEYS.map(({ tool, key }) => (
        <option key={tool} value={tool}>
          {TOOL_LABELS[tool]} ({key.toUpperCase()})
        </option>
      ))}
    </select>
  );
}

/** Who is reading, as set in the sign-off (name and role), kept in this browser. */
function ReaderBadge() {
  const reader = useReaderStore((s) => s.reader);
  return (
    <span data-testid="reader-identity" data-role={reader.role} title="Set in the report's sign-off" className="text-xs text-neutral-400">
      {reader.name.trim() ? `${reader.name} · ${reader.role}` : 'No reader set'}
    </span>
  );
}

export function Toolbar() {
  const primaryTool = useAppStore((s) => s.primaryTool);
  const setPrimaryTool = useAppStore((s) => s.setPrimaryTool);
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const hasStudy = useAppStore((s) => s.studies.length > 0);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const v = () => activeViewer();

  const onPicked = (input: HTMLInputElement | null) => {
    if (!input?.files?.length) return;
    // Takes the files from the list at once: clearing the input lets the same files be picked again.
    void openPickedFiles(input.files);
    input.value = '';
  };

  return (
    <header className="flex h-11 min-w-0 shrink-0 items-center gap-2 border-b border-neutral-800 bg-neutral-900 px-3">
      {/* The page's one h1 (every state has it; the screens' own headings are h2 under it), and the way
          back to the sample list: the reports written stay (saved, and theirs again when a study reopens). */}
      <h1 className="mr-2">
        <button
          type="button"
          data-testid="home"
          title="Back to the start screen: samples and PACS (your reports are kept)"
          onClick={backToStart}
          className="rounded font-semibold tracking-wide text-sky-400 hover:text-sky-300"
        >
          Lucent
        </button>
      </h1>
      <Button label="Open files" title="Open DICOM files or .zip archives" onClick={() => filesInput.current?.click()} />
      <Button
        label="Open folder"
        title="Open a folder of DICOM files (searched recursively)"
        onClick={() => folderInput.current?.click()}
      />
      <input ref={filesInput} type="file" multiple hidden data-testid="file-input" onChange={(e) => onPicked(e.currentTarget)} />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid="folder-input"
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => onPicked(e.currentTarget)}
      />
      {hasStudy && (
        <>
          <div className="mx-1 h-6 w-px bg-neutral-700" />
          {TOOLS.map((t) => (
            <Button
              key={t.tool}
              label={t.label}
              title={`${t.label} (${t.key})`}
              pressed={primaryTool === t.tool}
              onClick={() => setPrimaryTool(t.tool)}
            />
          ))}
          <MeasuringToolPicker />
          <div className="mx-1 h-6 w-px bg-neutral-700" />
          <WindowPresetPicker />
          <Button label="Invert" title="Invert (I)" onClick={() => v()?.toggleInvert()} />
          <Button label="Rotate" title="Rotate right 90° (R)" onClick={() => v()?.rotateBy(90)}>
            ⟳
          </Button>
          <Button label="Flip horizontal" title="Flip horizontally (H)" onClick={() => v()?.flip('horizontal')}>
            ⇋
          </Button>
          <Button label="Flip vertical" title="Flip vertically (V)" onClick={() => v()?.flip('vertical')}>
            ⇵
          </Button>
          <Button label="Reset" title="Reset view (Space)" onClick={() => v()?.reset()} />
          <div className="mx-1 h-6 w-px bg-neutral-700" />
          <CineControls />
          <LayoutPicker />
          <MprButton />
        </>
      )}
      <div className="flex-1" />
      <PacsButton />
      <ReaderBadge />
      <Button label="Help" title="Keyboard shortcuts (?)" onClick={() => setHelpOpen(true)}>
        ?
      </Button>
    </header>
  );
}
