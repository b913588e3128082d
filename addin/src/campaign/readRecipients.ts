/**
 * Reads a recipient list (M2). CSV with papaparse: delimiter sniffed, header row, empty lines
 * skipped, quoted newlines kept; bytes decoded as UTF-8 (BOM or not) with a Windows-1252 fallback,
 * which is what Excel's "CSV" (not "CSV UTF-8") writes on Western European Windows. Excel .xlsx
 * with read-excel-file (loaded only when a workbook is chosen), one sheet at a time, each number
 * and date as its cell shows it (its number format, excelNumberFormat.ts).
 */
import Papa from 'papaparse';
import { isValidEmail } from '#shared/email/normalizeEmail.js';
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import { formatCellValue, GENERAL, SHORT_DATE } from './excelNumberFormat.js';
import { readWorkbookFormats, type WorkbookFormats } from './xlsxCellFormats.js';

export interface RecipientList {
  fileName: string;
  columns: string[];
  rows: MergeRow[];
  /** The column that most looks like the recipients' addresses. */
  emailColumn: string;
}

export type RecipientListProblem =
  | { code: 'NOT_CSV'; fileName: string }
  | { code: 'EMPTY_SHEET'; fileName: string; sheet: string }
  | { code: 'CONTACTS_FAILED'; fileName: string; message: string }
  | { code: 'PARSE_ERROR'; fileName: string; message: string }
  | { code: 'NO_ROWS'; fileName: string }
  | { code: 'NO_EMAIL_COLUMN'; fileName: string }
  /** The column meant for addresses holds mostly something else: how many of its filled cells are not addresses, and one of them. */
  | {
      code: 'MOSTLY_INVALID_ADDRESSES';
      fileName: string;
      column: string;
      invalid: number;
      total: number;
      example: string;
    };

export class RecipientListError extends Error {
  constructor(readonly problem: RecipientListProblem) {
    super(problem.code);
    this.name = 'RecipientListError';
  }
}

/** Windows-1252 characters at 0x80–0x9F (€, ‚, ƒ, „, …, curly quotes, Š, Œ, Ž, ™…), where Latin-1 has control codes. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Some runtimes (Node 20) decode 'windows-1252' as Latin-1; map the range where the two differ.
    return new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
  }
}

/**
 * Column names from a header row: trimmed; a repeated name gets a suffix as papaparse would give
 * it ("Email", "Email_1"); a blank one is named by `blank` (or its cells are left out when it gives null).
 */
