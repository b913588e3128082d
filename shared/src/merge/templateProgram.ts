/**
 * Runs the Handlebars source a merge template translates to (mergeTemplate.ts) without generating
 * code. Handlebars' own parser reads it (its grammar, then its whitespace control, exactly as
 * `Handlebars.compile` would), and this module evaluates the syntax tree's few node kinds that the
 * translation produces, with Handlebars' meaning:
 *
 *   text                                   as it stands
 *   {{{v<n>}}}                             column n's value, ready for output (escaped once per row)
 *   {{om_fallback r<n> "text"}}            the value, or the text when the cell is blank; escaped
 *   {{#if r<n>}} {{#if (om_eq r<n> "x")}} {{#if (om_ne …)}} {{#if false}} … {{else}} … {{/if}}
 *   {{#om_url}}…{{/om_url}}                the rendered address, or "#" when it is not a safe link
 *
 * Anything else in the tree is refused. Why not `Handlebars.compile`: it turns generated source
 * into a function (`new Function`), which the pages' Content Security Policy would have to allow
 * ('unsafe-eval'), and templates are the user's, written at run time, so they cannot be
 * precompiled at build time (`handlebars/runtime` runs only precompiled ones). Static text is
 * joined at compile time, so a render is a loop over text and values, as fast as compiled
 * Handlebars (bench/merge.ts).
 */
import { parse } from 'handlebars/dist/cjs/handlebars/compiler/base.js';

/** A row's values for the columns the template uses, by slot: `raw` for conditions and fallbacks, `out` ready for output. */
export interface RowValues {
  raw: readonly string[];
  out: readonly string[];
}

export type RenderProgram = (row: RowValues) => string;

export interface ProgramOptions {
  /** The slot a column id (`c<n>`, as the translation names columns) reads, or undefined. */
  slotOf: (columnId: string) => number | undefined;
  /** Applied to what an escaped mustache (`{{…}}`) outputs: HTML escaping in the body, nothing in the subject. */
  escape: (text: string) => string;
  /** Whether a rendered link or source address may stay. */
  isSafeUrl: (renderedHtml: string) => boolean;
  /** How conditions compare a cell with a value. */
  normalise: (value: string) => string;
}

/** The source holds something the merge language never translates to: a bug to report, not a template to run. */
export class UnsupportedNode extends Error {
  constructor(
    readonly line: number,
    what: string,
  ) {
    super(`Unsupported in a merge template: ${what} (line ${line}).`);
    this.name = 'UnsupportedNode';
  }
}

interface AstNode {
  type: string;
  loc?: { start?: { line?: number } };
}

function line(node: AstNode): number {
  return node.loc?.start?.line ?? 1;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

/** Parses with Handlebars (its syntax errors are thrown as they are) and builds the renderer. */
export function compileProgram(source: string, options: ProgramOptions): RenderProgram {
  return program(parse(source), options);
}

function program(node: unknown, options: ProgramOptions): RenderProgram {
  if (node === null || node === undefined) return () => '';
  if (!isNode(node) || node.type !== 'Program' || !Array.isArray((node as { body?: unknown }).body))
    throw new UnsupportedNode(isNode(node) ? line(node) : 1, 'a program without statements');
  const parts: Array<string | RenderProgram> = [];
  for (const statement of (node as unknown as { body: unknown[] }).body) {
    const part = statementOf(statement, options);
    const last = parts.length - 1;
    // Adjacent text is joined once, here, rather than on every row.
    if (typeof part === 'string' && typeof parts[last] === 'string') parts[last] += part;
    else if (part !== '') parts.push(part);
  }
  return concat(parts);
}

function concat(parts: ReadonlyArray<string | RenderProgram>): RenderProgram {
  if (parts.length === 0) return () => '';
  if (parts.length === 1) {
    const only = parts[0]!;
    return typeof only === 'string' ? () => only : only;
  }
  return (row) => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : part(row);
    return out;
  };
}

function statementOf(node: unknown, options: ProgramOptions): string | RenderProgram {
  if (!isNode(node)) throw new UnsupportedNode(1, 'an unreadable statement');
  const statement = node as AstNode & {
    value?: unknown;
    path?: unknown;
    params?: unknown[];
    hash?: unknown;
    escaped?: unknown;
    program?: unknown;
    inverse?: unknown;
  };
  switch (statement.type) {
    case 'ContentStatement':
      if (typeof statement.value !== 'string') throw new UnsupportedNode(line(statement), 'text without a value');
      return statement.value;
    case 'MustacheStatement':
      return mustache(statement, options);
    case 'BlockStatement':
      return block(statement, options);
    default:
      throw new UnsupportedNode(line(statement), statement.type);
  }
}

