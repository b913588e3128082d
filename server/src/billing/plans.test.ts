import { describe, expect, it } from 'vitest';
import { periodEnd } from './plans.js';

describe('plans', () => {
  it('ends a period one calendar month or year later, clamped to the month end', () => {
    expect(new Date(periodEnd(Date.UTC(2026, 0, 31, 10), 'month')).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(new Date(periodEnd(Date.UTC(2028, 0, 31), 'month')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(periodEnd(Date.UTC(2026, 11, 15), 'month')).toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(new Date(periodEnd(Date.UTC(2028, 1, 29), 'year')).toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });
});
