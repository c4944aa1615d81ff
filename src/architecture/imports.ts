// What a source file imports, read by the TypeScript parser itself (so that an import inside a
// comment or a string is not one), and where each relative import lands: the architecture test's
// way of reading the house from its imports. Python's imports are read from the text.
import { posix } from 'node:path';
import ts from 'typescript';

export interface Import {
  /** 'src/report/types' for a relative import (as written, not yet resolved to a file), the package name otherwise. */
  target: string;
  /** `import type`, `export type`, every named binding `type`, or a `typeof import('…')` type. */
  typeOnly: boolean;
}

const isTypeOnlyList = (elements: readonly { isTypeOnly: boolean }[]) => elements.length > 0 && elements.every((e) => e.isTypeOnly);

function importTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // import './side-effect'
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  return !clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && isTypeOnlyList(clause.namedBindings.elements);
}

function exportTypeOnly(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  return !!node.exportClause && ts.isNamedExports(node.exportClause) && isTypeOnlyList(node.exportClause.elements);
}

/** Static imports, `export … from`, dynamic `import()` calls and `import('…')` types of a file, in the order written. */
export function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const spec = specifier.text;
    found.push({ target: spec.startsWith('.') ? posix.join(posix.dirname(file), spec) : spec, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, importTypeOnly(node.importClause));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, exportTypeOnly(node));
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
  return found;
}

/** A relative import that names no source code: a stylesheet, a page, data, or a Vite query (`?raw`, `?url`, `?worker`). */
export const isAsset = (target: string) => target.includes('?') || /\.(css|html|json|svg|png|wasm|md|txt)$/.test(target);

/** The source file a relative import lands on (`x` → `x.ts`, `x.tsx`, `x/index.ts`, `x/index.tsx`), if one of them exists. */
export function sourceFileOf(target: string, exists: (file: string) => boolean): string | undefined {
  const candidates = /\.tsx?$/.test(target) ? [target] : ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((end) => target + end);
  return candidates.find(exists);
}

/**
 * The modules a Python file imports (`import a.b as c, d` → a.b, d; `from a import b` → a), at any indentation
 * (an import inside a function still ties the two files), docstrings and comments left out. Relative imports
 * (`from . import x`) are not read: the recipe has none, its folder is on sys.path.
 */
export function pythonImportsOf(text: string): string[] {
  const code = text.replace(/("""|''')[\s\S]*?\1/g, '').replace(/#.*$/gm, '');
  const modules: string[] = [];
  for (const [, names] of code.matchAll(/^[ \t]*import[ \t]+([^\n;]+)/gm)) {
    modules.push(...names.split(',').map((name) => name.trim().split(/\s+/)[0]));
  }
  for (const [, name] of code.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import\b/gm)) modules.push(name);
  return modules.filter((name) => /^\w[\w.]*$/.test(name));
}

/** The file a Python module name lands on inside a folder on sys.path (`a.b` → `folder/a/b.py` or `folder/a/b/__init__.py`). */
export function pythonFileOf(folder: string, module: string, exists: (file: string) => boolean): string | undefined {
  const base = posix.join(folder, ...module.split('.'));
  return [`${base}.py`, `${base}/__init__.py`].find(exists);
}
