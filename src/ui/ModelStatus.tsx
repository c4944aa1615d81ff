// The model line of the report panel: loading progress, what runs where, and its provenance.
import { useModelStore } from '../store/modelStore';
import { loadModel } from '../app/modelTasks';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function ModelStatus() {
  const status = useModelStore((s) => s.status);
  const progress = useModelStore((s) => s.progress);
  const info = useModelStore((s) => s.info);
  const error = useModelStore((s) => s.error);
  const setSettingsOpen = useModelStore((s) => s.setSettingsOpen);
  const requests = useModelStore((s) => s.requests);
  return (
    <section
      aria-label="Model"
      data-testid="model-status"
      data-status={status}
      data-requests={requests}
      className="rounded border border-neutral-800 bg-neutral-900 p-2 text-xs"
    >
      <div className="flex items-center gap-2">
        <span className="font-medium text-neutral-300">Model</span>
        {status === 'idle' && <span className="text-neutral-400">not loaded</span>}
        {status === 'loading' && (
          <span className="flex flex-1 items-center gap-2 text-neutral-400">
            {progress ? `${mb(progress.loaded)} / ${mb(progress.total)}` : 'starting…'}
            <progress data-testid="model-progress" className="h-1.5 flex-1" max={progress?.total ?? 1} value={progress?.loaded ?? 0} />
          </span>
        )}
        {status === 'ready' && info && (
          <span data-testid="model-info" data-backend={info.backend} data-from-cache={String(info.fromCache)} className="text-neutral-400">
            {info.name} {info.version} · {info.precision} ·{' '}
            <span data-testid="model-backend" className="text-sky-300">
              {info.backend === 'webgpu' ? 'WebGPU' : `WASM, ${info.threads} thread${info.threads === 1 ? '' : 's'}`}
            </span>
            {info.fromCache && ' · from cache'}
            {info.cacheProblem && (
              <span data-testid="model-cache-problem" className="text-amber-300">
                {' '}
                · not kept for next time: {info.cacheProblem}
              </span>
            )}
          </span>
        )}
        <button
          type="button"
          className="ml-auto rounded px-1.5 py-0.5 text-neutral-400 hover:bg-neutral-800"
          onClick={() => setSettingsOpen(true)}
          aria-label="Model settings"
        >
          Settings
        </button>
      </div>
      {status === 'error' && (
        <p role="alert" data-testid="model-error" className="mt-1 text-red-300">
          {error}{' '}
          <button type="button" className="underline" onClick={() => void loadModel()}>
            Retry
          </button>
        </p>
      )}
      {info?.backendNote && (
        <p data-testid="model-backend-note" className="mt-1 text-amber-300">
          {info.backendNote}
        </p>
      )}
      {info && (
        <p data-testid="model-provenance" className="mt-1 text-amber-200/80">
          Trained on {info.trainedOn}. Not for clinical use.
        </p>
      )}
    </section>
  );
}
