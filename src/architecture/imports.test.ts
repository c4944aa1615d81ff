import { describe, expect, it } from 'vitest';
import { importsOf, isAsset, pythonFileOf, pythonImportsOf, sourceFileOf } from './imports';

describe('the import reader of the architecture test', () => {
  it('reads imports, re-exports, dynamic imports and import types, and tells type-only ones', () => {
    const text = [
      "import type { A } from '../model/engine';",
      "import { type B, type C } from './types';",
      "import D, { type E } from './mixed';",
      "export { f } from '@cornerstonejs/core';",
      "export type { G } from '../store/appStore';",
      "export * from './all';",
      "type H = typeof import('../viewer/ViewerController');",
      "const i = await import('../ui/App');",
      "import './index.css';",
      "// import { x } from './commented';",
      'const s = "import { y } from \'./quoted\'";',
    ].join('\n');
    expect(importsOf('src/report/r.ts', text)).toEqual([
      { target: 'src/model/engine', typeOnly: true },
      { target: 'src/report/types', typeOnly: true },
      { target: 'src/report/mixed', typeOnly: false },
      { target: '@cornerstonejs/core', typeOnly: false },
      { target: 'src/store/appStore', typeOnly: true },
      { target: 'src/report/all', typeOnly: false },
      { target: 'src/viewer/ViewerController', typeOnly: true },
      { target: 'src/ui/App', typeOnly: false },
      { target: 'src/report/index.css', typeOnly: false },
    ]);
  });

  it('lands a relative import on its source file, and tells assets apart', () => {
    const files = new Set(['src/a.ts', 'src/b.tsx', 'src/c/index.ts']);
    const exists = (file: string) => files.has(file);
    expect(['src/a', 'src/b', 'src/c', 'src/a.ts', 'src/d'].map((target) => sourceFileOf(target, exists))).toEqual([
      'src/a.ts',
      'src/b.tsx',
      'src/c/index.ts',
      'src/a.ts',
      undefined,
    ]);
    expect(['src/index.css', 'src/t/x.html?raw', 'onnxruntime-web/x.wasm?url', 'src/a'].map(isAsset)).toEqual([true, true, true, false]);
  });

  it("reads a Python file's imports, leaving docstrings and comments out", () => {
    const text = [
      '"""A recipe module.',
      'from the docstring import nothing',
      '"""',
      'import json, os.path as p',
      'from model import Config  # noqa',
      'def f():',
      '    from train import (init_from,',
      '                       steps)',
      '# import commented',
    ].join('\n');
    expect(pythonImportsOf(text)).toEqual(['json', 'os.path', 'model', 'train']);
    const exists = (file: string) => file === 'models/recipe/model.py';
    expect(pythonFileOf('models/recipe', 'model', exists)).toBe('models/recipe/model.py');
    expect(pythonFileOf('models/recipe', 'json', exists)).toBeUndefined();
  });
});
