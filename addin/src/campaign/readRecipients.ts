/**
 * Reads a recipient list (M2). CSV with papaparse: delimiter sniffed, header row, empty lines
 * skipped, quoted newlines kept; bytes decoded as UTF-8 (BOM or not) with a Windows-1252 fallback,
 * which is what Excel's "CSV" (not "CSV UTF-8") writes on Western European Windows. Excel .xlsx
 * with read-excel-file (loaded only when a workbook is chosen), one sheet at a time.
 */
import Papa from 'papaparse';
import { isValidEmail } from '../../../shared/src/email/normalizeEmail.js';
import type { MergeRow } from '../../../shared/src/merge/mergeTemplate.js';

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
  | { code: 'NO_EMAIL_COLUMN'; fileName: string };

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
    return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
  }
}

/** Reads CSV text; with `onProgress`, in chunks that report the share of the text read so far. */
export function parseRecipientCsv(fileName: string, text: string, onProgress?: (share: number) => void): RecipientList {
  const source = text.replace(/^\ufeff/, '');
  const config = { header: true, skipEmptyLines: 'greedy' as const, transformHeader: (header: string) => header.trim() };
  let parsed: Papa.ParseResult<Record<string, string>>;
  if (onProgress) {
    const data: Array<Record<string, string>> = [];
    const errors: Papa.ParseError[] = [];
    let meta: Papa.ParseMeta | null = null;
    const chunked = {
      ...config,
      chunkSize: 512 * 1024,
      chunk: (result: Papa.ParseResult<Record<string, string>>) => {
        for (const row of result.data) data.push(row);
        errors.push(...result.errors);
        meta ??= result.meta;
        onProgress(Math.min(1, result.meta.cursor / Math.max(1, source.length)));
      },
    };
    // papaparse streams strings in chunks (its StringStreamer); @types/papaparse only types chunk for files.
    Papa.parse<Record<string, string>>(source, chunked as unknown as Papa.ParseConfig<Record<string, string>>);
    parsed = { data, errors, meta: meta ?? { delimiter: ',', linebreak: '\n', aborted: false, truncated: false, cursor: 0, fields: [] } };
  } else {
    parsed = Papa.parse<Record<string, string>>(source, config);
  }
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new RecipientListError({ code: 'PARSE_ERROR', fileName, message: `${fatal.message} (row ${(fatal.row ?? 0) + 2})` });
  const columns = (parsed.meta.fields ?? []).filter((c) => c !== '');
  // Fixed up in place (short rows get empty cells, surplus cells are dropped): no copy of 100,000 rows.
  // papaparse reports every row with too few or too many fields; without such reports there is nothing to fix.
  const rows: MergeRow[] = parsed.data;
  const ragged = parsed.errors.some((e) => e.type === 'FieldMismatch');
  const blankHeader = (parsed.meta.fields ?? []).includes('');
  if (ragged || blankHeader) {
    for (const row of rows) {
      for (const column of columns) if (typeof row[column] !== 'string') row[column] = '';
      if ('__parsed_extra' in row) delete (row as Record<string, unknown>).__parsed_extra;
      if ('' in row) delete row[''];
    }
  }
  if (rows.length === 0) throw new RecipientListError({ code: 'NO_ROWS', fileName });
  const emailColumn = guessEmailColumn(columns, rows);
  if (!emailColumn) throw new RecipientListError({ code: 'NO_EMAIL_COLUMN', fileName });
  return { fileName, columns, rows, emailColumn };
}

/** Columns that hold addresses in at least half of their filled cells, a header like "Email" first. */
export function emailColumns(columns: readonly string[], rows: readonly MergeRow[]): string[] {
  const sample = rows.slice(0, 200);
  const scored = columns
    .map((column) => {
      const filled = sample.map((row) => (row[column] ?? '').trim()).filter((v) => v !== '');
      const valid = filled.filter((v) => isValidEmail(v)).length;
      return { column, share: filled.length === 0 ? 0 : valid / filled.length, named: /e-?mail|courriel|adresse|address/i.test(column) };
    })
    .filter((c) => c.share >= 0.5);
  return scored.sort((a, b) => Number(b.named) - Number(a.named) || b.share - a.share).map((c) => c.column);
}

function guessEmailColumn(columns: readonly string[], rows: readonly MergeRow[]): string | null {
  return emailColumns(columns, rows)[0] ?? null;
}

export interface Workbook {
  fileName: string;
  sheets: Array<{ name: string; cells: string[][] }>;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 16 : 10).replace('T', ' ');
  return String(value);
}

export async function readWorkbook(fileName: string, bytes: ArrayBuffer): Promise<Workbook> {
  try {
    const { default: readXlsxFile } = await import('read-excel-file/universal');
    const sheets = await readXlsxFile(bytes);
    return { fileName, sheets: sheets.map((sheet) => ({ name: sheet.sheet, cells: sheet.data.map((row) => row.map(cellText)) })) };
  } catch (error) {
    throw new RecipientListError({ code: 'PARSE_ERROR', fileName, message: error instanceof Error ? error.message : String(error) });
  }
}

/** One sheet of a workbook as a recipient list: the first non-empty row is the header. */
export function recipientListFromSheet(workbook: Workbook, sheetName: string): RecipientList {
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  const rows = (sheet?.cells ?? []).filter((row) => row.some((cell) => cell.trim() !== ''));
  const [header, ...records] = rows;
  if (!header) throw new RecipientListError({ code: 'EMPTY_SHEET', fileName: workbook.fileName, sheet: sheetName });
  // Repeated headers get a suffix, as papaparse does for CSV: "Email", "Email_1".
  const seen = new Map<string, number>();
  const columns = header.map((raw, index) => {
    const name = raw.trim() || `Column ${index + 1}`;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
  const list = records.map((record) => Object.fromEntries(columns.map((column, index) => [column, record[index] ?? ''])) as MergeRow);
  if (list.length === 0) throw new RecipientListError({ code: 'NO_ROWS', fileName: workbook.fileName });
  const emailColumn = guessEmailColumn(columns, list);
  if (!emailColumn) throw new RecipientListError({ code: 'NO_EMAIL_COLUMN', fileName: workbook.fileName });
  return { fileName: workbook.fileName, columns, rows: list, emailColumn };
}

export function isWorkbookFile(file: Pick<File, 'name' | 'type'>): boolean {
  return /\.xlsx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

export function isCsvFile(file: Pick<File, 'name' | 'type'>): boolean {
  return /\.(csv|txt)$/i.test(file.name) || /csv|text\/plain/.test(file.type);
}

export async function readRecipientFile(file: File, onProgress?: (share: number) => void): Promise<RecipientList> {
  if (!isCsvFile(file)) throw new RecipientListError({ code: 'NOT_CSV', fileName: file.name });
  return parseRecipientCsv(file.name, decodeText(new Uint8Array(await file.arrayBuffer())), onProgress);
}
