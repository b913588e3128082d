/**
 * CSV exports (seats, journal, campaign reports) through papaparse, with formula neutralisation: a cell starting
 * with = + - @ (or tab, carriage return) is prefixed with a quote so that a spreadsheet shows it
 * as text instead of running it (OWASP ASVS 1.2.10).
 */
import Papa from 'papaparse';

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  // The BOM makes Excel read the file as UTF-8; CRLF is what RFC 4180 and Excel expect.
  return `\ufeff${Papa.unparse({ fields: [...header], data: rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))) }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