function columnsOf(
  header: readonly string[],
  blank: (index: number) => string | null,
): Array<{ name: string; index: number }> {
  const taken = new Set<string>();
  const columns: Array<{ name: string; index: number }> = [];
  header.forEach((raw, index) => {
    const base = raw.trim() || blank(index);
    if (base === null) return;
    let name = base;
    for (let n = 1; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    columns.push({ name, index });
  });
  return columns;
}

/**
 * One row as a record of its columns. Column names come from the file: every column gets an own
 * property (short rows: empty cells, surplus cells left out), so a column called "constructor" or
 * "toString" shadows what the object would inherit, and "__proto__" is defined as a property rather
 * than assigned (assigning would try to set the prototype). A plain object, not a prototype-less one:
 * V8 keeps prototype-less objects as dictionaries, and 100,000 of them cost the pane half as much
 * again to copy from the worker (structured clone) and to read.
 */
function rowOf(columns: ReadonlyArray<{ name: string; index: number }>, cells: readonly unknown[]): MergeRow {
  const row: MergeRow = {};
  for (const { name, index } of columns) {
    const cell = cells[index];
    const value = typeof cell === 'string' ? cell : '';
    if (name === '__proto__')
      Object.defineProperty(row, name, { value, enumerable: true, writable: true, configurable: true });
    else row[name] = value;
  }
  return row;
}

/** Reads CSV text; with `onProgress`, in chunks that report the share of the text read so far. */
export function parseRecipientCsv(fileName: string, text: string, onProgress?: (share: number) => void): RecipientList {
  const source = text.replace(/^\ufeff/, '');
  // Rows as arrays: the records are built below without a prototype (papaparse's header mode builds plain objects).
  const config = { header: false, skipEmptyLines: 'greedy' as const };
  let parsed: Papa.ParseResult<string[]>;
  if (onProgress) {
    const data: string[][] = [];
    const errors: Papa.ParseError[] = [];
    let meta: Papa.ParseMeta | null = null;
    const chunked = {
      ...config,
      chunkSize: 512 * 1024,
      chunk: (result: Papa.ParseResult<string[]>) => {
        for (const row of result.data) data.push(row);
        errors.push(...result.errors);
        meta ??= result.meta;
        onProgress(Math.min(1, result.meta.cursor / Math.max(1, source.length)));
      },
    };
    // papaparse streams strings in chunks (its StringStreamer); @types/papaparse only types chunk for files.
    Papa.parse<string[]>(source, chunked as unknown as Papa.ParseConfig<string[]>);
    parsed = {
      data,
      errors,
      meta: meta ?? { delimiter: ',', linebreak: '\n', aborted: false, truncated: false, cursor: 0, fields: [] },
    };
  } else {
    parsed = Papa.parse<string[]>(source, config);
  }
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal)
    throw new RecipientListError({
      code: 'PARSE_ERROR',
      fileName,
      message: `${fatal.message} (row ${(fatal.row ?? 0) + 1})`,
    });
  const [header = [], ...records] = parsed.data;
  // A blank header names no column: its cells are left out.
  const columns = columnsOf(header, () => null);
  const rows = records.map((cells) => rowOf(columns, cells));
  if (rows.length === 0) throw new RecipientListError({ code: 'NO_ROWS', fileName });
  const names = columns.map((c) => c.name);
  const emailColumn = guessEmailColumn(names, rows);
  if (!emailColumn) throw new RecipientListError(noAddressColumn(fileName, names, rows));
  return { fileName, columns: names, rows, emailColumn };
}

const ADDRESS_HEADER = /e-?mail|courriel|adresse|address/i;

/** Columns that hold addresses in at least half of their filled cells, a header like "Email" first. */
export function emailColumns(columns: readonly string[], rows: readonly MergeRow[]): string[] {
  const sample = rows.slice(0, 200);
  const scored = columns
    .map((column) => {
      const filled = sample.map((row) => (row[column] ?? '').trim()).filter((v) => v !== '');
      const valid = filled.filter((v) => isValidEmail(v)).length;
      return { column, share: filled.length === 0 ? 0 : valid / filled.length, named: ADDRESS_HEADER.test(column) };
    })
    .filter((c) => c.share >= 0.5);
  return scored.sort((a, b) => Number(b.named) - Number(a.named) || b.share - a.share).map((c) => c.column);
}

function guessEmailColumn(columns: readonly string[], rows: readonly MergeRow[]): string | null {
  return emailColumns(columns, rows)[0] ?? null;
}

/**
 * Why no column could be the addresses: when one was clearly meant for them (the most "@" and a
 * header such as "Email"), how many of its filled cells are not addresses
 * ("column Email: 180 of 200 values are not addresses"); otherwise that no column holds any.
 */
export function noAddressColumn(
  fileName: string,
  columns: readonly string[],
  rows: readonly MergeRow[],
): RecipientListProblem {
  // A column with "@" in it and an address header first, then any with "@", then a header without any "@" (a postal "Address" comes last).
  let meant: { column: string; rank: number; at: number } | null = null;
  for (const column of columns) {
    let at = 0;
    for (const row of rows) if ((row[column] ?? '').includes('@')) at++;
    const rank = (at > 0 ? 2 : 0) + (ADDRESS_HEADER.test(column) ? 1 : 0);
    if (rank === 0) continue;
    if (!meant || rank > meant.rank || (rank === meant.rank && at > meant.at)) meant = { column, rank, at };
  }
  if (!meant) return { code: 'NO_EMAIL_COLUMN', fileName };
  const filled = rows.map((row) => (row[meant.column] ?? '').trim()).filter((value) => value !== '');
  const invalid = filled.filter((value) => !isValidEmail(value));
  if (invalid.length === 0) return { code: 'NO_EMAIL_COLUMN', fileName };
  return {
    code: 'MOSTLY_INVALID_ADDRESSES',
    fileName,
    column: meant.column,
    invalid: invalid.length,
    total: filled.length,
    example: invalid[0] ?? '',
  };
}

