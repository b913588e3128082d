/**
 * CSV exports (seats, journal, campaign reports) through papaparse, with formula neutralisation: a cell starting
 * with = + - @ (or tab, carriage return) is prefixed with a quote so that a spreadsheet shows it
 * as text instead of running it (OWASP ASVS 1.2.10).
 */
import Papa from 'papaparse';

type Cells = ReadonlyArray<ReadonlyArray<string | number | null>>;

const text = (rows: Cells) => rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
const OPTIONS = { escapeFormulae: true, newline: '\r\n' };

export function toCsv(header: readonly string[], rows: Cells): string {
  // The BOM makes Excel read the file as UTF-8; CRLF is what RFC 4180 and Excel expect.
  return `\ufeff${Papa.unparse({ fields: [...header], data: text(rows) }, OPTIONS)}\r\n`;
}

/** More rows of the same CSV, to append to `toCsv`'s text: a long export is written a slice at a time. */
export function toCsvRows(rows: Cells): string {
  return rows.length === 0 ? '' : `${Papa.unparse(text(rows), OPTIONS)}\r\n`;
}
