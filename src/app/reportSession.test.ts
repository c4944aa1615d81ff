// The report session without React: edits and undo with their audit, who may edit and sign, the sign
// flow with its checks, review moves and addenda, restoring a stored report.
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyReport, recordOf } from '../report/content';
import { useReaderStore } from '../store/readerStore';
import { useReportStore } from '../store/reportStore';
import { bindOpenedImages, reportSession, restoreReport, selectFinding } from './reportSession';

const UID = '1.2.826.0.1.3680043.8.498.1';
const as = (name: string, role: 'resident' | 'fellow' | 'attending') => useReaderStore.setState({ reader: { name, role } });

function freshSession() {
  useReportStore.setState({ histories: {}, addendumDrafts: {}, signChecks: {}, savedNames: {}, selectedFindingId: undefined });
  const session = reportSession(UID);
  session.open('Cough.', 'CR');
  return session;
}

const addFinding = (id: string, text: string) =>
  reportSession(UID).edit({
    type: 'addFinding',
    finding: { id, text, regions: [{ id: `r-${id}`, imageId: 'img', box: [10, 10, 40, 40] }] },
  });

describe('the report session', () => {
  beforeEach(() => as('Dr Att', 'attending'));

  it('holds every command itself: the store it publishes through has none', () => {
    freshSession();
    const commands = Object.entries(useReportStore.getState()).filter(([, v]) => typeof v === 'function');
    expect(commands).toEqual([]);
  });

  it('opens a report once, edits it with an audit entry per step, and undoes without losing the trail', () => {
    const session = freshSession();
    session.open('Another reason.', 'CR');
    expect(session.report?.content).toMatchObject({ indication: 'Cough.', modality: 'CR' });
    session.edit({ type: 'setImpression', text: 'No' }, 'impression');
    session.edit({ type: 'setImpression', text: 'No acute finding.' }, 'impression');
    expect(session.history?.past).toHaveLength(1);
    session.undo();
    expect(session.report?.content.impression).toBe('');
    session.redo();
    expect(session.report?.content.impression).toBe('No acute finding.');
    expect(session.report?.audit?.map((e) => [e.reader, e.action])).toEqual([
      ['Dr Att', 'Edited the impression: “No acute finding.”'],
      ['Dr Att', 'Undid an edit'],
      ['Dr Att', 'Redid an edit'],
    ]);
    // Only the present report carries the trail.
    expect(session.history?.past.every((r) => !r.audit)).toBe(true);
  });

  it('toggles a decision, and lets only the attending edit a preliminary', () => {
    const session = freshSession();
    addFinding('a', 'Small left pleural effusion.');
    session.toggleDecision('a', 'rejected');
    expect(session.report?.content.findings[0].decision).toBe('rejected');
    session.toggleDecision('a', 'rejected');
    expect(session.report?.content.findings[0].decision).toBe('pending');
    session.edit({ type: 'setImpression', text: 'Small left effusion.' });
    as('Dr Res', 'resident');
    expect(session.signsAs).toBe('preliminary');
    session.closeSignChecks();
    expect(session.signAnyway()).toBe(true);
    expect(session.report?.status).toBe('preliminary');
    const before = session.report;
    session.edit({ type: 'setImpression', text: 'Changed by the resident.' });
    expect(session.report).toBe(before);
    expect(session.signsAs).toBeUndefined();
    expect(session.requestSign()).toBe(false);
    as('Dr Att', 'attending');
    session.edit({ type: 'setImpression', text: 'Reviewed.' });
    expect(session.report?.content.impression).toBe('Reviewed.');
  });

  it('stops a signature at its checks, publishes them, and signs anyway over warnings only', () => {
    const session = freshSession();
    const drafted = { id: 'a', text: 'Small left pleural effusion.', regions: [], regionIds: [], confidence: 0.8 };
    session.edit({ type: 'applyDraft', findings: [drafted], impression: 'Small left effusion.' });
    expect(session.requestSign()).toBe(false);
    expect(session.report?.status).toBe('draft');
    expect(session.signChecks.map((c) => [c.id, c.severity])).toEqual([
      ['pending-a', 'warning'],
      ['impression', 'warning'],
    ]);
    expect(useReportStore.getState().signChecks[UID]).toBe(session.signChecks);
    session.closeSignChecks();
    expect(session.signChecks).toEqual([]);
    expect(session.signAnyway()).toBe(true);
    expect(session.report?.status).toBe('signed');
    // Signed over the warning, the undecided finding is left out of the record, and the audit says so.
    expect(session.report?.audit?.at(-1)).toMatchObject({
      action: 'Signed the final report (version 1); left out 1 AI finding(s) not accepted: “Small left pleural effusion.”',
      version: 1,
    });
    expect(recordOf(session.report!).findings).toEqual([]);
    expect(session.history?.past).toEqual([]);
  });

  it('keeps the undecided AI findings when the reader asks, then signs them into the record', () => {
    const session = freshSession();
    const drafted = { id: 'a', text: 'Small left pleural effusion.', regions: [], regionIds: [], confidence: 0.8 };
    session.edit({ type: 'applyDraft', findings: [drafted], impression: 'Small left effusion.' });
    expect(session.requestSign()).toBe(false);
    expect(session.keepUndecidedAndSign()).toBe(true);
    expect(session.report?.status).toBe('signed');
    expect(recordOf(session.report!).findings.map((f) => [f.id, f.decision])).toEqual([['a', 'accepted']]);
  });

  it('never signs over a blocking check: a critical result without its communication', () => {
    const session = freshSession();
    addFinding('p', 'Large right pneumothorax.');
    expect(session.report?.content.findings[0].decision).toBe('accepted');
    session.edit({ type: 'setImpression', text: 'Large right pneumothorax.' });
    expect(session.requestSign()).toBe(false);
    expect(session.signChecks[0]).toMatchObject({ id: 'critical-p', severity: 'blocking' });
    expect(session.signAnyway()).toBe(false);
    expect(session.report?.status).toBe('draft');
    const told = {
      recipient: 'Dr Lee (ED)',
      method: 'telephone' as const,
      at: '2026-12-04T10:00:00.000Z',
      rule: 'Pneumothorax',
      category: 1 as const,
    };
    session.edit({ type: 'recordCommunication', findingId: 'p', communication: told });
    expect(session.requestSign()).toBe(true);
    expect(session.signChecks).toEqual([]);
    expect(session.report?.status).toBe('signed');
  });

  it('does not sign without the reader’s name', () => {
    const session = freshSession();
    session.edit({ type: 'setImpression', text: 'Normal.' });
    as('  ', 'attending');
    expect(session.requestSign()).toBe(false);
    expect(session.signAnyway()).toBe(false);
    expect(session.report?.status).toBe('draft');
  });

  it('adds a signed addendum to the final report, and amends it', () => {
    const session = freshSession();
    session.edit({ type: 'setImpression', text: 'Normal.' });
    expect(session.requestSign()).toBe(true);
    session.startAddendum();
    expect(session.report?.status).toBe('addendum');
    session.setAddendumDraft('   ');
    session.signAddendum();
    expect(session.report?.status).toBe('addendum');
    session.setAddendumDraft('Discussed with Dr Lee.');
    session.signAddendum();
    expect(session.report).toMatchObject({ status: 'signed', addenda: [{ text: 'Discussed with Dr Lee.', reader: 'Dr Att' }] });
    expect(session.addendumDraft).toBe('');
    session.startAddendum();
    session.cancelAddendum();
    expect(session.report?.status).toBe('signed');
    session.amend();
    expect(session.report?.status).toBe('amending');
    expect(() => session.startAddendum()).toThrow();
    expect(session.report?.audit?.map((e) => e.action).slice(-4)).toEqual([
      'Signed addendum 1: “Discussed with Dr Lee.”',
      'Started an addendum',
      'Cancelled the addendum',
      'Reopened the final report for an amendment',
    ]);
  });

  it('restores a stored report only over an untouched one, learning the modality', () => {
    const session = freshSession();
    const stored = { ...emptyReport(UID, 'From the SR.'), content: { ...emptyReport(UID).content, impression: 'Stored.' } };
    expect(restoreReport(stored)).toBe(true);
    expect(session.report?.content).toMatchObject({ impression: 'Stored.', modality: 'CR' });
    session.edit({ type: 'setImpression', text: 'Mine.' });
    expect(restoreReport(stored)).toBe(false);
    expect(session.report?.content.impression).toBe('Mine.');
    expect(restoreReport({ ...stored, content: session.report!.content })).toBe(true);
  });

  it('names saved images by the imageIds of this page once they open', () => {
    const session = freshSession();
    session.edit({
      type: 'addFinding',
      finding: { id: 'a', text: 'Nodule.', regions: [{ id: 'r', imageId: 'lucent-image:1.2.3/1', box: [0, 0, 5, 5] }] },
    });
    bindOpenedImages({ 'dicomfile:7': 'lucent-image:1.2.3/1' });
    expect(session.report?.content.findings[0].regions[0].imageId).toBe('dicomfile:7');
    expect(useReportStore.getState().savedNames).toEqual({ 'dicomfile:7': 'lucent-image:1.2.3/1' });
    selectFinding('a');
    expect(useReportStore.getState().selectedFindingId).toBe('a');
  });
});
