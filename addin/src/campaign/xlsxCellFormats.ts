/**
 * Which number format each cell of an .xlsx workbook has (M2), to show cells as Excel shows them
 * (excelNumberFormat.ts). read-excel-file gives the values but keeps the styles to itself, so this
 * reads the parts of the package that hold them (ECMA-376 Part 1: the workbook's sheets and date
 * system, the relationships to the sheet parts, styles.xml's `numFmts` and `cellXfs`, and each
 * cell's style index `s`), with fflate for the zip (a dependency already).
 *
 * The XML is read by its start tags only: in well-formed XML a "<" in text or an attribute is
 * always escaped, so every "<c " is a cell and every "<row " a row, whatever namespace prefix the
 * writer used. A full XML parser over a sheet of 100,000 rows would double the reading time the
 * values already take, for attributes this scan finds.
 */
import { strFromU8, unzipSync } from 'fflate';
import { formatCodeOf } from './excelNumberFormat.js';

export interface SheetFormats {
  /** The format code of the cell at (row, column), 0-based as read-excel-file's grid; undefined for General. */
  at(row: number, column: number): string | undefined;
}

export interface WorkbookFormats {
  /** The 1904 date system (workbookPr date1904), where serial 0 is 1 January 1904. */
  date1904: boolean;
  sheets: Map<string, SheetFormats>;
}

const NO_FORMATS: SheetFormats = { at: () => undefined };

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/gi, (_, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });
}

/** The attributes of a start tag, by local name (a prefix such as r:id is kept as written). */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    found.set(match[1]!, decodeAttribute(match[2] ?? match[3] ?? ''));
  return found;
}

/** Start tags (or empty-element tags) with the local name `name`, whatever their prefix. */
function* startTags(xml: string, name: string): Generator<{ attributes: Map<string, string>; index: number }> {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])[^>]*>`, 'g');
  for (const match of xml.matchAll(pattern)) yield { attributes: attributes(match[0]), index: match.index ?? 0 };
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

/** Relationship id → part path, from the relationships part of `part`. */
function relationships(files: Record<string, Uint8Array>, part: string): Map<string, string> {
  const slash = part.lastIndexOf('/');
  const rels = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const found = new Map<string, string>();
  const xml = files[rels];
  if (!xml) return found;
  for (const { attributes: a } of startTags(strFromU8(xml), 'Relationship')) {
    const id = a.get('Id');
    const target = a.get('Target');
    if (id && target && a.get('TargetMode') !== 'External') found.set(id, resolvePart(part, target));
  }
  return found;
}

/** Column letters (A, Z, AA…) as a 0-based index. */
function columnIndex(letters: string): number {
  let index = 0;
  for (const ch of letters.toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

/** Excel's largest column count, to key a cell by one number. */
const COLUMNS = 16_384;

function sheetFormats(xml: string, codeOfStyle: readonly (string | undefined)[]): SheetFormats {
  const cells = new Map<number, string>();
  // Rows and cells in document order; a row or cell without its reference follows the one before.
  const tags = /<(?:[\w.-]+:)?(row|c)(?=[\s/>])[^>]*>/g;
  let row = -1;
  let column = -1;
  for (const match of xml.matchAll(tags)) {
    const a = attributes(match[0]);
    if (match[1] === 'row') {
      const r = Number(a.get('r'));
      row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
      column = -1;
      continue;
    }
    const reference = /^([A-Z]+)(\d+)$/i.exec(a.get('r') ?? '');
    if (reference) {
      column = columnIndex(reference[1]!);
      row = Number(reference[2]) - 1;
    } else column++;
    const style = Number(a.get('s') ?? '0');
    const code = Number.isInteger(style) ? codeOfStyle[style] : undefined;
    if (code !== undefined) cells.set(row * COLUMNS + column, code);
  }
  return cells.size === 0 ? NO_FORMATS : { at: (r, c) => cells.get(r * COLUMNS + c) };
}

/** Each cell style's format code (undefined for General), from styles.xml's numFmts and cellXfs. */
function styleCodes(xml: string | null): Array<string | undefined> {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const { attributes: a } of startTags(xml, 'numFmt')) {
    const id = Number(a.get('numFmtId'));
    const code = a.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const section = /<(?:[\w.-]+:)?cellXfs[\s>][\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[0] ?? '';
  const codes: Array<string | undefined> = [];
  for (const { attributes: a } of startTags(section, 'xf')) {
    const id = Number(a.get('numFmtId') ?? '0');
    const code = Number.isInteger(id) && id !== 0 ? formatCodeOf(id, custom) : undefined;
    codes.push(code === 'General' ? undefined : code);
  }
  return codes;
}

/** The number formats of every sheet of an .xlsx file, by sheet name; a part that is missing leaves its cells General. */
export function readWorkbookFormats(bytes: ArrayBuffer | Uint8Array): WorkbookFormats {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  // Only the XML parts: pictures and embedded files stay compressed.
  const files = unzipSync(data, { filter: (file) => /\.(xml|rels)$/i.test(file.name) });
  const read = (part: string) => (files[part] ? strFromU8(files[part]) : null);
  const workbookPart =
    [...relationships(files, '').entries()]
      .map(([, target]) => target)
      .find((target) => /workbook[^/]*\.xml$/i.test(target)) ?? 'xl/workbook.xml';
  const workbook = read(workbookPart) ?? '';
  const workbookRels = relationships(files, workbookPart);
  const stylesPart = [...workbookRels.values()].find((target) => /styles\.xml$/i.test(target)) ?? 'xl/styles.xml';
  const codes = styleCodes(read(stylesPart));
  const properties = startTags(workbook, 'workbookPr').next().value?.attributes;
  const date1904 = properties !== undefined && /^(1|true)$/i.test(properties.get('date1904') ?? '');
  const sheets = new Map<string, SheetFormats>();
  for (const { attributes: a } of startTags(workbook, 'sheet')) {
    const name = a.get('name');
    const id = [...a.entries()].find(([key]) => /(^|:)id$/.test(key) && key !== 'sheetId')?.[1];
    const part = id ? workbookRels.get(id) : undefined;
    const xml = part ? read(part) : null;
    if (name !== undefined) sheets.set(name, xml ? sheetFormats(xml, codes) : NO_FORMATS);
  }
  return { date1904, sheets };
}
