// The report on a template: its sections in order, each with its fields and the findings that belong
// there (the indication in clinical information, the impression in its section). Alt+N in a section
// inserts its normal text into the fields still empty.
import type { ReactNode } from 'react';
import { insertSectionNormal } from '../../app/structuredReport';
import type { Finding, Report } from '../../report/types';
import { sectionForFinding, type Template, type TemplateSection } from '../../report/template/template';
import { reportSession } from '../../app/reportSession';
import { FindingRow } from './FindingRow';
import { TemplateFieldInput } from './TemplateFieldInput';

interface Props {
  report: Report;
  template: Template;
  findings: Finding[];
  locked: boolean;
  /** The indication and impression boxes, as the panel draws them. */
  indication: ReactNode;
  impression: ReactNode;
  /** Where new findings are typed, and the draft as it streams in: in the general findings section. */
  findingsExtra: ReactNode;
}

/** The section that takes findings of no organ system: the general one, else the first findings section. */
const generalFindings = (template: Template) =>
  template.sections.find((s) => s.role === 'findings' && !s.findingTypes?.length) ?? template.sections.find((s) => s.role === 'findings');

export function StructuredSections({ report, template, findings, locked, indication, impression, findingsExtra }: Props) {
  const content = report.content;
  const general = generalFindings(template);
  const has = (role: TemplateSection['role']) => template.sections.some((s) => s.role === role);
  const section = (s: TemplateSection) => {
    const mine = findings.filter((f) => sectionForFinding(template, f.text, f.sectionId)?.id === s.id);
    const normal = s.fields.some((f) => f.normal);
    return (
      <section
        key={s.id}
        aria-label={s.name}
        data-testid="template-section"
        data-section-id={s.id}
        onKeyDown={(e) => {
          if (e.altKey && e.key.toLowerCase() === 'n' && !locked) {
            e.preventDefault();
            insertSectionNormal(report.studyUID, content, s.id);
          }
        }}
        className="space-y-1.5"
      >
        <h3 className="flex items-center text-xs uppercase tracking-wider text-neutral-400">
          {s.name}
          {normal && !locked && (
            <button
              type="button"
              tabIndex={-1}
              title="Insert this section's normal text (Alt+N in the section)"
              className="ml-auto rounded px-1.5 normal-case tracking-normal text-neutral-400 hover:bg-neutral-800"
              onClick={() => insertSectionNormal(report.studyUID, content, s.id)}
            >
              Normal
            </button>
          )}
        </h3>
        {s.role === 'clinical-information' && indication}
        {s.fields.map((field) => (
          <TemplateFieldInput
            key={field.id}
            field={field}
            value={content.fields?.[field.id] ?? ''}
            locked={locked}
            onChange={(value) => reportSession(report.studyUID).edit({ type: 'setField', fieldId: field.id, value }, `field:${field.id}`)}
          />
        ))}
        {mine.length > 0 && (
          <ol className="space-y-2" data-testid="findings">
            {mine.map((f) => (
              <FindingRow key={f.id} studyUID={report.studyUID} finding={f} index={findings.indexOf(f)} locked={locked} />
            ))}
          </ol>
        )}
        {s === general && findingsExtra}
        {s.role === 'impression' && impression}
      </section>
    );
  };
  return (
    <div className="space-y-4" data-testid="structured-report" data-template-id={template.id}>
      {!has('clinical-information') && <section aria-label="Indication">{indication}</section>}
      {template.sections.map(section)}
      {!general && findingsExtra}
      {!has('impression') && <section aria-label="Impression section">{impression}</section>}
    </div>
  );
}
