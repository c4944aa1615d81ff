import { describe, expect, it } from 'vitest';
import { commit, startHistory } from './history';
import { applyEdit } from './edit';
import { emptyReport } from './content';
import { sign } from './review';
import type { Report } from './types';
import { renameImages, renameImagesInHistory, savedImageName, savedImageParts } from './savedImages';

const evidence = { imageId: 'dicomfile:1', grid: [1, 2] as [number, number], squarePx: 10, weights: [0.5, 0.5] };

const report = (): Report =>
  applyEdit(emptyReport('1.2.3'), {
    type: 'applyDraft',
    findings: [
      {
        id: 'f1',
        regionIds: ['r1', 'r2'],
        text: 'Nodule.',
        regions: [
          { imageId: 'dicomfile:1', box: [1, 2, 3, 4] },
          { imageId: 'dicomfile:0', box: [5, 6, 7, 8] },
        ],
        confidence: 0.7,
        evidence,
      },
      { id: 'f2', regionIds: [], text: 'No effusion.', regions: [], confidence: 0.9 },
    ],
    impression: 'Nodule.',
  });

describe('saved image names', () => {
  it('name a frame of an instance independently of the session', () => {
    expect(savedImageName('1.2.840.1', 1)).toBe('lucent-image:1.2.840.1/1');
    expect(savedImageName('1.2.840.1', 2)).not.toBe(savedImageName('1.2.840.1', 1));
  });

  it('rename regions and evidence, in the report and its signed versions, swapping names without mixing them up', () => {
    const signed = sign(report(), 'Dr A', new Date('2026-01-01T00:00:00Z'));
    const swap: Record<string, string> = { 'dicomfile:0': 'dicomfile:1', 'dicomfile:1': 'dicomfile:0' };
    const renamed = renameImages(signed, (id) => swap[id]);
    expect(renamed.content.findings[0].regions.map((r) => [r.id, r.imageId, r.box])).toEqual([
      ['r1', 'dicomfile:0', [1, 2, 3, 4]],
      ['r2', 'dicomfile:1', [5, 6, 7, 8]],
    ]);
    expect(renamed.content.findings[0].evidence).toEqual({ ...evidence, imageId: 'dicomfile:0' });
    expect(renamed.versions[0].content.findings[0].regions[0].imageId).toBe('dicomfile:0');
    // A finding without images is the same object: nothing to save or render again.
    expect(renamed.content.findings[1]).toBe(signed.content.findings[1]);
  });

  it('leave a report with nothing to rename as the same object', () => {
    const r = report();
    expect(renameImages(r, () => undefined)).toBe(r);
    expect(renameImages(r, (id) => id)).toBe(r);
  });

  it('rename every state of an undo history', () => {
    const history = commit(startHistory(report()), { type: 'editText', findingId: 'f1', text: 'Small nodule.' });
    const renamed = renameImagesInHistory(history, (id) => (id === 'dicomfile:1' ? savedImageName('9.8.7', 1) : undefined));
    expect(renamed.past[0].content.findings[0].regions[0].imageId).toBe('lucent-image:9.8.7/1');
    expect(renamed.present.content.findings[0].regions[0].imageId).toBe('lucent-image:9.8.7/1');
    expect(renamed.present.content.findings[0].text).toBe('Small nodule.');
    expect(renameImagesInHistory(history, () => undefined)).toBe(history);
  });
});

describe('saved image names read back', () => {
  it('give the SOP Instance UID and frame they were made from, and nothing for other names', () => {
    expect(savedImageParts(savedImageName('1.2.840.113619.2.55', 3))).toEqual({ sopInstanceUID: '1.2.840.113619.2.55', frame: 3 });
    expect(savedImageParts('dicomfile:0')).toBeUndefined();
    expect(savedImageParts('lucent-image:1.2.3/x')).toBeUndefined();
  });
});
