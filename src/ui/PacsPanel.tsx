// The PACS on the start screen: connect (DICOMweb root, authentication), search studies by patient,
// ID, dates, modality or accession number, page through the results, open one.
import { useState, type FormEvent } from 'react';
import { connectPacs, openPacsStudy, pacsAddress, PACS_PAGE_SIZE, searchPacs } from '../app/pacs';
import type { PacsSettings, StudyQuery, StudyRow } from '../dicom/dicomweb';
import { usePacsStore } from '../store/pacsStore';
import { errorMessage } from '../util/errorMessage';

const input = 'rounded bg-neutral-900 px-2 py-1 text-neutral-200 outline-none placeholder:text-neutral-600 focus:ring-1 focus:ring-sky-700';
const formatDate = (d: string) => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d);

function Connect({ initial, onDone }: { initial: PacsSettings | undefined; onDone: () => void }) {
  const [settings, setSettings] = useState<PacsSettings>(initial ?? { url: '', auth: 'none' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!settings.url.trim()) return;
    onDone();
    connectPacs(settings);
  };
  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-2 text-xs" aria-label="PACS settings">
      <input
        aria-label="DICOMweb URL"
        placeholder="DICOMweb root, e.g. https://pacs.example.org/dicom-web"
        className={`${input} col-span-2`}
        value={settings.url}
        onChange={(e) => setSettings({ ...settings, url: e.target.value })}
      />
      <details className="col-span-2 text-neutral-400">
        <summary>Separate QIDO-RS, WADO-RS and STOW-RS roots (if the server splits them)</summary>
        <div className="mt-1 grid grid-cols-3 gap-2">
          {(['qidoUrl', 'wadoUrl', 'stowUrl'] as const).map((key) => (
            <input
              key={key}
              aria-label={`${key.slice(0, 4).toUpperCase()}-RS root`}
              placeholder={`${key.slice(0, 4).toUpperCase()}-RS root`}
              className={input}
              value={settings[key] ?? ''}
              onChange={(e) => setSettings({ ...settings, [key]: e.target.value || undefined })}
            />
          ))}
        </div>
      </details>
      <select
        aria-label="Authentication"
        className={input}
        value={settings.auth}
        onChange={(e) => setSettings({ ...settings, auth: e.target.value as PacsSettings['auth'] })}
      >
        <option value="none">No authentication</option>
        <option value="bearer">Bearer token</option>
        <option value="basic">User and password</option>
      </select>
      {settings.auth === 'bearer' && (
        <input
          aria-label="Token"
          type="password"
          className={input}
          value={settings.token ?? ''}
          onChange={(e) => setSettings({ ...settings, token: e.target.value })}
        />
      )}
      {settings.auth === 'basic' && (
        <span className="flex gap-2">
          <input
            aria-label="User"
            className={`${input} w-1/2`}
            value={settings.user ?? ''}
            onChange={(e) => setSettings({ ...settings, user: e.target.value })}
          />
          <input
            aria-label="Password"
            type="password"
            className={`${input} w-1/2`}
            value={settings.password ?? ''}
            onChange={(e) => setSettings({ ...settings, password: e.target.value })}
          />
        </span>
      )}
      <button type="submit" className="col-span-2 rounded bg-sky-800 px-3 py-1 hover:bg-sky-700">
        Connect
      </button>
    </form>
  );
}

export function PacsPanel() {
  const settings = usePacsStore((s) => s.settings);
  const [editing, setEditing] = useState(false);
  const [query, setQuery] = useState<StudyQuery>({});
  const [rows, setRows] = useState<StudyRow[]>();
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<{ message: string; retry: () => void }>();

  const attempt = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      setProblem({ message: errorMessage(error), retry: () => void attempt(label, work) });
    } finally {
      setBusy(undefined);
    }
  };
  const search = (offset: number) =>
    attempt('Searching…', async () => {
      const page = await searchPacs(query, offset);
      setRows((previous) => (offset === 0 ? page : [...(previous ?? []), ...page]));
      setMore(page.length === PACS_PAGE_SIZE);
    });
  const open = (row: StudyRow) => attempt(`Opening ${row.patientName || row.studyUID}…`, () => openPacsStudy(row));

  if (!settings || editing) {
    return (
      <section aria-label="PACS" className="mt-8 space-y-2">
        <h2 className="text-sm font-semibold text-neutral-200">PACS (DICOMweb)</h2>
        <Connect initial={settings} onDone={() => setEditing(false)} />
      </section>
    );
  }
  const field = (key: keyof StudyQuery, label: string, type = 'text') => (
    <input
      aria-label={label}
      placeholder={label}
      type={type}
      className={input}
      value={query[key] ?? ''}
      onChange={(e) => setQuery({ ...query, [key]: e.target.value })}
    />
  );
  return (
    <section aria-label="PACS" data-testid="pacs" className="mt-8 space-y-2 text-xs">
      <h2 className="flex items-center gap-2 text-sm font-semibold text-neutral-200">
        PACS <span className="truncate font-normal text-neutral-400">{pacsAddress(settings)}</span>
        <button
          type="button"
          className="ml-auto rounded px-1.5 text-xs font-normal text-neutral-400 hover:bg-neutral-800"
          onClick={() => setEditing(true)}
        >
          Settings
        </button>
      </h2>
      <form
        aria-label="Search the PACS"
        className="grid grid-cols-3 gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void search(0);
        }}
      >
        {field('patientName', 'Patient name')}
        {field('patientId', 'Patient ID')}
        {field('accessionNumber', 'Accession number')}
        {field('from', 'From date', 'date')}
        {field('to', 'To date', 'date')}
        {field('modality', 'Modality')}
        <button type="submit" disabled={!!busy} className="col-span-3 rounded bg-sky-800 px-3 py-1 hover:bg-sky-700 disabled:opacity-40">
          Search
        </button>
      </form>
      {busy && <p className="text-neutral-400">{busy}</p>}
      {problem && (
        <p role="alert" data-testid="pacs-error" className="rounded border border-red-900 bg-red-950/40 p-2 text-red-200">
          {problem.message}{' '}
          <button type="button" className="underline" onClick={problem.retry}>
            Retry
          </button>
        </p>
      )}
      {rows && (
        <table className="w-full text-left" data-testid="pacs-results">
          <thead className="text-neutral-400">
            <tr>
              <th>Patient</th>
              <th>ID</th>
              <th>Date</th>
              <th>Study</th>
              <th>Modality</th>
              <th>Accession</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="text-neutral-400">
                  No study matches.
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.studyUID} data-testid="pacs-study" className="border-t border-neutral-800">
                <td>{row.patientName}</td>
                <td>{row.patientId}</td>
                <td>{formatDate(row.date)}</td>
                <td>{row.description}</td>
                <td>{row.modalities}</td>
                <td>{row.accessionNumber}</td>
                <td>
                  <button
                    type="button"
                    disabled={!!busy}
                    className="rounded bg-neutral-800 px-2 hover:bg-neutral-700 disabled:opacity-40"
                    onClick={() => void open(row)}
                  >
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button
          type="button"
          disabled={!!busy}
          className="rounded bg-neutral-800 px-2 py-0.5 hover:bg-neutral-700"
          onClick={() => void search(rows?.length ?? 0)}
        >
          More results
        </button>
      )}
    </section>
  );
}
