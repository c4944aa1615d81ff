// A DICOM SR as DCMTK's dsrdump reads it: an independent reader, stricter than dciodvfy on some
// values (a DT with a UTC offset of +0000 is refused). Every line dsrdump prints starting with "E:"
// is a problem, and so is a non-zero status; the dump itself is the content tree in words, one item
// a line, for tests that look for what a standard reader shows. dsr2xml, DCMTK's XML writer, reads
// the same files as a second check. Used by the SR reader tests and the browser export tests.
import { spawnSync } from 'node:child_process';

export interface SrReading {
  file: string;
  /** The E: lines, or why dsrdump gave no verdict; empty when it read the file. */
  problems: string[];
  /** The content tree as dsrdump prints it (with the code of each item's concept name). */
  dump: string;
}

/** Runs one of DCMTK's SR tools on the file: its output, and its E: lines (or why it gave no verdict) as problems. */
function dcmtk(tool: string, args: string[], file: string): SrReading {
  const run = spawnSync(tool, [...args, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`${tool} could not be started (${run.error.message}): install Debian's dcmtk`);
  if (run.status === null) throw new Error(`${tool} was stopped by ${run.signal} while reading ${file}`);
  const problems = `${run.stdout}${run.stderr}`.split('\n').filter((line) => /^E:/.test(line));
  if (run.status !== 0 && problems.length === 0)
    problems.push(`${tool} exited with status ${run.status}: ${run.stderr.trim() || '(no output)'}`);
  return { file, problems, dump: run.stdout };
}

/** dsrdump's reading. +Pc: print the concept names' codes; +Pl: print long values whole. */
export const dsrdump = (file: string): SrReading => dcmtk('dsrdump', ['+Pc', '+Pl'], file);

/** dsr2xml's reading: the document as DCMTK's XML (the dump is the XML), a second reader of the same tree. */
export const dsr2xml = (file: string): SrReading => dcmtk('dsr2xml', [], file);

/**
 * The dump without Lucent's private content: every item whose concept name is coded in Lucent's own
 * scheme (99LUCENT), with the items under it. What is left is what a standard SR reader shows.
 */
export function standardContent(dump: string): string {
  const kept: string[] = [];
  let skipBelow: number | undefined;
  for (const line of dump.split('\n')) {
    const depth = line.search(/\S/);
    if (skipBelow !== undefined && depth > skipBelow) continue;
    skipBelow = undefined;
    // An item's line: <relationship VALUETYPE:(code,scheme,"meaning")=value>
    if (/^\s*<[^:]*:\([^,]*,99LUCENT,/.test(line)) {
      skipBelow = depth;
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n');
}
