import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, suggestColumn } from './fieldSuggestion.js';

describe('editDistance', () => {
  it('counts inserts, deletes, replacements and a swap of neighbours as one edit each', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('name', 'name')).toBe(0);
    expect(editDistance('nme', 'name')).toBe(1);
    expect(editDistance('names', 'name')).toBe(1);
    expect(editDistance('nane', 'name')).toBe(1);
    expect(editDistance('frist', 'first')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops counting above the limit', () => {
    expect(editDistance('company', 'country', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('is a distance: zero only for equal strings, symmetric, never more than the longer length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('suggestColumn', () => {
  const columns = ['First Name', 'Last Name', 'Email', 'Company', 'Country', 'Prénom'];

  it('finds the column a misspelt field means', () => {
    expect(suggestColumn('Frist Name', columns)).toBe('First Name');
    expect(suggestColumn('Emial', columns)).toBe('Email');
    expect(suggestColumn('Compnay', columns)).toBe('Company');
    expect(suggestColumn('Cuntry', columns)).toBe('Country');
  });

  it('ignores case, accents, spaces, underscores and hyphens', () => {
    expect(suggestColumn('firstname', columns)).toBe('First Name');
    expect(suggestColumn('LAST_NAME', columns)).toBe('Last Name');
    expect(suggestColumn('e-mail', columns)).toBe('Email');
    expect(suggestColumn('Prenom', columns)).toBe('Prénom');
  });

  it('suggests nothing when no column is close, or for short names with more than one edit', () => {
    expect(suggestColumn('Department', columns)).toBeNull();
    expect(suggestColumn('Age', ['Name'])).toBeNull();
    expect(suggestColumn('', columns)).toBeNull();
    expect(suggestColumn('   ', columns)).toBeNull();
  });

  it('prefers the closest column, the earlier one on a tie', () => {
    expect(suggestColumn('Countri', ['Count', 'Country'])).toBe('Country');
    expect(suggestColumn('Countr', ['Count', 'Country'])).toBe('Count');
    expect(suggestColumn('Nam', ['Name', 'Nami'])).toBe('Name');
  });
});
