// The house as the README's architecture section and issue 41 describe it, read from the imports: no
// import circle in src or in the model recipe; folders on floors, each importing only from the floors
// below it; the report domain and the DICOM folder standing alone; Cornerstone kept to the viewer; React
// components reaching the domain through src/app (types excepted); fixtures under __fixtures__; and no
// source file over 300 lines or a line over 140 characters.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, describeCircle, type Graph } from './architecture/graph';
import { importsOf, isAsset, pythonFileOf, pythonImportsOf, sourceFileOf, type Import } from './architecture/imports';

const ROOT = resolve(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const exists = (file: string) => existsSync(join(ROOT, file)) && statSync(join(ROOT, file)).isFile();

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

// The app's sources: not tests, not declaration files, not this test's own tools in src/architecture.
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const sources = filesUnder('src', /\.tsx?$/).filter((f) => !isTest(f) && !f.endsWith('.d.ts') && !f.startsWith('src/architecture/'));
const importsByFile = new Map(sources.map((f) => [f, importsOf(f, read(f))]));
const inFolder = (target: string, folders: string[]) =>
  folders.some((folder) => target === `src/${folder}` || target.startsWith(`src/${folder}/`));

function violations(fromFolder: string, forbidden: (i: Import) => boolean): string[] {
  return [...importsByFile]
    .filter(([file]) => file.startsWith(`src/${fromFolder}/`))
    .flatMap(([file, imports]) => imports.filter(forbidden).map((i) => `${file} -> ${i.target}`));
}

/** Each source's imports of other sources, type-only ones included, resolved to files. */
const edges = new Map(
  [...importsByFile].map(([file, imports]) => [
    file,
    imports.flatMap((i) => {
      const to = i.target.startsWith('src/') && !isAsset(i.target) ? sourceFileOf(i.target, exists) : undefined;
      return to ? [{ to, typeOnly: i.typeOnly }] : [];
    }),
  ]),
);
const srcGraph: Graph = new Map([...edges].map(([file, to]) => [file, to.map((e) => e.to)]));

// The model recipe runs with its folder on sys.path (as its tests do): `from model import Config` is models/recipe/model.py.
const RECIPE = 'models/recipe';
const recipeSources = filesUnder(RECIPE, /\.py$/).filter((f) => !f.startsWith(`${RECIPE}/tests/`));
const recipeGraph: Graph = new Map(
  recipeSources.map((f) => [f, pythonImportsOf(read(f)).flatMap((m) => pythonFileOf(RECIPE, m, exists) ?? [])]),
);

// Floors, bottom to top: the folders under src/ on each (the house plan of issue 41). A folder imports from
// the floors below it, and from another folder of its own floor only in a direction listed in SAME_FLOOR.
const FLOOR_TABLE = [
  ['util', 'findings', 'privacy'],
  ['imaging'],
  ['dicom', 'report', 'dictation', 'teaching'],
  ['model', 'viewer'],
  ['store'],
  ['app'],
  ['ui'],
  ['main.tsx'],
];
const FLOORS: Record<string, number> = Object.fromEntries(FLOOR_TABLE.flatMap((folders, floor) => folders.map((f) => [f, floor])));
/** 'from -> to' between two folders of one floor, and why it may go that way. None is needed today. */
const SAME_FLOOR: Record<string, string> = {};
/** 'report' for src/report/…, 'main.tsx' for src/main.tsx. */
const folderOf = (file: string) => file.split('/')[1];

describe('architecture', () => {
  it('reads the imports it checks (the checker itself)', () => {
    const sample =
      "import type { A } from '../model/engine';\nimport { b } from './x';\nexport { c } from '@cornerstonejs/core';\n" +
      "const d = await import('../ui/App');\nimport './index.css';";
    expect(importsOf('src/report/r.ts', sample)).toEqual([
      { target: 'src/model/engine', typeOnly: true },
      { target: 'src/report/x', typeOnly: false },
      { target: '@cornerstonejs/core', typeOnly: false },
      { target: 'src/ui/App', typeOnly: false },
      { target: 'src/report/index.css', typeOnly: false },
    ]);
    expect(importsByFile.get('src/ui/App.tsx')?.length).toBeGreaterThan(3);
    expect(recipeGraph.get(`${RECIPE}/train.py`)).toContain(`${RECIPE}/model.py`);
  });

  it('lands every relative import on a source file (or an asset: a stylesheet, a page, a ?raw text)', () => {
    const lost = [...importsByFile].flatMap(([file, imports]) =>
      imports
        .filter((i) => i.target.startsWith('src/') && !isAsset(i.target) && !sourceFileOf(i.target, exists))
        .map((i) => `${file} -> ${i.target}`),
    );
    expect(lost).toEqual([]);
  });

  it('has no import circle in src (type-only imports included)', () => {
    expect(circles(srcGraph).map((circle) => describeCircle(srcGraph, circle))).toEqual([]);
  });

  it('has no import circle in the model recipe', () => {
    expect(circles(recipeGraph).map((circle) => describeCircle(recipeGraph, circle))).toEqual([]);
  });

  it('puts every folder of src on a floor', () => {
    expect([...new Set(sources.map(folderOf))].filter((folder) => !(folder in FLOORS))).toEqual([]);
  });

  it('imports only from a lower floor, or within a folder, or along a listed same-floor direction', () => {
    const upward = [...edges].flatMap(([file, to]) =>
      to.flatMap(({ to: target }) => {
        const [from, into] = [folderOf(file), folderOf(target)];
        const [a, b] = [FLOORS[from], FLOORS[into]];
        if (from === into || b < a || (a === b && `${from} -> ${into}` in SAME_FLOOR)) return [];
        return [`${file} -> ${target} (floor ${a} -> ${b})`];
      }),
    );
    expect(upward).toEqual([]);
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

  it('keeps Cornerstone, its types included, out of src/store: from src/viewer only types of modules free of it', () => {
    const isCornerstone = (i: Import) => i.target.startsWith('@cornerstonejs/');
    // The sources that import Cornerstone, directly or through other sources.
    const cornerstone = new Set(sources.filter((f) => importsByFile.get(f)!.some(isCornerstone)));
    for (let grew = true; grew;) {
      grew = false;
      for (const [file, to] of edges) {
        if (cornerstone.has(file) || !to.some((e) => cornerstone.has(e.to))) continue;
        cornerstone.add(file);
        grew = true;
      }
    }
    expect(violations('store', isCornerstone)).toEqual([]);
    const storeToViewer = [...edges]
      .filter(([file]) => file.startsWith('src/store/'))
      .flatMap(([file, to]) => to.filter((e) => e.to.startsWith('src/viewer/')).map((e) => ({ file, ...e })));
    const notFree = storeToViewer.filter((e) => !e.typeOnly || cornerstone.has(e.to)).map((e) => `${e.file} -> ${e.to}`);
    expect(notFree).toEqual([]);
  });

  it('lets React components reach the DICOM, model and teaching code through src/app only (types excepted)', () => {
    expect(violations('ui', (i) => !i.typeOnly && inFolder(i.target, ['dicom', 'model', 'teaching']))).toEqual([]);
  });

  it('keeps test fixtures under a __fixtures__ folder, not among the sources', () => {
    const all = ['src', 'scripts', 'e2e', 'models'].flatMap((dir) => filesUnder(dir, /\.tsx?$/));
    const strays = all.filter((f) => /^test.*\.tsx?$/.test(f.split('/').pop()!) && !isTest(f) && !f.split('/').includes('__fixtures__'));
    expect(strays).toEqual([]);
  });

  const checked = [
    ...filesUnder('src', /\.tsx?$/),
    ...filesUnder('scripts', /\.(ts|mjs|py)$/),
    ...filesUnder('e2e', /\.ts$/),
    ...filesUnder(RECIPE, /\.py$/),
  ];

  it('keeps every source file under 300 lines', () => {
    const long = checked.map((f) => [f, read(f).split('\n').length - 1] as const).filter(([, lines]) => lines > 300);
    expect(long).toEqual([]);
  });

  it('keeps every line within 140 characters', () => {
    const long = checked.flatMap((f) =>
      read(f)
        .split('\n')
        .flatMap((line, i) => ([...line].length > 140 ? [`${f}:${i + 1} (${[...line].length} chars)`] : [])),
    );
    expect(long).toEqual([]);
  });
});
