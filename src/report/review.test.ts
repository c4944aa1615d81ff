import { describe, expect, it } from 'vitest';
import { describeEdit, withAudit } from './audit';
import { feedbackCounts, reviewFeedback, trackedChanges } from './changes';
import { applyEdit } from './edit';
import { emptyReport } from './content';
import type { Report, ReportStatus, ReaderRole } from './types';
import { oneSectionTemplate } from './__fixtures__/testReports';
import {
  allowedActions,
  canEdit,
  fhirStatus,
  IllegalTransitionError,
  preliminaryVersion,
  READER_ROLES,
  ReportLockedError,
  transition,
  type ReviewAction,
} from './review';

const at = new Date('2026-12-02T10:00:00Z');
const resident = { name: 'Dr Res', role: 'resident' as const };
const attending = { name: 'Dr Att', role: 'attending' as const };

function drafted(): Report {
  let r = emptyReport('1.2.3', 'Cough.');
  r = applyEdit(r, {
    type: 'addFinding',
    finding: { id: 'a', text: 'Small left pleural effusion.', regions: [{ id: 'ra', imageId: 'i', box: [600, 500, 700, 600] }] },
  });
  r = applyEdit(r, { type: 'addFinding', finding: { id: 'b', text: '8 mm nodule in the right upper zone.', regions: [] } });
  r = applyEdit(r, { type: 'addFinding', finding: { id: 'c', text: 'Mild cardiomegaly.', regions: [] } });
  return r;
}

const ACTIONS: ReviewAction[] = [
  { kind: 'sign' },
  { kind: 'amend' },
  { kind: 'start-addendum' },
  { kind: 'sign-addendum', text: 'Note.' },
  { kind: 'cancel-addendum' },
];

describe('report states', () => {
  it('takes a resident draft through preliminary, attending final and an addendum', () => {
    const prelim = transition(drafted(), { kind: 'sign' }, resident, at);
    expect(prelim).toMatchObject({
      status: 'preliminary',
      versions: [{ version: 1, reader: 'Dr Res', role: 'resident', kind: 'preliminary' }],
    });
    expect(canEdit(prelim, 'resident')).toBe(false);
    expect(canEdit(prelim, 'attending')).toBe(true);
    const reviewed = applyEdit(prelim, { type: 'decide', findingId: 'c', decision: 'rejected' });
    const final = transition(reviewed, { kind: 'sign' }, attending, at);
    expect(final.status).toBe('signed');
    expect(final.versions.map((v) => [v.kind, v.role])).toEqual([
      ['preliminary', 'resident'],
      ['final', 'attending'],
    ]);
    expect(preliminaryVersion(final)?.content).toEqual(prelim.content);
    expect(fhirStatus(prelim)).toBe('preliminary');
    expect(fhirStatus(final)).toBe('final');
    const writing = transition(final, { kind: 'start-addendum' }, attending, at);
    expect(() => applyEdit(writing, { type: 'setImpression', text: 'x' })).toThrow(ReportLockedError);
    const appended = transition(writing, { kind: 'sign-addendum', text: ' Discussed with Dr Lee. ' }, resident, at);
    expect(appended).toMatchObject({ status: 'signed', addenda: [{ text: 'Discussed with Dr Lee.', reader: 'Dr Res', role: 'resident' }] });
    expect(appended.content).toEqual(final.content);
    expect(fhirStatus(appended)).toBe('appended');
  });

  it('lets an attending sign a draft final directly', () => {
    expect(transition(drafted(), { kind: 'sign' }, attending, at)).toMatchObject({
      status: 'signed',
      versions: [{ kind: 'final', role: 'attending' }],
    });
  });

  it('allows no illegal transition, from any state, for any role', () => {
    const states: Record<ReportStatus, Report> = {
      draft: drafted(),
      preliminary: transition(drafted(), { kind: 'sign' }, resident, at),
      signed: transition(drafted(), { kind: 'sign' }, attending, at),
      amending: { ...transition(drafted(), { kind: 'sign' }, attending, at), status: 'amending' },
      addendum: { ...transition(drafted(), { kind: 'sign' }, attending, at), status: 'addendum' },
    };
    const legal: Record<ReportStatus, Record<ReaderRole, string[]>> = {
      draft: { resident: ['sign'], fellow: ['sign'], attending: ['sign'] },
      preliminary: { resident: [], fellow: [], attending: ['sign'] },
      signed: { resident: ['amend', 'start-addendum'], fellow: ['amend', 'start-addendum'], attending: ['amend', 'start-addendum'] },
      amending: { resident: [], fellow: [], attending: ['sign'] },
      addendum: {
        resident: ['sign-addendum', 'cancel-addendum'],
        fellow: ['sign-addendum', 'cancel-addendum'],
        attending: ['sign-addendum', 'cancel-addendum'],
      },
    };
    for (const [status, report] of Object.entries(states) as Array<[ReportStatus, Report]>) {
      for (const role of READER_ROLES) {
        expect(allowedActions(report, role), `${status} / ${role}`).toEqual(legal[status][role]);
        for (const action of ACTIONS) {
          const move = () => transition(report, action, { name: 'Dr X', role }, at);
          if (legal[status][role].includes(action.kind)) expect(move, `${status} / ${role} / ${action.kind}`).not.toThrow();
          else
            expect(move, `${status} / ${role} / ${action.kind}`).toThrow(
              action.kind === 'sign' && status === 'signed' ? ReportLockedError : IllegalTransitionError,
            );
        }
      }
    }
    expect(() => transition(states.addendum, { kind: 'sign-addendum', text: '  ' }, attending, at)).toThrow('An addendum needs its text.');
    expect(() => transition(states.draft, { kind: 'sign' }, { name: ' ', role: 'attending' }, at)).toThrow(/name/);
  });
});