function pathName(node: unknown): string | null {
  if (!isNode(node) || node.type !== 'PathExpression') return null;
  const path = node as AstNode & { original?: unknown; parts?: unknown; depth?: unknown; data?: unknown };
  // A plain one-part name: no `this.`, `../`, `@data` or `a.b`.
  if (
    path.data === true ||
    path.depth !== 0 ||
    !Array.isArray(path.parts) ||
    path.parts.length !== 1 ||
    typeof path.original !== 'string' ||
    path.original !== path.parts[0]
  )
    return null;
  return path.original;
}

function stringLiteral(node: unknown): string | null {
  return isNode(node) && node.type === 'StringLiteral' && typeof (node as { value?: unknown }).value === 'string'
    ? (node as unknown as { value: string }).value
    : null;
}

/** `r<n>` or `v<n>` → the slot of column `c<n>`. */
function slot(node: unknown, prefix: 'r' | 'v', options: ProgramOptions): number | null {
  const name = pathName(node);
  if (name === null || name[0] !== prefix) return null;
  return options.slotOf(name.slice(1)) ?? null;
}

function noHash(node: { hash?: unknown }): boolean {
  const hash = node.hash as { pairs?: unknown[] } | undefined | null;
  return !hash || !Array.isArray(hash.pairs) || hash.pairs.length === 0;
}

function mustache(
  node: AstNode & { path?: unknown; params?: unknown[]; escaped?: unknown; hash?: unknown },
  options: ProgramOptions,
): RenderProgram {
  const params = node.params ?? [];
  const escaped = node.escaped !== false;
  const output = escaped ? options.escape : (text: string) => text;
  if (!noHash(node)) throw new UnsupportedNode(line(node), 'a hash argument');
  if (params.length === 0) {
    const at = slot(node.path, 'v', options);
    if (at === null) throw new UnsupportedNode(line(node), 'an unknown value');
    return escaped ? (row) => options.escape(row.out[at] ?? '') : (row) => row.out[at] ?? '';
  }
  if (pathName(node.path) === 'om_fallback' && params.length === 2) {
    const at = slot(params[0], 'r', options);
    const fallback = stringLiteral(params[1]);
    if (at === null || fallback === null) throw new UnsupportedNode(line(node), 'a fallback without a column or text');
    return (row) => {
      const value = row.raw[at] ?? '';
      return output(value.trim() !== '' ? value : fallback);
    };
  }
  throw new UnsupportedNode(line(node), 'an unknown helper');
}

function condition(node: unknown, options: ProgramOptions): (row: RowValues) => boolean {
  if (isNode(node) && node.type === 'BooleanLiteral') {
    const value = (node as { value?: unknown }).value === true;
    return () => value;
  }
  const at = slot(node, 'r', options);
  // Handlebars' `if`: an empty string is false, any other string true.
  if (at !== null) return (row) => (row.raw[at] ?? '') !== '';
  if (isNode(node) && node.type === 'SubExpression') {
    const call = node as AstNode & { path?: unknown; params?: unknown[]; hash?: unknown };
    const helper = pathName(call.path);
    const column = slot(call.params?.[0], 'r', options);
    const expected = stringLiteral(call.params?.[1]);
    if (
      (helper === 'om_eq' || helper === 'om_ne') &&
      call.params?.length === 2 &&
      column !== null &&
      expected !== null &&
      noHash(call)
    ) {
      const wanted = options.normalise(expected);
      return helper === 'om_eq'
        ? (row) => options.normalise(row.raw[column] ?? '') === wanted
        : (row) => options.normalise(row.raw[column] ?? '') !== wanted;
    }
  }
  throw new UnsupportedNode(isNode(node) ? line(node) : 1, 'an unknown condition');
}

function block(
  node: AstNode & { path?: unknown; params?: unknown[]; hash?: unknown; program?: unknown; inverse?: unknown },
  options: ProgramOptions,
): RenderProgram {
  const helper = pathName(node.path);
  const params = node.params ?? [];
  if (!noHash(node)) throw new UnsupportedNode(line(node), 'a hash argument');
  if (helper === 'if' && params.length === 1) {
    const test = condition(params[0], options);
    const then = program(node.program, options);
    const otherwise = program(node.inverse, options);
    return (row) => (test(row) ? then(row) : otherwise(row));
  }
  if (helper === 'om_url' && params.length === 0 && (node.inverse === null || node.inverse === undefined)) {
    const address = program(node.program, options);
    return (row) => {
      const rendered = address(row);
      return options.isSafeUrl(rendered) ? rendered : '#';
    };
  }
  throw new UnsupportedNode(line(node), 'an unknown block');
}
