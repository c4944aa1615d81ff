// The open patient's earlier studies, newest first: those open here and those on the PACS, each
// with the report it has; one opens beside the current study for comparison.
import { useEffect, useMemo, useState } from 'react';
import type { Study } from '../dicom/studies';
import { localPriors, openPriorBeside, pacsPriors, type PriorEntry } from '../app/priors';
import { PdfButtons } from './PdfButtons';
import { useDocumentStore } from '../store/documentStore';
import { useAppStore } from '../store/appStore';
import { usePacsStore } from '../store/pacsStore';
import { useReportStore } from '../store/reportStore';
import { errorMessage } from '../util/errorMessage';
import { formatDicomDate } from './format';

/** The PACS's priors of the study's patient, searched once per study and PACS (opening studies does not search again). */
function usePacsPriors(study: Study): { entries: PriorEntry[]; status: string | undefined } {
  const settings = usePacsStore((s) => s.settings);
  const [state, setState] = useState<{ entries: PriorEntry[]; status: string | undefined }>({ entries: [], status: undefined });
  useEffect(() => {
    if (!settings) return setState({ entries: [], status: undefined });
    let stale = false;
    setState((s) => ({ ...s, status: 'Searching the PACS…' }));
    pacsPriors(study)
      .then((entries) => !stale && setState({ entries, status: undefined }))
      .catch((error: unknown) => !stale && setState({ entries: [], status: `PACS priors: ${errorMessage(error)}` }));
    return () => {
      stale = true;
    };
    // The study object is rebuilt whenever anything opens; the search depends on which study it is.
  }, [study.uid, study.patientId, settings]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}

function PriorRow({ entry, beside }: { entry: PriorEntry; beside: boolean }) {
  const [opening, setOpening] = useState<string>();
  const open = () => {
    setOpening('Opening…');
    openPriorBeside(entry)
      .then(() => setOpening(undefined))
      .catch((error: unknown) => setOpening(`Could not open: ${errorMessage(error)}`));
  };
  return (
    <li
      data-testid="prior-entry"
      data-study-uid={entry.studyUID}
      className="flex flex-col gap-0.5 rounded border border-neutral-800 p-1 text-[11px]"
    >
      <span className="text-neutral-200">
        {formatDicomDate(entry.date)} · {entry.modalities || '—'}
      </span>
      {entry.description && <span className="truncate text-neutral-400">{entry.description}</span>}
      <span data-testid="prior-report" className={entry.report ? 'text-emerald-300' : 'text-neutral-400'}>
        {entry.report ?? 'no report'}
        {entry.where === 'pacs' ? ' · on the PACS' : ''}
      </span>
      <button
        type="button"
        data-testid="prior-open"
        disabled={beside || opening === 'Opening…'}
        onClick={open}
        className="mt-0.5 rounded border border-neutral-700 px-1 text-neutral-200 hover:border-sky-500 disabled:text-sky-300"
      >
        {beside ? 'Open beside ✓' : 'Open beside'}
      </button>
      <PdfButtons studyUID={entry.studyUID} />
      {opening && opening !== 'Opening…' && (
        <span role="alert" className="text-red-300">
          {opening}
        </span>
      )}
    </li>
  );
}

/** Priors of the current study's patient (absent while the patient has none). */
export function PriorsList({ study }: { study: Study }) {
  const studies = useAppStore((s) => s.studies);
  const priorStudyUID = useAppStore((s) => s.priorStudyUID);
  // Report badges follow the reports as they are restored or signed.
  const histories = useReportStore((s) => s.histories);
  const documents = useDocumentStore((s) => s.byStudy);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const local = useMemo(() => localPriors(study), [study, studies, histories, documents]);
  const pacs = usePacsPriors(study);
  // A PACS prior opened since the search is listed once, as open.
  const open = new Set(studies.map((s) => s.uid));
  const entries = [...local, ...pacs.entries.filter((e) => !open.has(e.studyUID))].sort((a, b) => b.date.localeCompare(a.date));
  if (!entries.length && !pacs.status) return null;
  return (
    <section aria-label="Priors" data-testid="priors" className="flex flex-col gap-1">
      <h3 className="text-[11px] font-semibold uppercase tracking-wide text-neutral-400">Priors</h3>
      {pacs.status && <p className="text-[11px] text-neutral-400">{pacs.status}</p>}
      <ul className="flex flex-col gap-1">
        {entries.map((entry) => (
          <PriorRow key={entry.studyUID} entry={entry} beside={entry.studyUID === priorStudyUID} />
        ))}
      </ul>
    </section>
  );
}
