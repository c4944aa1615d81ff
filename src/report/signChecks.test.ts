// Contradictions caught anywhere in the report (issue #38): the impression and the template fields
// are read as well as the findings, general negatives deny every type they cover, and a denial of
// the other side is no contradiction.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITICAL_RULES } from './critical';
import { applyEdit } from './edit';
import { emptyReport } from './content';
import { checksBeforeSigning, type CheckContext } from './signChecks';
import { oneSectionTemplate } from './__fixtures__/testReports';
import type { Report, ReportEdit } from './types';

const context: CheckContext = { sideOfRegion: () => undefined, criticalRules: DEFAULT_CRITICAL_RULES };
const edits = (report: Report, ...list: ReportEdit[]) => list.reduce(applyEdit, report);
const accepted = (id: string, text: string): ReportEdit => ({ type: 'addFinding', finding: { id, text, regions: [] } });
const contradictions = (r: Report) =>
  checksBeforeSigning(r.content, context)
    .filter((c) => c.id.startsWith('contradiction-'))
    .map((c) => [c.severity, c.id, c.message]);

const template = oneSectionTemplate('Lungs', [{ id: 'lungs', label: 'Lungs', kind: 'text' }]);

describe('contradictions before signing', () => {
  it('reads the impression: "No pleural effusion." beside an accepted effusion blocks signing, naming both', () => {
    const r = edits(emptyReport('1', '', 'DX'), accepted('e', 'Large right pleural effusion.'), {
      type: 'setImpression',
      text: '1. Cardiomegaly. 2. No pleural effusion.',
    });
    expect(contradictions(r)).toEqual([
      ['blocking', 'contradiction-e', '“Large right pleural effusion.” is contradicted by “No pleural effusion.” in the impression.'],
    ]);
  });

  it('reads "The lungs are clear." in a field as denying an accepted nodule and atelectasis', () => {
    const r = edits(
      emptyReport('1', '', 'DX'),
      { type: 'applyTemplate', template },
      accepted('n', '27 mm nodule in the right upper zone.'),
      accepted('a', 'Left basal atelectasis.'),
      { type: 'setField', fieldId: 'lungs', value: 'The lungs are clear.' },
    );
    expect(contradictions(r).map(([, id, message]) => [id, message])).toEqual([
      ['contradiction-n', '“27 mm nodule in the right upper zone.” is contradicted by “The lungs are clear.” in the field “Lungs”.'],
      ['contradiction-a', '“Left basal atelectasis.” is contradicted by “The lungs are clear.” in the field “Lungs”.'],
    ]);
  });

  it('reads "The heart size is normal." as denying cardiomegaly, and a finding sentence as before', () => {
    const r = edits(emptyReport('1', '', 'DX'), accepted('c', 'The heart is enlarged.'), accepted('h', 'The heart size is normal.'));
    expect(contradictions(r).map(([, id]) => id)).toEqual(['contradiction-c']);
  });

  it('does not call a denial of the other side, or of another type, a contradiction', () => {
    const r = edits(emptyReport('1', '', 'DX'), accepted('e', 'Small left pleural effusion.'), {
      type: 'setImpression',
      text: 'No right pleural effusion. No pneumothorax.',
    });
    expect(contradictions(r)).toEqual([]);
    expect(contradictions(applyEdit(r, { type: 'setImpression', text: 'No left pleural effusion.' })).map(([, id]) => id)).toEqual([
      'contradiction-e',
    ]);
  });
});

describe("a macro's blanks before signing", () => {
  it('warns of every [field] left in a finding, a template field or the impression, and where', () => {
    const r = edits(
      emptyReport('1', '', 'DX'),
      { type: 'applyTemplate', template },
      accepted('n', '9 mm [solid] nodule in the [location].'),
      { type: 'setField', fieldId: 'lungs', value: 'Otherwise [clear].' },
      { type: 'setImpression', text: 'Nodule, [size] mm.' },
    );
    const blanks = checksBeforeSigning(r.content, context).filter((c) => c.id.startsWith('blank-'));
    expect(blanks.map((c) => [c.severity, c.target, c.message])).toEqual([
      ['warning', { kind: 'finding', findingId: 'n' }, "Finding 1 still holds the macro's blank [solid], [location]."],
      ['warning', { kind: 'field', fieldId: 'lungs' }, "The field “Lungs” still holds the macro's blank [clear]."],
      ['warning', { kind: 'impression' }, "The impression still holds the macro's blank [size]."],
    ]);
    const filled = edits(r, { type: 'setImpression', text: 'Nodule, 9 mm.' });
    expect(checksBeforeSigning(filled.content, context).filter((c) => c.id === 'blank-impression')).toEqual([]);
  });
});

describe('the impression before signing', () => {
  it("warns while the impression is still the AI draft's, and no longer once a finding is accepted or the reader writes it", () => {
    const drafted = edits(emptyReport('1', '', 'DX'), {
      type: 'applyDraft',
      findings: [{ id: 'a', text: 'Small left pleural effusion.', regions: [], regionIds: [], confidence: 0.8 }],
      impression: 'Small left pleural effusion.',
    });
    const impression = (r: Report) => checksBeforeSigning(r.content, context).filter((c) => c.id === 'impression');
    expect(impression(drafted).map((c) => [c.severity, c.message])).toEqual([
      ['warning', 'The impression is still the AI draft’s: nobody has accepted a finding or edited it.'],
    ]);
    expect(impression(edits(drafted, { type: 'decide', findingId: 'a', decision: 'accepted' }))).toEqual([]);
    expect(impression(edits(drafted, { type: 'setImpression', text: 'Left effusion.' }))).toEqual([]);
  });
});
