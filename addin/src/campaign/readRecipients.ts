/**
 * Reads a recipient list (M2). CSV with papaparse: delimiter sniffed, header row, empty lines
 * skipped, quoted newlines kept; bytes decoded as UTF-8 (BOM or not) with a Windows-1252 fallback,
 * which is what Excel's "CSV" (not "CSV UTF-8") writes on Western European Windows. Excel .xlsx
 * with read-excel-file (loaded only when a workbook is chosen), one sheet at a time, each number
 * and date as its cell shows it (its number format, excelNumberFormat.ts).
 */
import Papa from 'papaparse';
import {
  columnsOf,
  guessEmailColumn,
  isCsvFile,
  noAddressColumn,
  RecipientListError,
  rowOf,
  type RecipientList,
  type Workbook,
} from './recipientList.js';
import { formatCellValue, GENERAL, SHORT_DATE } from './excelNumberFormat.js';
import { readWorkbookFormats, type WorkbookFormats } from './xlsxCellFormats.js';

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

export async function readRecipientFile(file: File, onProgress?: (share: number) => void): Promise<RecipientList> {
  if (!isCsvFile(file)) throw new RecipientListError({ code: 'NOT_CSV', fileName: file.name });
  return parseRecipientCsv(file.name, decodeText(new Uint8Array(await file.arrayBuffer())), onProgress);
}
