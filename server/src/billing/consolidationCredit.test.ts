import { describe, expect, it } from 'vitest';
import { unusedPaidMinor } from './consolidationCredit.js';

const DAY = 86_400_000;

describe('consolidation credit', () => {
  it('is the unused part of what paid invoices took, rounded down', () => {
    expect(unusedPaidMinor([{ totalMinor: 1000, periodStart: 0, periodEnd: 30 * DAY }], 10 * DAY)).toBe(666);
    expect(unusedPaidMinor([{ totalMinor: 1000, periodStart: 0, periodEnd: 30 * DAY }, { totalMinor: 300, periodStart: 20 * DAY, periodEnd: 30 * DAY }], 25 * DAY)).toBe(166 + 150);
  });

  it('is nothing for time already used, for a trial or key-paid period (no paid invoice), or for a free invoice', () => {
    expect(unusedPaidMinor([], 10 * DAY)).toBe(0);
    expect(unusedPaidMinor([{ totalMinor: 1000, periodStart: 0, periodEnd: 30 * DAY }], 30 * DAY)).toBe(0);
    expect(unusedPaidMinor([{ totalMinor: 0, periodStart: 0, periodEnd: 30 * DAY }], 1)).toBe(0);
  });

  it('never exceeds what was paid', () => {
    expect(unusedPaidMinor([{ totalMinor: 999, periodStart: 10 * DAY, periodEnd: 40 * DAY }], 0)).toBe(999);
  });
});
