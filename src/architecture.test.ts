// The layering the README's architecture section describes, checked on the source: the report
// domain and the DICOM folder stand alone, React components reach the domain through src/app (types
// excepted), and no source file grows past 300 lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

interface Import {
  /** 'src/report/report' for a relative import, the package name otherwise. */
  target: string;
  typeOnly: boolean;
}

/** Static imports, re-exports and dynamic import() calls of a source file. */
export function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(statement)) {
    const spec = m[3] ?? m[4] ?? m[5];
    const target = spec.startsWith('.') ? relative(ROOT, resolve(dirname(join(ROOT, file)), spec)) : spec;
    found.push({ target, typeOnly: !!m[2] });
  }
  return found;
}

const sources = filesUnder('src', /\.tsx?$/).filter((f) => !/\.test\.tsx?$/.test(f));
const importsByFile = new Map(sources.map((f) => [f, importsOf(f, readFileSync(join(ROOT, f), 'utf8'))]));
const inFolder = (target: string, folders: string[]) => folders.some((folder) => target === `src/${folder}` || target.startsWith(`src/${folder}/`));

function violations(fromFolder: string, forbidden: (i: Import) => boolean): string[] {
  return [...importsByFile].filter(([file]) => file.startsWith(`src/${fromFolder}/`)).flatMap(([file, imports]) => imports.filter(forbidden).map((i) => `${file} -> ${i.target}`));
}

describe('architecture', () => {
  it('reads the imports it checks (the checker itself)', () => {
    const sample = "import type { A } from '../model/engine';\nimport { b } from './x';\nexport { c } from '@cornerstonejs/core';\nconst d = await import('../ui/App');\nimport './index.css';";
    expect(importsOf('src/report/r.ts', sample)).toEqual([
      { target: 'src/model/engine', typeOnly: true },
      { target: 'src/report/x', typeOnly: false },
      { target: '@cornerstonejs/core', typeOnly: false },
      { target: 'src/ui/App', typeOnly: false },
      { target: 'src/report/index.css', typeOnly: false },
    ]);
    expect(importsByFile.get('src/ui/App.tsx')?.length).toBeGreaterThan(3);
  });

  it('keeps the report domain and the DICOM folder free of the model, the screens, the stores and the viewer', () => {
    const outward = (i: Import) => inFolder(i.target, ['model', 'ui', 'store', 'viewer', 'app']);
    expect(violations('report', outward)).toEqual([]);
    expect(violations('dicom', outward)).toEqual([]);
    expect(violations('dicom', (i) => inFolder(i.target, ['report']))).toEqual([]);
  });

  it('keeps Cornerstone out of src/dicom', () => {
    expect(violations('dicom', (i) => i.target.startsWith('@cornerstonejs/'))).toEqual([]);
  });

  it('lets React components reach the DICOM, model and teaching code through src/app only (types excepted)', () => {
    expect(violations('ui', (i) => !i.typeOnly && inFolder(i.target, ['dicom', 'model', 'teaching']))).toEqual([]);
  });

  it('keeps every source file under 300 lines', () => {
    const all = [...filesUnder('src', /\.tsx?$/), ...filesUnder('scripts', /\.(ts|mjs|py)$/), ...filesUnder('e2e', /\.ts$/), ...filesUnder('models/recipe', /\.py$/)];
    const long = all.map((f) => [f, readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1] as const).filter(([, lines]) => lines > 300);
    expect(long).toEqual([]);
  });
});
