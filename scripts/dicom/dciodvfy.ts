// DICOM validity as dicom3tools' dciodvfy sees it, decided on what it prints: every line starting
// with "Error" is a problem. Its exit status alone cannot be trusted either way (it is 1 both when
// it reports errors and when it could not read the file, and a shell pipeline that greps its output
// inverts it), so a non-zero status without an Error line is a problem too, and a dciodvfy that
// cannot be started throws rather than passing. Used by the sample check, the SR unit test and the
// browser export test.
import { spawnSync } from 'node:child_process';

export interface Validation {
  file: string;
  /** The Error lines, or why dciodvfy gave no verdict; empty when the file is valid. */
  problems: string[];
  /** Everything dciodvfy printed (warnings included). */
  output: string;
}

export function dciodvfy(file: string): Validation {
  const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  if (run.error) throw new Error(`dciodvfy could not be started (${run.error.message}): install Debian's dicom3tools`);
  if (run.status === null) throw new Error(`dciodvfy was stopped by ${run.signal} while checking ${file}`);
  const output = `${run.stdout}${run.stderr}`;
  const problems = output.split('\n').filter((line) => /^Error/.test(line));
  if (run.status !== 0 && problems.length === 0)
    problems.push(
      `dciodvfy exited with status ${run.status} without a verdict: ${output.trim().split('\n').slice(-3).join(' / ') || '(no output)'}`,
    );
  return { file, problems, output };
}
