import { describe, expect, it } from 'vitest';
import { matchingRows, searchIndex, searchIndexInSlices, searchText } from './rowSearch.js';

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

describe('searchIndexInSlices', () => {
  it('makes the same index as searchIndex, giving the UI thread back between slices', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      Name: `Zoé ${i}`,
      Email: `p${i}@contoso.com`,
      City: i % 2 ? 'München' : 'Paris',
    }));
    const slices: number[] = [];
    const sliced = await searchIndexInSlices(many, columns, { onProgress: (done) => slices.push(done) });
    expect(sliced).toEqual(searchIndex(many, columns));
    expect(slices.length).toBeGreaterThan(1);
    expect(slices[slices.length - 1]).toBe(many.length);
  });

  it('stops when the search is abandoned', async () => {
    const abort = new AbortController();
    abort.abort(new Error('the list changed'));
    await expect(searchIndexInSlices(rows, columns, { signal: abort.signal })).rejects.toThrow('the list changed');
  });
});
