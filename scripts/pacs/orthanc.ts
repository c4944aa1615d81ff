// A real Orthanc (Debian's orthanc + orthanc-dicomweb) for the PACS tests and the PACS bench: started as a plain process
// on 127.0.0.1 with a temporary configuration and storage, stopped and removed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Orthanc {
  url: string;
  stop: () => Promise<void>;
  /** STOW-RS files from disk, as a client outside the browser would. */
  store: (paths: string[]) => Promise<void>;
  /** STOW-RS Part 10 files made in memory, a request per `batch` of them. */
  storeBytes: (files: Uint8Array[], batch?: number) => Promise<void>;
  studies: () => Promise<string[]>;
  /** The stored files of one modality ("SR": the reports Lucent stored), as Part 10 bytes. */
  files: (modality: string) => Promise<Uint8Array[]>;
}

export async function startOrthanc(port: number, options: { users?: Record<string, string> } = {}): Promise<Orthanc> {
  // Another server on the port would answer in our Orthanc's place: refuse to test it.
  const squatter = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (squatter) throw new Error(`port ${port} is taken by another process: stop it before running the PACS tests`);
  const dir = mkdtempSync(join(tmpdir(), 'lucent-orthanc-'));
  const config = {
    Name: 'LucentTest',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    HttpPort: port,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: !!options.users,
    RegisteredUsers: options.users ?? {},
    DicomServerEnabled: false,
    Plugins: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  };
  writeFileSync(join(dir, 'orthanc.json'), JSON.stringify(config));
  const process: ChildProcess = spawn('/usr/sbin/Orthanc', [join(dir, 'orthanc.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  process.stderr?.on('data', (d) => (log += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const auth: Record<string, string> = options.users
    ? { Authorization: `Basic ${Buffer.from(Object.entries(options.users)[0].join(':')).toString('base64')}` }
    : {};
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await fetch(`${url}/system`, { headers: auth }).catch(() => undefined);
    if (answer?.ok && process.exitCode === null) break;
    if (process.exitCode !== null || Date.now() > deadline) throw new Error(`Orthanc did not start on port ${port}:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stow = async (files: Uint8Array[]) => {
    const boundary = 'lucent-test-boundary';
    const parts = files.flatMap((f) => [
      Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      Buffer.from(f),
      Buffer.from('\r\n'),
    ]);
    const body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
    const answer = await fetch(`${url}/dicom-web/studies`, {
      method: 'POST',
      headers: {
        ...auth,
        'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
        Accept: 'application/dicom+json',
      },
      body,
    });
    if (!answer.ok) throw new Error(`STOW-RS answered ${answer.status}: ${await answer.text()}`);
  };
  return {
    url,
    stop: async () => {
      if (process.exitCode === null) {
        const exited = new Promise((r) => process.once('exit', r));
        process.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
    store: (paths) => stow(paths.map((p) => readFileSync(p))),
    storeBytes: async (files, batch = 50) => {
      for (let i = 0; i < files.length; i += batch) await stow(files.slice(i, i + batch));
    },
    studies: async () => (await (await fetch(`${url}/studies`, { headers: auth })).json()) as string[],
    files: async (modality) => {
      const found = await fetch(`${url}/tools/find`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ Level: 'Instance', Query: { Modality: modality } }),
      });
      const ids = (await found.json()) as string[];
      return Promise.all(
        ids.map(async (id) => new Uint8Array(await (await fetch(`${url}/instances/${id}/file`, { headers: auth })).arrayBuffer())),
      );
    },
  };
}
