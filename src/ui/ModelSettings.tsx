// Model settings: backend (automatic, WebGPU, WASM), precision, and which model (the bundled
// one, another manifest URL, or a model folder on this computer).
import { useState } from 'react';
import type { Precision } from '../model/manifest';
import type { BackendChoice } from '../model/protocol';
import { DEFAULT_MANIFEST_URL, useModelStore } from '../store/modelStore';
import { loadModel } from '../app/modelTasks';
import { Dialog } from './Dialog';

export function ModelSettings() {
  const open = useModelStore((s) => s.settingsOpen);
  const settings = useModelStore((s) => s.settings);
  const setSettings = useModelStore((s) => s.setSettings);
  const setOpen = useModelStore((s) => s.setSettingsOpen);
  const [url, setUrl] = useState(settings.manifestUrl);
  if (!open) return null;
  const apply = (patch: Partial<typeof settings>) => {
    setSettings(patch);
    setOpen(false);
    void loadModel();
  };
  return (
    <Dialog label="Model settings" onClose={() => setOpen(false)} className="w-[30rem]">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ manifestUrl: url.trim() || DEFAULT_MANIFEST_URL });
        }}
      >
        <h2 className="text-lg font-semibold">Model</h2>
        <label className="flex items-center justify-between gap-3">
          Run on
          <select
            aria-label="Backend"
            className="rounded bg-neutral-800 px-2 py-1"
            value={settings.backend}
            onChange={(e) => apply({ backend: e.target.value as BackendChoice })}
          >
            <option value="auto">Automatic (WebGPU on a hardware GPU, else WASM)</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM (CPU)</option>
          </select>
        </label>
        <label className="flex items-center justify-between gap-3">
          Weights
          <select
            aria-label="Precision"
            className="rounded bg-neutral-800 px-2 py-1"
            value={settings.precision ?? 'default'}
            onChange={(e) => apply({ precision: e.target.value === 'default' ? undefined : (e.target.value as Precision) })}
          >
            <option value="default">The model's default</option>
            <option value="int8">int8 (smaller download)</option>
            <option value="fp32">fp32</option>
          </select>
        </label>
        <label className="block">
          Manifest URL
          <input
            aria-label="Manifest URL"
            className="mt-1 w-full rounded bg-neutral-800 px-2 py-1 font-mono text-xs"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" className="rounded bg-sky-700 px-3 py-1 hover:bg-sky-800">
            Load this model
          </button>
          <button
            type="button"
            className="rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700"
            onClick={() => apply({ manifestUrl: DEFAULT_MANIFEST_URL })}
          >
            Bundled model
          </button>
          <label className="cursor-pointer rounded bg-neutral-800 px-3 py-1 hover:bg-neutral-700">
            Model folder…
            <input
              type="file"
              aria-label="Model folder"
              className="hidden"
              {...({ webkitdirectory: '' } as Record<string, string>)}
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                setOpen(false);
                if (files.length) void loadModel(files);
              }}
            />
          </label>
        </div>
        <p className="text-xs text-neutral-400">
          A model is a folder with a manifest.json in Lucent's format (see models/README.md). Its files are checked against the manifest's
          sha256 and kept in this browser's cache; nothing is sent anywhere.
        </p>
      </form>
    </Dialog>
  );
}
