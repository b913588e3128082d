/**
 * Finding rows of a recipient list by what their cells say, for the grid's search box (rows to
 * include or leave out): a cell matches when it contains the words typed, whatever their case,
 * accents or spacing. The text of each row is prepared once per list, so a keystroke over 100,000
 * rows is one substring search per row. Preparing it is the long part (a second or more for
 * 100,000 rows of ten columns): the pane does it in slices (`searchIndexInSlices`), so that the
 * grid never blocks its UI thread while the index is made.
 */
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import { FIRST_DATA_ROW } from './planCampaign.js';
import { inSlices, type SliceOptions } from './slices.js';

/** Text compared loosely: no accents, lower case, blanks collapsed. */
export function searchText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

/** Each row's cells, prepared for searching (cells apart, so a match never spans two cells). */
export function searchIndex(rows: readonly MergeRow[], columns: readonly string[]): string[] {
  return rows.map((row) => rowText(row, columns));
}

/** The same index, made a few milliseconds at a time with the UI thread given back in between. */
export async function searchIndexInSlices(
  rows: readonly MergeRow[],
  columns: readonly string[],
  options: SliceOptions = {},
): Promise<string[]> {
  const index = new Array<string>(rows.length);
  await inSlices(rows.length, (i) => void (index[i] = rowText(rows[i]!, columns)), options);
  return index;
}

function rowText(row: MergeRow, columns: readonly string[]): string {
  return columns.map((column) => searchText(row[column] ?? '')).join('\u0000');
}

/** The spreadsheet numbers of the rows with a cell containing `query`; every row for an empty query. */
export function matchingRows(index: readonly string[], query: string): number[] {
  const wanted = searchText(query);
  const found: number[] = [];
  for (let i = 0; i < index.length; i++)
    if (wanted === '' || index[i]!.includes(wanted)) found.push(i + FIRST_DATA_ROW);
  return found;
}
