import { describe, expect, it } from 'vitest';
import { matchingRows, searchIndex, searchText } from './rowSearch.js';

const columns = ['Name', 'Email', 'City'];
const rows = [
  { Name: 'Zoé Martin', Email: 'zoe@fabrikam.com', City: 'Paris' },
  { Name: 'Ulf Berg', Email: 'ulf@contoso.com', City: 'München' },
  { Name: 'Anna  Lind', Email: 'anna@contoso.com', City: 'Berlin' },
];
const index = searchIndex(rows, columns);

describe('matchingRows', () => {
  it('finds the rows with a cell containing the text, by spreadsheet row number (header is row 1)', () => {
    expect(matchingRows(index, 'contoso')).toEqual([3, 4]);
    expect(matchingRows(index, 'paris')).toEqual([2]);
  });

  it('ignores case, accents and spacing', () => {
    expect(matchingRows(index, 'ZOE')).toEqual([2]);
    expect(matchingRows(index, 'munchen')).toEqual([3]);
    expect(matchingRows(index, ' anna lind ')).toEqual([4]);
  });

  it('matches within one cell only, and gives every row for an empty search', () => {
    expect(matchingRows(index, 'berg ulf')).toEqual([]);
    expect(matchingRows(index, 'Martin zoe')).toEqual([]);
    expect(matchingRows(index, '  ')).toEqual([2, 3, 4]);
  });

  it('reads a column missing from a row as empty', () => {
    expect(matchingRows(searchIndex([{ Name: 'x' }], columns), 'x')).toEqual([2]);
    expect(searchText('Ça  VA')).toBe('ca va');
  });
});
