import { describe, expect, it } from 'vitest';
import { invoiceNumber, invoiceTotals, withTaxMinor } from './invoiceMath.js';
import { taxFor } from './tax.js';

describe('invoice totals', () => {
  it('applies tax in basis points, rounded half up', () => {
    expect(taxFor(2500, 810)).toBe(203);
    expect(taxFor(2500, 0)).toBe(0);
    expect(taxFor(1, 5000)).toBe(1);
    expect(withTaxMinor(2500, 810)).toBe(2703);
    expect(() => withTaxMinor(Number.MAX_SAFE_INTEGER, 810)).toThrow(RangeError);
  });

  it('offsets credit up to the subtotal and keeps the rest', () => {
    const lines = [{ description: 'Remaining time', quantity: 3, unitAmountMinor: null, amountMinor: 700 }];
    expect(invoiceTotals(lines, 1000, 2000)).toMatchObject({
      subtotalMinor: 0,
      taxMinor: 0,
      totalMinor: 0,
      creditAppliedMinor: 700,
      creditLeftMinor: 300,
    });
    expect(invoiceTotals(lines, 200, 2000)).toMatchObject({
      subtotalMinor: 500,
      taxMinor: 100,
      totalMinor: 600,
      creditAppliedMinor: 200,
      creditLeftMinor: 0,
    });
    expect(invoiceTotals(lines, 200, 2000).lines.at(-1)).toMatchObject({ amountMinor: -200 });
  });

  it('numbers invoices per year with six digits', () => {
    expect(invoiceNumber(2026, 1)).toBe('OM-2026-000001');
    expect(invoiceNumber(2027, 1234567)).toBe('OM-2027-1234567');
  });
});
