import { describe, expect, it } from 'vitest';
import { fieldChoices, toggledRow, withRowsIncluded } from './campaignPlanInput.js';

describe('rows left out by hand', () => {
  it('leaves out or takes back in many rows at once, leaving the others as they were', () => {
    const excluded = new Set([2, 5]);
    expect([...withRowsIncluded(excluded, [3, 4, 5], false)].sort()).toEqual([2, 3, 4, 5]);
    expect([...withRowsIncluded(excluded, [5, 6], true)]).toEqual([2]);
    // The set it was given does not change (React state).
    expect([...excluded]).toEqual([2, 5]);
  });

  it('toggles one row', () => {
    expect([...toggledRow(new Set([2]), 2)]).toEqual([]);
    expect([...toggledRow(new Set(), 3)]).toEqual([3]);
  });
});

describe('fieldChoices', () => {
  it('offers the columns a merge field can name and lists the others', () => {
    expect(fieldChoices(['First Name', 'Price = net', 'Email', '{id}', 'Prénom'])).toEqual({
      usable: ['First Name', 'Email', 'Prénom'],
      unusable: ['Price = net', '{id}'],
    });
  });
});
