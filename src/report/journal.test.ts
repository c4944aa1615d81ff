import { describe, expect, it } from 'vitest';
import { startHistory } from './history';
import { editJournal, openJournal, restoredJournal, reviewJournal, sameContent, undoJournal } from './journal';
import { emptyReport } from './content';

const at = new Date('2026-12-04T09:00:00Z');
const resident = { name: 'Dr Res', role: 'resident' as const };
const attending = { name: 'Dr Att', role: 'attending' as const };

describe('the report journal', () => {
  it('opens a report once and teaches a saved one its modality without an audit entry', () => {
    const opened = openJournal(undefined, '1.2', 'Cough.', 'DX');
    expect(opened.present.content).toMatchObject({ indication: 'Cough.', modality: 'DX' });
    expect(openJournal(opened, '1.2', 'Other.', 'CT')).toBe(opened);
    const saved = startHistory(emptyReport('1.2'));
    expect(openJournal(saved, '1.2', '', 'CR').present.content.modality).toBe('CR');
    expect(openJournal(saved, '1.2', '', 'CR').present.audit).toBeUndefined();
  });

  it('audits each edit, one entry for typing in one box, and keeps the trail on the present only', () => {
    let h = openJournal(undefined, '1.2', '');
    h = editJournal(h, { type: 'setImpression', text: 'N' }, resident, at, 'impression');
    h = editJournal(h, { type: 'setImpression', text: 'Normal.' }, resident, at, 'impression');
    expect(h.present.audit).toEqual([
      {
        at: at.toISOString(),
        reader: 'Dr Res',
        role: 'resident',
        action: 'Edited the impression: “Normal.”',
        version: 1,
        key: 'impression',
      },
    ]);
    h = undoJournal(h, attending, at);
    expect(h.present.content.impression).toBe('');
    expect(h.present.audit?.map((e) => e.action)).toEqual(['Edited the impression: “Normal.”', 'Undid an edit']);
    expect(h.future[0].audit).toBeUndefined();
    expect(undoJournal(h, attending, at)).toBe(h);
  });

  it('lets a resident sign a preliminary that only the attending may then edit', () => {
    let h = editJournal(openJournal(undefined, '1.2', ''), { type: 'setImpression', text: 'Normal.' }, resident, at);
    h = reviewJournal(h, { kind: 'sign' }, resident, at);
    expect(h.present.status).toBe('preliminary');
    expect(h.present.audit?.at(-1)).toMatchObject({ action: 'Signed the preliminary report (version 1)', version: 1 });
    expect(editJournal(h, { type: 'setImpression', text: 'x' }, resident, at)).toBe(h);
    expect(editJournal(h, { type: 'setImpression', text: 'x' }, attending, at).present.content.impression).toBe('x');
    expect(() => reviewJournal(h, { kind: 'sign' }, resident, at)).toThrow();
  });

  it('restores a stored report over an untouched one only', () => {
    const empty = emptyReport('1.2', '', 'CR');
    const stored = { ...emptyReport('1.2'), content: { ...emptyReport('1.2').content, impression: 'Stored.' } };
    expect(restoredJournal(empty, stored)?.present.content).toMatchObject({ impression: 'Stored.', modality: 'CR' });
    expect(restoredJournal(stored, empty)).toBeUndefined();
    expect(sameContent(stored, stored)).toBe(true);
    expect(sameContent(undefined, stored)).toBe(false);
  });
});
