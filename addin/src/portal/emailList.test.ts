import { describe, expect, it } from 'vitest';
import { addressesFromCsv, batches, splitPastedAddresses } from './emailList.js';

describe('address lists', () => {
  it('splits pasted text on commas, semicolons, spaces and new lines', () => {
    expect(splitPastedAddresses(' a@x.com, b@x.com;c@x.com\n<d@x.com>\t\n')).toEqual([
      'a@x.com',
      'b@x.com',
      'c@x.com',
      'd@x.com',
    ]);
  });

  it('takes the address column of a CSV, with or without a header row', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(addressesFromCsv('a.csv', encode('Name;Mail\nAnna;anna@x.com\nBob;bob@x.com\n'))).toEqual([
      'anna@x.com',
      'bob@x.com',
    ]);
    expect(addressesFromCsv('b.csv', encode('anna@x.com\nbob@x.com\n'))).toEqual(['anna@x.com', 'bob@x.com']);
  });

  it('cuts work into batches', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
