// Loading entry points used by the start screen, pickers and drag-and-drop.
import { fetchSampleFiles, loadSourceFiles, type PendingSource } from '../dicom/load';
import { registerLocalInstance } from '../dicom/register';
import { useAppStore } from '../store/appStore';
import { initCornerstone } from '../viewer/cornerstone';

export const SAMPLES_BASE = `${import.meta.env.BASE_URL}samples/`;

/** An entry of samples/index.json: a folder of files, or one zip archive. */
export interface SampleStudy {
  id: string;
  title: string;
  description: string;
  synthetic: boolean;
  files?: string[];
  archive?: string;
  fileCount: number;
}

export async function loadFiles(files: PendingSource[], label: string): Promise<void> {
  const { setLoading, addInstances } = useAppStore.getState();
  setLoading({ label, done: 0, total: files.length });
  try {
    await initCornerstone();
    // Progress repaints the footer: a few updates a second is plenty, and keeps React off the hot path.
    let lastProgress = 0;
    const onProgress = (done: number, total: number) => {
      const now = performance.now();
      if (done === total || now - lastProgress > 100) {
        lastProgress = now;
        setLoading({ label, done, total });
      }
    };
    const outcome = await loadSourceFiles(files, registerLocalInstance, onProgress);
    performance.mark('lucent:files-parsed');
    addInstances(outcome.instances, outcome.problems);
  } finally {
    setLoading(undefined);
  }
}

export async function loadSample(sample: SampleStudy): Promise<void> {
  performance.mark('lucent:open-requested');
  const paths = sample.archive ? [sample.archive] : (sample.files ?? []).map((name) => `${sample.id}/${name}`);
  await loadFiles(fetchSampleFiles(SAMPLES_BASE, paths), sample.title);
}

export async function fetchSampleIndex(): Promise<SampleStudy[]> {
  const response = await fetch(`${SAMPLES_BASE}index.json`);
  if (!response.ok) throw new Error(`samples/index.json: HTTP ${response.status}`);
  return ((await response.json()) as { studies: SampleStudy[] }).studies;
}
