import { describe, expect, it } from 'vitest';
import { unusedPaidByInvoice, unusedPaidMinor } from './consolidationCredit.js';

const DAY = 86_400_000;

describe('consolidation credit', () => {
  it('is the unused part of what paid invoices took, rounded down', () => {
    expect(unusedPaidMinor([{ totalMinor: 1000, periodStart: 0, periodEnd: 30 * DAY }], 10 * DAY)).toBe(666);
    expect(
      unusedPaidMinor(
        [
          { totalMinor: 1000, periodStart: 0, periodEnd: 30 * DAY },
          { totalMinor: 300, periodStart: 20 * DAY, periodEnd: 30 * DAY },
        ],
        25 * DAY,
      ),
    ).toBe(166 + 150);
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

describe('consolidation credit per invoice', () => {
  it('credits each paid invoice its own unused part, summing to the whole credit, and leaves out those with none', () => {
    const spans = [
      { invoiceId: 'a', totalMinor: 1000, periodStart: 0, periodEnd: 30 * DAY },
      { invoiceId: 'b', totalMinor: 300, periodStart: 20 * DAY, periodEnd: 30 * DAY },
      { invoiceId: 'c', totalMinor: 500, periodStart: 0, periodEnd: 20 * DAY },
    ];
    const credits = unusedPaidByInvoice(spans, 25 * DAY);
    expect(credits).toEqual([
      { invoiceId: 'a', amountMinor: 166 },
      { invoiceId: 'b', amountMinor: 150 },
    ]);
    expect(credits.reduce((sum, c) => sum + c.amountMinor, 0)).toBe(unusedPaidMinor(spans, 25 * DAY));
  });
});
