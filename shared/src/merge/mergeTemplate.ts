/**
 * The merge engine: turns the draft's subject and HTML body into one message per recipient row.
 *
 * The merge language is translated into Handlebars source and read by Handlebars' own parser
 * (syntax, block structure, whitespace control); templateProgram.ts runs the result without
 * generating code, so the pages need no 'unsafe-eval'. This module translates the user-facing
 * merge language and checks it against the recipient columns, so that every problem is reported,
 * with its position, before anything is sent:
 *
 *   {{First Name}}                  value of the column "First Name" (case and spacing tolerant)
 *   {{First Name | there}}          value, or "there" when the cell is empty
 *   {{#if Company}}…{{else}}…{{/if}}          the cell is not empty
 *   {{#if Country = "FR"}}…{{/if}}            the cell equals a value (also !=)
 *
 * Markup that Outlook's editor splits a field with (`{{<span>First</span> Name}}`) is ignored
 * inside the braces. Values are HTML-escaped in the body; in the subject they are plain text with
 * line breaks removed, so a value can neither inject markup nor add a header line. A link or
 * source attribute (`href`, `src`, …) that holds a field is checked once rendered: unless it is a
 * relative address or an http(s), mailto or tel one, it becomes "#", so merged values cannot
 * make a javascript:, data: or vbscript: link.
 */
import { escapeHtml } from '../html/escapeHtml.js';
import { compileProgram, type RenderProgram, type RowValues } from './templateProgram.js';
import { suggestColumn } from './fieldSuggestion.js';
import { htmlReaderText, plainReaderText, surroundings, type ReaderText } from './readerText.js';

export type TemplatePart = 'subject' | 'body';

/**
 * UNCLOSED_CONDITION: an `{{#if}}` without its `{{/if}}`; UNEXPECTED_ELSE: an `{{else}}` outside a
 * condition or a second one in it; UNEXPECTED_END: an `{{/if}}` without its `{{#if}}`;
 * SYNTAX_ERROR: what Handlebars refuses otherwise (a condition crossing a link's address).
 */
export type TemplateProblemCode =
  'UNKNOWN_FIELD' | 'UNSUPPORTED_TAG' | 'UNCLOSED_CONDITION' | 'UNEXPECTED_ELSE' | 'UNEXPECTED_END' | 'SYNTAX_ERROR';

export interface TemplateProblem {
  code: TemplateProblemCode;
  part: TemplatePart;
  /** The tag as written (markup removed), for the message shown to the user; empty where no tag is to blame. */
  tag: string;
  /**
   * The words around the tag as the reader of the message sees them (markup left out), so the
   * sender finds the place in the compose window: "…Dear " and ", we are glad…".
   */
  before: string;
  after: string;
  field?: string;
  /** For an unknown field: the column it most likely means ("did you mean"). */
  suggestion?: string;
}

export interface FieldUse {
  /** The name as the template writes it. */
  name: string;
  /** The column it reads. */
  column: string;
  hasFallback: boolean;
}

export interface MergeRow {
  [column: string]: string;
}

export interface RenderedMessage {
  subject: string;
  html: string;
}

export interface CompiledTemplate {
  fields: FieldUse[];
  render(row: MergeRow, options?: { footerHtml?: string | null }): RenderedMessage;
  /** Columns used without fallback whose cell is empty in this row (pre-flight M4). */
  emptyFields(row: MergeRow): string[];
}

export type CompileResult =
  | { ok: true; template: CompiledTemplate; problems: [] }
  | { ok: false; problems: TemplateProblem[]; fields: FieldUse[] };

/** Attributes whose value is an address a mail client or browser may open or load. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'background',
  'cite',
  'poster',
  'longdesc',
  'usemap',
  'codebase',
  'data',
  'dynsrc',
  'lowsrc',
  'ping',
  'xlink:href',
]);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
/** Named character references that can spell a scheme's separator or hide in one (the browser decodes them in attributes). */
const URL_ENTITIES: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  amp: '&',
  sol: '/',
  quest: '?',
  num: '#',
  period: '.',
  plus: '+',
  hyphen: '-',
  dash: '-',
};

function decodeCharacterReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = /^#x/i.test(ref) ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return URL_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Whether a rendered attribute value (HTML, as it stands in the message) is an address that is
 * safe to click: read as the browser reads it (character references decoded, tabs and newlines
 * removed, leading blanks and controls dropped), it has no scheme or one of http, https, mailto, tel.
 */
/** Drops what the URL parser strips from the front: C0 controls and space. */
function trimLeadingControls(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 0x20) start++;
  return text.slice(start);
}

