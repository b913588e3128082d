/**
 * A recipient list and what can be wrong with it, apart from reading the file: its columns and
 * rows, the address column guessed from its values, a workbook sheet as a list. Light on purpose:
 * the pane's first load has this, and the readers (papaparse, the workbook's formats) come with
 * readRecipients.ts only when a file is read.
 */
import { isValidEmail } from '#shared/email/normalizeEmail.js';
import type { MergeRow } from '#shared/merge/mergeTemplate.js';

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

/**
 * Column names from a header row: trimmed; a repeated name gets a suffix as papaparse would give
 * it ("Email", "Email_1"); a blank one is named by `blank` (or its cells are left out when it gives null).
 */
export function columnsOf(
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
export function rowOf(columns: ReadonlyArray<{ name: string; index: number }>, cells: readonly unknown[]): MergeRow {
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

export function guessEmailColumn(columns: readonly string[], rows: readonly MergeRow[]): string | null {
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
