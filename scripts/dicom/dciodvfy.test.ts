import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dciodvfy } from './dciodvfy';

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

/** A dciodvfy on PATH that prints the given lines and exits with the given status. */
function fakeDciodvfy(lines: string[], status: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'lucent-fake-dciodvfy-'));
  writeFileSync(join(dir, 'dciodvfy'), `#!/bin/sh\n${lines.map((l) => `echo '${l}' >&2`).join('\n')}\nexit ${status}\n`);
  chmodSync(join(dir, 'dciodvfy'), 0o755);
  process.env.PATH = `${dir}:${PATH}`;
}

describe('the dciodvfy check', () => {
  it('passes a valid sample and fails the known-bad fixture on its Error lines', () => {
    expect(dciodvfy('public/samples/mr-brain/MR0001.dcm').problems).toEqual([]);
    const bad = dciodvfy('e2e/fixtures/bad/no-pixel-data.dcm');
    expect(bad.problems.length).toBeGreaterThan(0);
    expect(bad.problems.every((p) => p.startsWith('Error'))).toBe(true);
  });

  it('fails on an Error line whatever the exit status', () => {
    fakeDciodvfy(['Error - forced'], 1);
    expect(dciodvfy('any.dcm').problems).toEqual(['Error - forced']);
    fakeDciodvfy(['Warning - fine', 'Error - forced'], 0);
    expect(dciodvfy('any.dcm').problems).toEqual(['Error - forced']);
  });

  it('fails when dciodvfy gives no verdict (a file it cannot read)', () => {
    expect(dciodvfy('/nonexistent/file.dcm').problems).toEqual([expect.stringMatching(/exited with status 1 without a verdict/)]);
  });

  it('throws when dciodvfy cannot be started, rather than reading nothing as clean', () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), 'lucent-empty-path-'));
    expect(() => dciodvfy('public/samples/mr-brain/MR0001.dcm')).toThrow(/could not be started/);
  });
});