export function isSafeLinkUrl(attributeHtml: string): boolean {
  const url = trimLeadingControls(decodeCharacterReferences(attributeHtml).replace(/[\t\n\r]/g, ''));
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) return SAFE_SCHEMES.has((scheme[1] ?? '').toLowerCase());
  // No scheme: a relative address, unless a colon comes before any path, query or fragment behind something undecodable.
  const colon = url.indexOf(':');
  const pathStart = url.search(/[/?#]/);
  return colon === -1 || (pathStart !== -1 && pathStart < colon) || !/[&\\]/.test(url.slice(0, colon));
}

/** The values of URL attributes that hold a field, as [start, end) offsets in `html`: each is checked once rendered. */
function urlAttributeValues(html: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  // Start tags, and in each its attributes with their value (double-, single- or unquoted).
  const tag = /<[a-zA-Z][^\s/>]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/dg;
  for (const match of html.matchAll(tag)) {
    const attributes = match[1] ?? '';
    const offset = (match.index ?? 0) + match[0].indexOf(attributes);
    for (const found of attributes.matchAll(attribute)) {
      const group = [2, 3, 4].find((g) => found[g] !== undefined);
      const span = group === undefined ? undefined : found.indices?.[group];
      if (
        !span ||
        !URL_ATTRIBUTES.has((found[1] ?? '').toLowerCase()) ||
        !(found[group as number] ?? '').includes('{{')
      )
        continue;
      ranges.push({ start: offset + span[0], end: offset + span[1] });
    }
  }
  return ranges;
}

/** How a condition compares a cell with a value: blanks around and case ignored. */
function normaliseValue(value: string): string {
  return value.trim().toLocaleLowerCase();
}

/** How field names are compared with column names: case, accents' composition and spacing ignored. */
export function fieldKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

const HTML_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  '#39': "'",
  '#160': ' ',
};

