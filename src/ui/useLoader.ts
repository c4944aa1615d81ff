// Loading entry points used by the start screen, pickers and drag-and-drop.
import { fetchSampleFiles, loadSourceFiles } from '../dicom/load';
import type { SourceFile } from '../dicom/files';
import { registerLocalInstance } from '../dicom/register';
import { useAppStore } from '../store/appStore';
import { initCornerstone } from '../viewer/cornerstone';

export const SAMPLES_BASE = `${import.meta.env.BASE_URL}samples/`;

export interface SampleStudy {
  id: string;
  folder: string;
  title: string;
  description: string;
  synthetic: boolean;
  files: string[];
}

export async function loadFiles(files: SourceFile[], label: string): Promise<void> {
  const { setLoading, addInstances } = useAppStore.getState();
  setLoading({ label, done: 0, total: files.length });
  try {
    await initCornerstone();
    const outcome = await loadSourceFiles(files, registerLocalInstance, (done, total) => setLoading({ label, done, total }));
    addInstances(outcome.instances, outcome.problems);
  } finally {
    setLoading(undefined);
  }
}

export async function loadSample(sample: SampleStudy): Promise<void> {
  performance.mark('lucent:open-requested');
  const { setLoading, addInstances } = useAppStore.getState();
  setLoading({ label: sample.title, done: 0, total: sample.files.length });
  try {
    const files = await fetchSampleFiles(SAMPLES_BASE, sample.folder, sample.files);
    await loadFiles(files, sample.title);
  } catch (error) {
    addInstances([], [{ source: sample.folder, reason: error instanceof Error ? error.message : String(error) }]);
    setLoading(undefined);
  }
}

export async function fetchSampleIndex(): Promise<SampleStudy[]> {
  const response = await fetch(`${SAMPLES_BASE}index.json`);
  if (!response.ok) throw new Error(`samples/index.json: HTTP ${response.status}`);
  return ((await response.json()) as { studies: SampleStudy[] }).studies;
}
