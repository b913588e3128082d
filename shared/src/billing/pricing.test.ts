import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withTaxMinor } from './invoiceMath.js';
import {
  discountedUnitPrice,
  priceTiers,
  productKeysMinor,
  seatTotalMinor,
  tierLines,
  tiersTotalMinor,
} from './pricing.js';

const monthly = { id: 'monthly', interval: 'month', unitPriceMinor: 500 } as const;
const volume = { fromQuantity: 10, discountBp: 2000 };

describe('volume pricing (graduated from the 10th seat)', () => {
  it('never lowers the total when a seat is added, for every quantity from 1 to 1,000', () => {
    let previous = 0;
    for (let quantity = 1; quantity <= 1000; quantity++) {
      const total = seatTotalMinor(monthly, volume, quantity);
      expect(total, `quantity ${quantity}`).toBeGreaterThan(previous);
      previous = total;
    }
  });

  it('charges the full price up to 9 seats and the discounted price for each seat from the 10th', () => {
    expect(seatTotalMinor(monthly, volume, 9)).toBe(4500);
    expect(seatTotalMinor(monthly, volume, 10)).toBe(4900);
    expect(seatTotalMinor(monthly, volume, 12)).toBe(5700);
    expect(tierLines(monthly, volume, 12)).toEqual([
      { quantity: 9, unitPriceMinor: 500, amountMinor: 4500 },
      { quantity: 3, unitPriceMinor: 400, amountMinor: 1200 },
    ]);
    expect(tierLines(monthly, volume, 3)).toEqual([{ quantity: 3, unitPriceMinor: 500, amountMinor: 1500 }]);
  });

  it('is monotonic for any price, threshold and discount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 999 }),
        (unit, from, bp, quantity) => {
          const plan = { id: 'p', interval: 'year', unitPriceMinor: unit } as const;
          expect(seatTotalMinor(plan, { fromQuantity: from, discountBp: bp }, quantity + 1)).toBeGreaterThanOrEqual(
            seatTotalMinor(plan, { fromQuantity: from, discountBp: bp }, quantity),
          );
        },
      ),
    );
  });

  it("rounds the discounted unit price down (in the buyer's favour) and refuses unsafe amounts", () => {
    expect(discountedUnitPrice(499, { fromQuantity: 10, discountBp: 1500 })).toBe(424);
    expect(() => seatTotalMinor({ unitPriceMinor: Number.MAX_SAFE_INTEGER }, volume, 2)).toThrow(RangeError);
  });

  it('gives the portal, pricing from the published tiers, the amount the server charges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (unit, from, bp, quantity) => {
          const volume = { fromQuantity: from, discountBp: bp };
          // The portal reads the tiers from GET /api/v1/plans, as JSON.
          const published = JSON.parse(JSON.stringify(priceTiers({ unitPriceMinor: unit }, volume))) as ReturnType<
            typeof priceTiers
          >;
          expect(tiersTotalMinor(published, quantity)).toBe(seatTotalMinor({ unitPriceMinor: unit }, volume, quantity));
        },
      ),
    );
  });

  it('prices a batch of product keys as seats × term × keys, and refuses unsafe amounts', () => {
    const seats = seatTotalMinor(monthly, volume, 12);
    expect(productKeysMinor(seats, { termPeriods: 12, count: 3 })).toEqual({
      perKeyMinor: 5700 * 12,
      subtotalMinor: 5700 * 12 * 3,
    });
    expect(withTaxMinor(productKeysMinor(seats, { termPeriods: 12, count: 3 }).subtotalMinor, 810)).toBe(
      205200 + 16621,
    );
    expect(() => productKeysMinor(Number.MAX_SAFE_INTEGER, { termPeriods: 2, count: 1 })).toThrow(RangeError);
  });
});
