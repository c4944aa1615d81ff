import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadSourceFiles, SourceUnavailableError } from './load';

const bytes = (path: string) => new Uint8Array(readFileSync(path));
const source = (path: string, data: Uint8Array) => ({ path, file: new File([data as Uint8Array<ArrayBuffer>], path.split('/').pop()!) });

describe('loadSourceFiles', () => {
  it('loads the good files of a mixed drop and names each bad one with its reason', async () => {
    const mr = (n: number) => bytes(`public/samples/mr-brain/MR000${n}.dcm`);
    const files = [
      source('drop/MR0001.dcm', mr(1)),
      source('drop/notes.txt', new TextEncoder().encode('not an image')),
      source('drop/cut.dcm', mr(2).slice(0, 20000)),
      source('drop/more.zip', zipSync({ 'x/MR0003.dcm': mr(3), 'x/empty.dcm': new Uint8Array(0) })),
      source('drop/broken.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9])),
    ];
    const registered: string[] = [];
    const progress: number[] = [];
    const outcome = await loadSourceFiles(
      files,
      async (file) => {
        registered.push(file.name);
        return [`test:${file.name}`];
      },
      (done) => progress.push(done),
    );
    expect(outcome.instances.map((i) => i.source)).toEqual(['drop/MR0001.dcm', 'drop/more.zip/x/MR0003.dcm']);
    expect(registered.sort()).toEqual(['MR0001.dcm', 'MR0003.dcm']);
    expect(outcome.problems).toEqual([
      { source: 'drop/notes.txt', reason: expect.stringMatching(/^a text file, not a DICOM file/) },
      { source: 'drop/cut.dcm', reason: expect.stringMatching(/truncated|pixel data holds/) },
      { source: 'drop/more.zip/x/empty.dcm', reason: expect.stringMatching(/^an empty file \(0 bytes\), not a DICOM file/) },
      { source: 'drop/broken.zip', reason: expect.stringMatching(/unreadable zip archive/) },
    ]);
    expect(progress.at(-1)).toBe(5);
  });
});

describe('loadSourceFiles with files still arriving', () => {
  it('names a file whose download failed and loads the others', async () => {
    const mr = new Uint8Array(readFileSync('public/samples/mr-brain/MR0001.dcm'));
    const outcome = await loadSourceFiles(
      [Promise.reject(new SourceUnavailableError('s/a.dcm', 'could not be downloaded (HTTP 404)')), Promise.resolve(source('s/b.dcm', mr))],
      async () => ['id'],
    );
    expect(outcome.instances.map((i) => i.source)).toEqual(['s/b.dcm']);
    expect(outcome.problems).toEqual([{ source: 's/a.dcm', reason: 'could not be downloaded (HTTP 404)' }]);
  });
});

describe('Lucent reports among the files', () => {
  it('sets a DICOM SR that Lucent wrote aside as a report to restore, not as a problem', async () => {
    const { reportToSR } = await import('../report/sr/lucentSR');
    const { datasetToBytes, lucentReportIn } = await import('../report/sr/dicomFile');
    const { emptyReport } = await import('../report/content');
    const { bareSrContext } = await import('../report/__fixtures__/testReports');
    const report = {
      ...emptyReport('1.2.3', 'Cough.'),
      content: {
        indication: 'Cough.',
        impression: 'Normal.',
        findings: [
          {
            id: 'a',
            text: 'No effusion.',
            regions: [],
            provenance: 'human' as const,
            decision: 'accepted' as const,
            confidence: undefined,
          },
        ],
      },
    };
    const sr = new Uint8Array(datasetToBytes(reportToSR(report, bareSrContext('1.2.3'))));
    const outcome = await loadSourceFiles(
      [
        source('drop/report.dcm', sr),
        source('drop/other-sr.dcm', bytes('e2e/fixtures/bad/report-sr.dcm')),
        source('drop/MR0001.dcm', bytes('public/samples/mr-brain/MR0001.dcm')),
      ],
      async (file) => [`test:${file.name}`],
      undefined,
      lucentReportIn,
    );
    expect(outcome.reports.map((r) => [r.source, r.dataset.StudyInstanceUID])).toEqual([['drop/report.dcm', '1.2.3']]);
    expect(outcome.instances.map((i) => i.source)).toEqual(['drop/MR0001.dcm']);
    expect(outcome.problems).toEqual([{ source: 'drop/other-sr.dcm', reason: 'not an image (Comprehensive SR): no pixel data' }]);
  });
});
