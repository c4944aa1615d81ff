// Under an accepted finding: the guideline's follow-up to accept or dismiss (with the patient's risk
// when the rule needs it), and — for a critical result — the record of who was told, how and when.
import { useState } from 'react';
import { criticalRuleOf, recordCommunication } from '../../app/structuredReport';
import { COMMUNICATION_METHODS, describeCommunication, type CommunicationMethod } from '../../report/critical';
import { FLEISCHNER_SOURCE } from '../../report/guidelines/fleischner';
import type { Finding } from '../../report/types';
import { sectionForFinding, type Template } from '../../report/template/template';
import { reportSession } from '../../app/reportSession';
import { useReportStore } from '../../store/reportStore';

const localNow = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function FollowUp({ studyUID, finding, locked }: Props) {
  const session = reportSession(studyUID);
  const risk = useReportStore((s) => s.histories[studyUID]?.present.content.noduleRisk);
  const r = finding.recommendation!;
  const dismissed = r.status === 'dismissed';
  const decide = (status: 'accepted' | 'dismissed') =>
    session.edit({ type: 'decideRecommendation', findingId: finding.id, status: r.status === status ? 'proposed' : status });
  return (
    <div
      data-testid="recommendation"
      data-status={r.status}
      className={`mt-1 rounded border p-1.5 text-[11px] ${dismissed ? 'border-dashed border-neutral-700' : 'border-sky-900'}`}
    >
      {/* Dismissed: struck through in a muted colour rather than faded, so that it stays readable. */}
      <p className={dismissed ? 'text-neutral-400 line-through' : 'text-sky-200'}>
        <span className="font-semibold">{r.status === 'accepted' ? 'Recommendation: ' : 'Suggested follow-up: '}</span>
        {r.text}
      </p>
      <p className="text-neutral-400">Source: {r.source}</p>
      {!locked && (
        <div className="mt-1 flex items-center gap-1">
          {r.source === FLEISCHNER_SOURCE && (
            <label className="mr-auto flex items-center gap-1 text-neutral-400">
              Patient risk
              <select
                aria-label="Patient risk"
                value={risk ?? 'low'}
                onChange={(e) => session.edit({ type: 'setNoduleRisk', risk: e.target.value as 'low' | 'high' })}
                className="rounded bg-neutral-900 px-1"
              >
                <option value="low">low</option>
                <option value="high">high</option>
              </select>
            </label>
          )}
          <button
            type="button"
            aria-pressed={r.status === 'accepted'}
            className="ml-auto rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-emerald-300"
            onClick={() => decide('accepted')}
          >
            Accept follow-up
          </button>
          <button
            type="button"
            aria-pressed={r.status === 'dismissed'}
            className="rounded px-1.5 hover:bg-neutral-800 aria-pressed:text-red-300"
            onClick={() => decide('dismissed')}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

function CriticalResult({ studyUID, finding, locked }: Props) {
  const modality = useReportStore((s) => s.histories[studyUID]?.present.content.modality ?? '');
  const rule = criticalRuleOf(modality, finding);
  const [recipient, setRecipient] = useState('');
  const [method, setMethod] = useState<CommunicationMethod>('telephone');
  const [at, setAt] = useState(localNow);
  if (!rule && !finding.communication) return null;
  const c = finding.communication;
  return (
    <div data-testid="critical-result" data-communicated={!!c} className="mt-1 rounded border border-red-900 p-1.5 text-[11px]">
      <p className="font-semibold text-red-300">Critical result{rule ? ` — ${rule.label} (ACR category ${rule.category})` : ''}</p>
      {c ? (
        <p className="text-neutral-300">
          {describeCommunication(c)}
          {!locked && (
            <button
              type="button"
              className="ml-2 text-neutral-400 hover:underline"
              onClick={() => recordCommunication(studyUID, finding.id, undefined)}
            >
              Change
            </button>
          )}
        </p>
      ) : (
        !locked &&
        rule && (
          <form
            aria-label="Communication record"
            className="mt-1 grid grid-cols-2 gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (!recipient.trim() || !at) return;
              recordCommunication(studyUID, finding.id, {
                recipient: recipient.trim(),
                method,
                at: new Date(at).toISOString(),
                rule: rule.label,
                category: rule.category,
              });
            }}
          >
            <input
              aria-label="Communicated to"
              placeholder="Told whom (name, role)"
              value={recipient}
              onChange={(e) => setRecipient(e.target.value)}
              className="col-span-2 rounded bg-neutral-900 px-1.5 py-0.5"
            />
            <select
              aria-label="How"
              value={method}
              onChange={(e) => setMethod(e.target.value as CommunicationMethod)}
              className="rounded bg-neutral-900 px-1"
            >
              {COMMUNICATION_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
            <input
              aria-label="When"
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
              className="rounded bg-neutral-900 px-1"
            />
            <button
              type="submit"
              disabled={!recipient.trim()}
              className="col-span-2 rounded bg-red-900 px-2 py-0.5 hover:bg-red-800 disabled:opacity-40"
            >
              Record communication
            </button>
          </form>
        )
      )}
    </div>
  );
}

interface Props {
  studyUID: string;
  finding: Finding;
  locked: boolean;
}

/** The open report's template: each row reads only what it shows, so typing in one row re-renders no other. */
const useTemplate = (studyUID: string) => useReportStore((s) => s.histories[studyUID]?.present.content.template);

/** Which template section the finding sits in: where its type belongs, unless the reader moves it. */
function SectionChoice({ studyUID, finding, template }: Props & { template: Template }) {
  const session = reportSession(studyUID);
  const current = sectionForFinding(template, finding.text, finding.sectionId);
  return (
    <label className="mt-1 flex items-center gap-1 text-[11px] text-neutral-400">
      Section
      <select
        aria-label="Section"
        value={current?.id ?? ''}
        onChange={(e) => session.edit({ type: 'setSection', findingId: finding.id, sectionId: e.target.value })}
        className="rounded bg-neutral-900 px-1"
      >
        {template.sections
          .filter((s) => s.role === 'findings' || s.id === current?.id)
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
      </select>
    </label>
  );
}

export function FindingExtras(props: Props) {
  const template = useTemplate(props.studyUID);
  return (
    <>
      {template && !props.locked && <SectionChoice {...props} template={template} />}
      {props.finding.recommendation && <FollowUp {...props} />}
      <CriticalResult {...props} />
    </>
  );
}