describe('tracked changes and the resident feedback', () => {
  const prelim = () => transition(drafted(), { kind: 'sign' }, resident, at);

  it('shows nothing before the attending changes anything, then exactly the edits made', () => {
    const p = prelim();
    expect(trackedChanges(p.versions[0].content, p.content)).toEqual([]);
    let r = applyEdit(p, { type: 'editText', findingId: 'a', text: 'Small right pleural effusion.' });
    r = applyEdit(r, { type: 'decide', findingId: 'c', decision: 'rejected' });
    r = applyEdit(r, { type: 'setRegion', findingId: 'a', region: { id: 'ra', imageId: 'i', box: [200, 500, 300, 600] } });
    r = applyEdit(r, { type: 'addFinding', finding: { id: 'd', text: 'Small right apical pneumothorax.', regions: [] } });
    const changes = trackedChanges(p.versions[0].content, r.content);
    expect(changes.map((c) => `${c.kind}:${'findingId' in c ? c.findingId : ''}`)).toEqual([
      'edited:a',
      'region-moved:a',
      'rejected:c',
      'added:d',
      'impression:',
    ]);
    expect(changes[0]).toMatchObject({
      words: [{ text: 'Small ' }, { text: 'left', removed: true }, { text: 'right', added: true }, { text: ' pleural effusion.' }],
    });
    const feedback = reviewFeedback(p.versions[0].content, r.content);
    expect(feedback.items).toEqual([
      { kind: 'side changed', type: 'pleural_effusion', text: 'Small left pleural effusion.' },
      { kind: 'over-called', type: 'cardiomegaly', text: 'Mild cardiomegaly.' },
      { kind: 'missed', type: 'pneumothorax', text: 'Small right apical pneumothorax.' },
    ]);
    // The impression changed because Lucent proposed it again from the changed findings: not a rewrite.
    expect(r.content.impressionBy).toBe('proposed');
    expect(feedback.impressionRewritten).toBe(false);
    const rewritten = applyEdit(r, { type: 'setImpression', text: 'Right pleural effusion and pneumothorax.' });
    expect(reviewFeedback(p.versions[0].content, rewritten.content).impressionRewritten).toBe(true);
    const sized = reviewFeedback(
      p.versions[0].content,
      applyEdit(p, { type: 'editText', findingId: 'b', text: '6 mm nodule in the right upper zone.' }).content,
    );
    expect(sized.items).toEqual([{ kind: 'size changed', type: 'nodule', text: '8 mm nodule in the right upper zone.' }]);
    expect(feedbackCounts([feedback, feedback, sized])).toEqual([
      { type: 'cardiomegaly', kind: 'over-called', count: 2 },
      { type: 'pleural_effusion', kind: 'side changed', count: 2 },
      { type: 'pneumothorax', kind: 'missed', count: 2 },
      { type: 'nodule', kind: 'size changed', count: 1 },
    ]);
  });
});

describe('audit trail', () => {
  it('says who changed what, merges typing in one box, and numbers the version being written', () => {
    let r = drafted();
    const edit = { type: 'editText' as const, findingId: 'a', text: 'Small left pleural effusion, new.' };
    expect(describeEdit(edit, r.content)).toBe('Edited finding 1: “Small left pleural effusion, new.”');
    expect(describeEdit({ type: 'decide', findingId: 'c', decision: 'rejected' }, r.content)).toBe(
      'Rejected finding 3 “Mild cardiomegaly.”',
    );
    r = withAudit(r, resident, 'Edited finding 1: “Small”', at, 'text:a');
    r = withAudit(r, resident, 'Edited finding 1: “Small left”', new Date('2026-12-02T10:00:05Z'), 'text:a');
    r = withAudit(r, attending, 'Edited finding 1: “Small left.”', at, 'text:a');
    expect(r.audit).toEqual([
      {
        at: '2026-12-02T10:00:05.000Z',
        reader: 'Dr Res',
        role: 'resident',
        action: 'Edited finding 1: “Small left”',
        version: 1,
        key: 'text:a',
      },
      {
        at: '2026-12-02T10:00:00.000Z',
        reader: 'Dr Att',
        role: 'attending',
        action: 'Edited finding 1: “Small left.”',
        version: 1,
        key: 'text:a',
      },
    ]);
    const prelim = transition(r, { kind: 'sign' }, resident, at);
    const signed = withAudit(prelim, resident, 'Signed the preliminary', at, undefined, prelim.versions.at(-1)!.version);
    expect(signed.audit?.at(-1)?.version).toBe(1);
    // The attending's edits of the preliminary belong to the next version, the final.
    expect(withAudit(signed, attending, 'Rejected finding 3', at).audit?.at(-1)?.version).toBe(2);
  });
});

describe('audit wording', () => {
  it('names the fields filled with normal text', () => {
    const template = oneSectionTemplate('Chest', [
      { id: 'lungs', label: 'Lungs', kind: 'text' },
      { id: 'pleura', label: 'Pleura', kind: 'text' },
    ]);
    const content = applyEdit(emptyReport('1'), { type: 'applyTemplate', template }).content;
    expect(describeEdit({ type: 'setFields', values: { lungs: 'Clear.' } }, content)).toBe('Filled the field “Lungs” with normal text');
    expect(describeEdit({ type: 'setFields', values: { lungs: 'Clear.', pleura: 'Normal.' } }, content)).toBe(
      'Filled the fields “Lungs”, “Pleura” with normal text',
    );
  });
});
