// What a reader sees before any study is open: bundled samples and how to open files.
import { useEffect, useState } from 'react';
import { fetchSampleIndex, loadSample, type SampleStudy } from '../app/loading';
import { PacsPanel } from './PacsPanel';

export function StartScreen() {
  const [samples, setSamples] = useState<SampleStudy[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    fetchSampleIndex().then(setSamples, (e: Error) => setError(e.message));
  }, []);
  return (
    <div className="flex h-full flex-1 items-center justify-center overflow-y-auto p-8">
      <div className="max-w-3xl">
        <h2 className="mb-1 text-2xl font-semibold text-neutral-100">Open a study</h2>
        <p className="mb-6 text-sm text-neutral-400">
          Drop DICOM files, folders or .zip archives anywhere in this window, use “Open files” / “Open folder”, or pick a sample. Files stay
          in this browser.
        </p>
        {error && <p className="text-sm text-red-300">Samples unavailable: {error}</p>}
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Sample studies">
          {samples?.map((sample) => (
            <li key={sample.id}>
              <button
                type="button"
                data-testid={`sample-${sample.id}`}
                onClick={() => void loadSample(sample)}
                className="w-full rounded border border-neutral-800 bg-neutral-900 p-3 text-left hover:border-sky-600"
              >
                <div className="font-medium text-neutral-100">{sample.title}</div>
                <div className="text-xs text-neutral-400">{sample.description}</div>
                <div className="mt-1 text-[11px] text-neutral-400">
                  {sample.fileCount} file{sample.fileCount === 1 ? '' : 's'} ·{' '}
                  {sample.synthetic ? 'synthetic, no patient data' : 'real, public, de-identified'}
                </div>
              </button>
            </li>
          ))}
        </ul>
        <PacsPanel />
      </div>
    </div>
  );
}