/** Removes formatting markup and entities that an HTML editor may have put inside a tag. */
function cleanTagContent(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/&(nbsp|amp|quot|apos|lt|gt|#39|#160);/g, (_, name: string) => HTML_ENTITIES[name] ?? '')
    .replace(/\u00a0|\u200b|\u200c|\u200d|\ufeff/g, (ch) => (ch === '\u00a0' ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Joins `{<b>{` and `}</b>}` that formatting split, without moving any other text. */
function joinSplitBraces(text: string): string {
  return text.replace(/\{((?:<[^>]*>)+)\{/g, '{{$1').replace(/\}((?:<[^>]*>)+)\}/g, '$1}}');
}

function handlebarsString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^"(.*)"$/.exec(trimmed) ?? /^'(.*)'$/.exec(trimmed) ?? /^“(.*)”$/.exec(trimmed);
  return quoted ? (quoted[1] ?? '') : trimmed;
}

/** A column name as a merge field: not a Handlebars sigil (partial, comment, block…), no braces, pipe, quotes or equals sign. */
const FIELD_NAME = /^(?![#/>!&^@~*])[^{}|="]+$/;

/** Whether a column can be named by a merge field (its name has no brace, pipe, quote or equals sign, and no leading sigil). */
export function isMergeFieldName(column: string): boolean {
  return column.trim() !== '' && FIELD_NAME.test(column.trim());
}

/**
 * The merge field that reads `column`, with a fallback for empty cells when one is given:
 * `{{First Name}}`, `{{First Name | there}}`. Null when the column cannot be named by a field or
 * the fallback would end the tag (braces).
 */
export function mergeFieldTag(column: string, fallback = ''): string | null {
  if (!isMergeFieldName(column) || /[{}]/.test(fallback)) return null;
  const name = column.trim();
  const value = fallback.trim();
  return value === '' ? `{{${name}}}` : `{{${name} | ${value}}}`;
}

interface Translation {
  source: string;
  problems: TemplateProblem[];
  fields: FieldUse[];
}

interface ColumnRef {
  column: string;
  /**
   * The column's id in the Handlebars source (`c<n>`), independent of what it is called: `v<id>`
   * reads the value ready for output in this part (HTML-escaped in the body, plain text in the
   * subject), `r<id>` the raw value for conditions and fallbacks.
   */
  id: string;
}

function translate(
  text: string,
  part: TemplatePart,
  columnsByKey: Map<string, ColumnRef>,
  columns: readonly string[],
): Translation {
  const problems: TemplateProblem[] = [];
  const fields: FieldUse[] = [];
  const joined = joinSplitBraces(text);
  // Where a problem is, in the words the sender sees: worked out once, and only when there is a problem.
  let reader: ReaderText | null = null;
  const problem = (
    code: TemplateProblemCode,
    start: number,
    end: number,
    tag: string,
    extra: Partial<TemplateProblem> = {},
  ) => {
    reader ??= part === 'body' ? htmlReaderText(joined) : plainReaderText(joined);
    problems.push({ code, part, tag, ...surroundings(reader, start, end), ...extra });
  };
  // Open conditions, innermost last, with whether their {{else}} was seen.
  const open: Array<{ start: number; end: number; tag: string; hasElse: boolean }> = [];

  const resolve = (name: string, start: number, end: number, tag: string, hasFallback: boolean): string | null => {
    const ref = columnsByKey.get(fieldKey(name));
    if (ref === undefined) {
      const suggestion = suggestColumn(name, columns.filter(isMergeFieldName));
      problem('UNKNOWN_FIELD', start, end, tag, suggestion === null ? { field: name } : { field: name, suggestion });
      return null;
    }
    fields.push({ name, column: ref.column, hasFallback });
    return ref.id;
  };

  const translateTags = (segment: string, base: number) =>
    segment.replace(
      /\{\{(\{?)([\s\S]*?)\}\}(\}?)/g,
      (whole, open3: string, rawInner: string, close3: string, at: number) => {
        const start = base + at;
        const end = start + whole.length;
        const inner = cleanTagContent(rawInner);
        const tag = `{{${inner}}}`;
        if (open3 || close3) {
          problem('UNSUPPORTED_TAG', start, end, whole);
          return '';
        }
        if (inner === 'else') {
          const condition = open[open.length - 1];
          if (!condition || condition.hasElse) {
            problem('UNEXPECTED_ELSE', start, end, tag);
            return '';
          }
          condition.hasElse = true;
          return '{{else}}';
        }
        if (inner === '/if') {
          if (!open.pop()) {
            problem('UNEXPECTED_END', start, end, tag);
            return '';
          }
          return '{{/if}}';
        }

        const condition = /^#if\s+(.+)$/.exec(inner);
        if (condition) {
          const comparison = /^(.+?)\s*(!=|=)\s*(.+)$/.exec(condition[1] ?? '');
          const name = (comparison ? (comparison[1] ?? '') : (condition[1] ?? '')).trim();
          // Opened even when refused, so that its {{else}} and {{/if}} still pair up.
          open.push({ start, end, tag, hasElse: false });
          if (!FIELD_NAME.test(name)) {
            problem('UNSUPPORTED_TAG', start, end, tag);
            return '{{#if false}}';
          }
          const column = resolve(name, start, end, tag, true);
          if (column === null) return '{{#if false}}';
          if (!comparison) return `{{#if r${column}}}`;
          const helper = comparison[2] === '=' ? 'om_eq' : 'om_ne';
          return `{{#if (${helper} r${column} ${handlebarsString(unquote(comparison[3] ?? ''))})}}`;
        }

        const withFallback = /^([^|]+)\|(.*)$/.exec(inner);
        const name = (withFallback ? withFallback[1] : inner)?.trim() ?? '';
        if (name === '' || !FIELD_NAME.test(name)) {
          problem('UNSUPPORTED_TAG', start, end, tag);
          return '';
        }
        const column = resolve(name, start, end, tag, withFallback !== null);
        if (column === null) return '';
        // Values are escaped once per row by rowContext, so Handlebars outputs them as they are; the
        // fallback helper's result goes through Handlebars' own escaping.
        return withFallback
          ? `{{om_fallback r${column} ${handlebarsString(unquote(withFallback[2] ?? ''))}}}`
          : `{{{v${column}}}}`;
      },
    );

  // A link or source attribute holding a field is rendered inside om_url, which checks the address it makes.
  let source = '';
  let cursor = 0;
  for (const range of part === 'body' ? urlAttributeValues(joined) : []) {
    source += translateTags(joined.slice(cursor, range.start), cursor);
    source += `{{#om_url}}${translateTags(joined.slice(range.start, range.end), range.start)}{{/om_url}}`;
    cursor = range.end;
  }
  source += translateTags(joined.slice(cursor), cursor);
  for (const condition of open) problem('UNCLOSED_CONDITION', condition.start, condition.end, condition.tag);
  return { source, problems, fields };
}

/** Subject values: no line breaks (header injection), no surrounding blanks. */
const LINE_BREAKS = /[\r\n\u2028\u2029\0]/;
export function plainTextValue(value: string): string {
  return LINE_BREAKS.test(value) ? value.replace(/[\r\n\u2028\u2029\0]+/g, ' ') : value;
}

/** The row's values for the template's columns, each made ready for output once (a column may appear many times). */
function rowValues(row: MergeRow, refs: readonly ColumnRef[], output: (value: string) => string): RowValues {
  const raw: string[] = new Array<string>(refs.length);
  const out: string[] = new Array<string>(refs.length);
  for (let i = 0; i < refs.length; i++) {
    // Own cells only: a column named like an Object.prototype member is an ordinary column.
    const value = Object.prototype.hasOwnProperty.call(row, refs[i]!.column) ? (row[refs[i]!.column] ?? '') : '';
    raw[i] = value;
    out[i] = output(value);
  }
  return { raw, out };
}

/** The merge language as Handlebars source, per part, with the columns the source names (`c<n>` ids). */
export function translateTemplate(input: { subject: string; bodyHtml: string }, columns: readonly string[]) {
  const columnsByKey = new Map<string, ColumnRef>();
  columns.forEach((column, index) => {
    if (!columnsByKey.has(fieldKey(column))) columnsByKey.set(fieldKey(column), { column, id: `c${index}` });
  });
  const subject = translate(input.subject, 'subject', columnsByKey, columns);
  const body = translate(input.bodyHtml, 'body', columnsByKey, columns);
  const fields = dedupeFields([...subject.fields, ...body.fields]);
  const usedColumns = new Set(fields.map((f) => f.column));
  const refs = [...columnsByKey.values()].filter((ref) => usedColumns.has(ref.column));
  return { subject, body, fields, refs };
}

const BLOCK_PROBLEMS: ReadonlySet<TemplateProblemCode> = new Set([
  'UNCLOSED_CONDITION',
  'UNEXPECTED_ELSE',
  'UNEXPECTED_END',
]);

/**
 * Compiles the campaign's subject and body against the recipient list's columns. Nothing can be
 * rendered until every problem is fixed.
 */
export function compileTemplate(
  input: { subject: string; bodyHtml: string },
  columns: readonly string[],
): CompileResult {
  const { subject, body, fields, refs } = translateTemplate(input, columns);
  const problems = [...subject.problems, ...body.problems];
  const slots = new Map(refs.map((ref, index) => [ref.id, index]));

  const compiled: Partial<Record<TemplatePart, RenderProgram>> = {};
  for (const [part, translation, escape] of [
    ['subject', subject, (text: string) => text],
    ['body', body, escapeHtml],
  ] as const) {
    // Conditions that do not pair up are reported at their tag already; Handlebars would only repeat them without a place.
    if (translation.problems.some((p) => BLOCK_PROBLEMS.has(p.code))) continue;
    try {
      compiled[part] = compileProgram(translation.source, {
        slotOf: (id) => slots.get(id),
        escape,
        isSafeUrl: isSafeLinkUrl,
        normalise: normaliseValue,
      });
    } catch {
      // Handlebars' parser found what the merge language's own checks did not: no place to point at but the part.
      problems.push({ code: 'SYNTAX_ERROR', part, tag: '', before: '', after: '' });
    }
  }
  if (problems.length > 0 || !compiled.subject || !compiled.body) return { ok: false, problems, fields };

  const subjectTemplate = compiled.subject;
  const bodyTemplate = compiled.body;
  return {
    ok: true,
    problems: [],
    template: {
      fields,
      render(row, options) {
        const renderedSubject = plainTextValue(subjectTemplate(rowValues(row, refs, plainTextValue))).trim();
        const html = bodyTemplate(rowValues(row, refs, escapeHtml));
        return { subject: renderedSubject, html: options?.footerHtml ? appendToBody(html, options.footerHtml) : html };
      },
      emptyFields(row) {
        return [
          ...new Set(fields.filter((f) => !f.hasFallback && (row[f.column] ?? '').trim() === '').map((f) => f.column)),
        ];
      },
    },
  };
}

function dedupeFields(fields: FieldUse[]): FieldUse[] {
  const byColumn = new Map<string, FieldUse>();
  for (const field of fields) {
    const existing = byColumn.get(field.column);
    // A column counts as "has a fallback" only if every use of it has one.
    byColumn.set(
      field.column,
      existing ? { ...existing, hasFallback: existing.hasFallback && field.hasFallback } : field,
    );
  }
  return [...byColumn.values()];
}

/** Puts a block of HTML at the end of the body: before `</body>` when there is one. */
export function appendToBody(html: string, block: string): string {
  const close = html.search(/<\/body\s*>/i);
  return close >= 0 ? `${html.slice(0, close)}${block}${html.slice(close)}` : `${html}${block}`;
}
