// The report's export buttons (text, Markdown, FHIR, HL7 v2 ORU^R01, DICOM SR) and Store in PACS when one is configured.
import { useState } from 'react';
import { exportReport, storeReportInPacs, type ExportFormat } from '../../app/exportReport';
import type { Report } from '../../report/types';
import { usePacsStore } from '../../store/pacsStore';
import { errorMessage } from '../../util/errorMessage';

const FORMATS = [
  ['text', 'Text'],
  ['markdown', 'Markdown'],
  ['fhir', 'FHIR'],
  ['hl7', 'HL7 v2'],
  ['sr', 'DICOM SR'],
] as const satisfies ReadonlyArray<readonly [ExportFormat, string]>;

export function ExportMenu({ report }: { report: Report }) {
  const [problem, setProblem] = useState<string>();
  const [stored, setStored] = useState<string>();
  const pacs = usePacsStore((s) => s.settings);
  const store = async () => {
    setProblem(undefined);
    setStored('Storing…');
    try {
      await storeReportInPacs(report);
      setStored(`Stored in the PACS, ${new Date().toLocaleTimeString()}.`);
    } catch (error) {
      setStored(undefined);
      setProblem(errorMessage(error));
    }
  };
  const run = (format: (typeof FORMATS)[number][0]) => {
    setProblem(undefined);
    try {
      exportReport(report, format);
    } catch (error) {
      setProblem(`Could not export: ${errorMessage(error)}`);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid="export">
      <span className="text-neutral-400">
        Export
        {report.status === 'signed' || report.status === 'addendum' ? '' : report.status === 'preliminary' ? ' (preliminary)' : ' (draft)'}:
      </span>
      {FORMATS.map(([format, label]) => (
        <button
          key={format}
          type="button"
          data-testid={`export-${format}`}
          className="rounded bg-neutral-800 px-2 py-0.5 hover:bg-neutral-700"
          onClick={() => run(format)}
        >
          {label}
        </button>
      ))}
      {pacs && (
        <button
          type="button"
          data-testid="store-pacs"
          className="rounded bg-sky-900 px-2 py-0.5 hover:bg-sky-800"
          onClick={() => void store()}
        >
          Store in PACS
        </button>
      )}
      {stored && (
        <p data-testid="store-status" className="w-full text-emerald-300">
          {stored}
        </p>
      )}
      {problem && (
        <p role="alert" data-testid="export-error" className="w-full text-red-300">
          {problem}
        </p>
      )}
    </div>
  );
}