export interface Workbook {
  fileName: string;
  sheets: Array<{ name: string; cells: string[][] }>;
}

/**
 * A cell as the sheet shows it: text as it is, numbers and dates through the cell's number format
 * in the reader's language (`locale`, a BCP 47 tag: separators and month names), TRUE and FALSE.
 */
function cellText(value: unknown, code: string | undefined, locale: string, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatCellValue(value, code ?? SHORT_DATE, locale, date1904);
  if (typeof value === 'number') return formatCellValue(value, code ?? GENERAL, locale, date1904);
  return String(value);
}

/** The cells' number formats; a package whose styles cannot be read is shown with General numbers rather than refused (its values are readable). */
function shownFormats(bytes: ArrayBuffer): WorkbookFormats {
  try {
    return readWorkbookFormats(bytes);
  } catch {
    return { date1904: false, sheets: new Map() };
  }
}

/**
 * An .xlsx workbook's sheets as text grids: values with read-excel-file (loaded on demand), each
 * shown through its cell's number format (xlsxCellFormats.ts) in `locale`.
 */
export async function readWorkbook(fileName: string, bytes: ArrayBuffer, locale = 'en-US'): Promise<Workbook> {
  try {
    const { default: readXlsxFile } = await import('read-excel-file/universal');
    const sheets = await readXlsxFile(bytes);
    const formats = shownFormats(bytes);
    return {
      fileName,
      sheets: sheets.map((sheet) => {
        const shown = formats.sheets.get(sheet.sheet);
        return {
          name: sheet.sheet,
          cells: sheet.data.map((row, r) =>
            row.map((value, c) => cellText(value, shown?.at(r, c), locale, formats.date1904)),
          ),
        };
      }),
    };
  } catch (error) {
    throw new RecipientListError({
      code: 'PARSE_ERROR',
      fileName,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** One sheet of a workbook as a recipient list: the first non-empty row is the header. */
export function recipientListFromSheet(workbook: Workbook, sheetName: string): RecipientList {
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  const rows = (sheet?.cells ?? []).filter((row) => row.some((cell) => cell.trim() !== ''));
  const [header, ...records] = rows;
  if (!header) throw new RecipientListError({ code: 'EMPTY_SHEET', fileName: workbook.fileName, sheet: sheetName });
  const columns = columnsOf(header, (index) => `Column ${index + 1}`);
  const list = records.map((record) => rowOf(columns, record));
  if (list.length === 0) throw new RecipientListError({ code: 'NO_ROWS', fileName: workbook.fileName });
  const emailColumn = guessEmailColumn(
    columns.map((c) => c.name),
    list,
  );
  if (!emailColumn)
    throw new RecipientListError(
      noAddressColumn(
        workbook.fileName,
        columns.map((c) => c.name),
        list,
      ),
    );
  return { fileName: workbook.fileName, columns: columns.map((c) => c.name), rows: list, emailColumn };
}

/** The sheet a workbook opens on: the first that holds a recipient list, otherwise the first (the user can pick another). */
export function firstSheetWithAddresses(workbook: Workbook): string {
  const usable = workbook.sheets.find((sheet) => {
    try {
      recipientListFromSheet(workbook, sheet.name);
      return true;
    } catch {
      return false;
    }
  });
  return usable?.name ?? workbook.sheets[0]?.name ?? '';
}

export function isWorkbookFile(file: Pick<File, 'name' | 'type'>): boolean {
  return (
    /\.xlsx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  );
}

export function isCsvFile(file: Pick<File, 'name' | 'type'>): boolean {
  return /\.(csv|txt)$/i.test(file.name) || /csv|text\/plain/.test(file.type);
}

export async function readRecipientFile(file: File, onProgress?: (share: number) => void): Promise<RecipientList> {
  if (!isCsvFile(file)) throw new RecipientListError({ code: 'NOT_CSV', fileName: file.name });
  return parseRecipientCsv(file.name, decodeText(new Uint8Array(await file.arrayBuffer())), onProgress);
}
