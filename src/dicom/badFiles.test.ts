// Every file of the bad-input corpus gets its own reason, and the good files in the same drop load.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_FILE_REASONS, GOOD_FILES } from '../../e2e/fixtures/badFiles';
import { loadSourceFiles } from './load';

const DIR = 'e2e/fixtures/bad';

describe('the bad-input corpus', () => {
  it('names each bad file with its reason and loads the good ones', async () => {
    const names = readdirSync(DIR).sort();
    expect(names).toEqual([...Object.keys(BAD_FILE_REASONS), ...GOOD_FILES].sort());
    const sources = names.map((name) => {
      const data = new Uint8Array(readFileSync(join(DIR, name)));
      return { path: `bad/${name}`, file: new File([data], name) };
    });
    const outcome = await loadSourceFiles(sources, async (file) => [`test:${file.name}`]);
    expect(outcome.instances.map((i) => i.source).sort()).toEqual(GOOD_FILES.map((n) => `bad/${n}`));
    const reasons = Object.fromEntries(outcome.problems.map((p) => [p.source.replace(/^bad\//, ''), p.reason]));
    for (const [name, pattern] of Object.entries(BAD_FILE_REASONS)) expect(reasons[name], name).toMatch(pattern);
  });
});
