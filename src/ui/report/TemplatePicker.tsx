// Which template the report follows: the bundled ones and the reader's imported MRRT files; import
// another, or export the one in use as an MRRT file.
import { useState } from 'react';
import { availableTemplates, chooseTemplate, exportTemplate, importTemplate } from '../../app/structuredReport';
import type { Report } from '../../report/types';
import { useReportingStore } from '../../store/reportingStore';
import { errorMessage } from '../../util/errorMessage';
import { FileButton } from '../FileButton';

export function TemplatePicker({ report, locked }: { report: Report; locked: boolean }) {
  useReportingStore((s) => s.importedTemplates); // re-render when one is imported
  const [problem, setProblem] = useState('');
  const current = report.content.template;
  return (
    <div className="space-y-1 text-xs">
      <div className="flex items-center gap-2">
        <label htmlFor="report-template" className="text-neutral-400">
          Template
        </label>
        <select
          id="report-template"
          data-testid="template-select"
          disabled={locked}
          value={current?.id ?? ''}
          onChange={(e) => chooseTemplate(report.studyUID, e.target.value)}
          className="min-w-0 flex-1 rounded bg-neutral-900 px-1.5 py-0.5 text-neutral-200"
        >
          <option value="">None (free findings list)</option>
          {availableTemplates().map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
        <FileButton
          testId="template-import"
          inputTestId="template-file"
          accept=".html,.htm,text/html"
          disabled={locked}
          title="Import an IHE MRRT template (.html)"
          className="rounded px-1.5 py-0.5 text-neutral-400 hover:bg-neutral-800 disabled:opacity-30"
          onFile={(chosen) => {
            setProblem('');
            importTemplate(report.studyUID, chosen).catch((error) => setProblem(errorMessage(error)));
          }}
        >
          Import…
        </FileButton>
        <button
          type="button"
          data-testid="template-export"
          disabled={!current}
          className="rounded px-1.5 py-0.5 text-neutral-400 hover:bg-neutral-800 disabled:opacity-30"
          onClick={() => current && exportTemplate(current)}
          title="Save this template as an IHE MRRT file"
        >
          Export
        </button>
      </div>
      {problem && (
        <p role="alert" data-testid="template-error" className="text-red-300">
          {problem}
        </p>
      )}
    </div>
  );
}
