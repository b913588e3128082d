/**
 * Finding rows of a recipient list by what their cells say, for the grid's search box (rows to
 * include or leave out): a cell matches when it contains the words typed, whatever their case,
 * accents or spacing. The text of each row is prepared once per list, so a keystroke over 100,000
 * rows is one substring search per row.
 */
import type { MergeRow } from '../../../shared/src/merge/mergeTemplate.js';
import { FIRST_DATA_ROW } from './planCampaign.js';

/** Text compared loosely: no accents, lower case, blanks collapsed. */
export function searchText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

/** Each row's cells, prepared for searching (cells apart, so a match never spans two cells). */
export function searchIndex(rows: readonly MergeRow[], columns: readonly string[]): string[] {
  return rows.map((row) => columns.map((column) => searchText(row[column] ?? '')).join('\u0000'));
}

/** The spreadsheet numbers of the rows with a cell containing `query`; every row for an empty query. */
export function matchingRows(index: readonly string[], query: string): number[] {
  const wanted = searchText(query);
  const found: number[] = [];
  for (let i = 0; i < index.length; i++) if (wanted === '' || index[i]!.includes(wanted)) found.push(i + FIRST_DATA_ROW);
  return found;
}
