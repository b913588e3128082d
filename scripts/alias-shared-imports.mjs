/**
 * Rewrites every relative import of `shared/src/…` in server/, addin/, tests/, bench/ and scripts/ to the
 * `#shared/…` alias (Node subpath imports, package.json "imports"; see ARCHITECTURE.md, *Decisions*):
 *
 *   import { en } from '../../../shared/src/i18n/en.js';   →   import { en } from '#shared/i18n/en.js';
 *
 * Usage: `node scripts/alias-shared-imports.mjs [--check]` from anywhere in the checkout. It prints each file
 * it changes; `--check` changes nothing and exits 1 if a file would change (what is left after a merge).
 * Idempotent: an aliased import is not relative, so a second run finds nothing to do.
 *
 * Module specifiers are found with TypeScript's own parser (the compiler the project already uses), not a
 * regular expression: static imports and re-exports, `import type`, side-effect imports, `import()` (also with
 * a webpackChunkName comment) and `typeof import()` types — never a path string given to `fs` or `path`.
 * A specifier is rewritten only when it resolves, from the importing file, inside shared/src/; shared/
 * itself keeps its relative imports (they stay within the one folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedSource = path.join(root, 'shared', 'src');
const FOLDERS = ['server', 'addin', 'tests', 'bench', 'scripts'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'build', '.git']);
const EXTENSIONS = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const ALIAS = '#shared/';

function* sourceFiles(directory) {
  if (!fs.existsSync(directory)) return;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* sourceFiles(full);
    } else if (entry.isFile() && EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** The string literals that name a module: what `import`, `export … from`, `import()` and `import('…')` types load. */
function moduleSpecifiers(file, text) {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      found.push(node.arguments[0]);
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      found.push(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((literal) => ({ start: literal.getStart(source), end: literal.getEnd(), specifier: literal.text }));
}

/** The alias for a relative specifier that reaches into shared/src, or undefined to leave it. */
function aliased(file, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const target = path.resolve(path.dirname(file), specifier);
  const inside = path.relative(sharedSource, target);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  return ALIAS + inside.split(path.sep).join('/');
}

function rewrite(file) {
  const text = fs.readFileSync(file, 'utf8');
  const edits = moduleSpecifiers(file, text)
    .map((found) => ({ ...found, replacement: aliased(file, found.specifier) }))
    .filter((edit) => edit.replacement !== undefined)
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) {
    const quote = text[edit.start];
    result = result.slice(0, edit.start) + quote + edit.replacement + quote + result.slice(edit.end);
  }
  return { changed: edits.length, result, text };
}

const check = process.argv.includes('--check');
let files = 0;
let imports = 0;
for (const folder of FOLDERS) {
  for (const file of sourceFiles(path.join(root, folder))) {
    const { changed, result } = rewrite(file);
    if (changed === 0) continue;
    files += 1;
    imports += changed;
    console.log(`${check ? 'would rewrite' : 'rewrote'} ${changed} import(s) in ${path.relative(root, file)}`);
    if (!check) fs.writeFileSync(file, result);
  }
}
console.log(
  files === 0
    ? 'No relative imports of shared/src left.'
    : `${check ? 'Would rewrite' : 'Rewrote'} ${imports} import(s) in ${files} file(s).`,
);
if (check && files > 0) process.exitCode = 1;
