import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceTiers, tierLines } from './pricing.js';
import { prorate, prorateChange, prorateTiers, remainingSeconds } from './proration.js';

const period = { start: Date.UTC(2026, 0, 31, 10), end: Date.UTC(2026, 1, 28, 10) };
const length = (period.end - period.start) / 1000;

/** Arbitrary period (1 s to 1 year), a second inside it, and totals up to 10^10 minor units. */
const arbitraryPeriod = fc
  .record({
    start: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
    length: fc.integer({ min: 1, max: 366 * 86400 }),
  })
  .map(({ start, length: l }) => ({ start: start * 1000, end: (start + l) * 1000 }));
const total = fc.integer({ min: 0, max: 10_000_000_000 });

describe('proration to the second', () => {
  it('charges the whole difference at the start, nothing at the end, and half at the middle', () => {
    expect(prorateChange(2500, 4000, period, period.start).netMinor).toBe(1500);
    expect(prorateChange(2500, 4000, period, period.end).netMinor).toBe(0);
    expect(prorateChange(2500, 4000, period, period.start + (length / 2) * 1000).netMinor).toBe(750);
    expect(remainingSeconds(period, period.start + 1999)).toEqual({ remaining: length - 1, length });
  });

  it('rounds half away from zero, exactly, also beyond 2^53 intermediate products', () => {
    expect(prorate(1, 1, 2)).toBe(1);
    expect(prorate(-1, 1, 2)).toBe(-1);
    expect(prorate(1, 1, 3)).toBe(0);
    expect(prorate(10_000_000_000, 31_622_399, 31_622_400)).toBe(9_999_999_684);
  });

  it('an upgrade then the same downgrade at the same second nets exactly zero; changes at one second telescope', () => {
    fc.assert(
      fc.property(arbitraryPeriod, fc.double({ min: 0, max: 1, noNaN: true }), total, total, total, (p, f, a, b, c) => {
        const at = p.start + Math.floor((p.end - p.start) * f);
        expect(prorateChange(a, b, p, at).netMinor + prorateChange(b, a, p, at).netMinor).toBe(0);
        expect(prorateChange(a, b, p, at).netMinor + prorateChange(b, c, p, at).netMinor).toBe(
          prorateChange(a, c, p, at).netMinor,
        );
      }),
    );
  });

  it('upgrade at t1 then downgrade at t2: the sum is the exact value within half a minor unit per line (4 lines)', () => {
    fc.assert(
      fc.property(
        arbitraryPeriod,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        total,
        total,
        (p, f1, f2, low, high) => {
          const [a, b] = low <= high ? [low, high] : [high, low];
          const span = p.end - p.start;
          const t1 = p.start + Math.floor(span * Math.min(f1, f2));
          const t2 = p.start + Math.floor(span * Math.max(f1, f2));
          const up = prorateChange(a, b, p, t1);
          const down = prorateChange(b, a, p, t2);
          // Exact value: (b − a) × (r1 − r2) / length; compare in integers: |sum × length − exact × length| ≤ 4 × length / 2.
          const exactTimesLength = BigInt(b - a) * BigInt(up.remaining - down.remaining);
          const sumTimesLength = BigInt(up.netMinor + down.netMinor) * BigInt(up.length);
          const error = sumTimesLength - exactTimesLength;
          expect(error < 0n ? -error : error).toBeLessThanOrEqual(2n * BigInt(up.length));
          // Never negative for the customer (kept the bigger quantity at least as long) beyond rounding, and never more than the whole difference.
          expect(up.netMinor + down.netMinor).toBeLessThanOrEqual(b - a + 1);
          expect(up.netMinor + down.netMinor).toBeGreaterThanOrEqual(-1);
        },
      ),
    );
  });

  it('a charge never exceeds the difference of the totals and never goes negative for an increase', () => {
    fc.assert(
      fc.property(arbitraryPeriod, fc.double({ min: -0.1, max: 1.1, noNaN: true }), total, total, (p, f, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const net = prorateChange(a, b, p, p.start + Math.floor((p.end - p.start) * f)).netMinor;
        expect(net).toBeGreaterThanOrEqual(0);
        expect(net).toBeLessThanOrEqual(b - a + 1);
      }),
    );
  });

  it('writes a prorated amount as one line per tier at the full-period unit price, adding up to the one rounding charged', () => {
    const volume = { fromQuantity: 10, discountBp: 2000 };
    const tiers = tierLines({ unitPriceMinor: 500 }, volume, 12);
    const day = 86_400;
    // 23 of 31 days: 9 × 5.00 × 23/31 = 33.387 → 33.39; 3 × 4.00 × 23/31 = 8.903 → 8.90; the whole 42.29.
    expect(prorateTiers(tiers, 23 * day, 31 * day)).toEqual([
      { from: 1, to: 9, quantity: 9, unitPriceMinor: 500, amountMinor: 3339 },
      { from: 10, to: 12, quantity: 3, unitPriceMinor: 400, amountMinor: 890 },
    ]);
    expect(prorate(5700, 23 * day, 31 * day)).toBe(4229);
    // Rounding each tier half up would charge a minor unit more than the whole (0.5 + 0.5 → 1 + 1):
    // the whole's one rounding is kept, and the unit goes to the line nearer to it (the first on a tie).
    expect(
      prorateTiers(
        [
          { quantity: 1, unitPriceMinor: 1 },
          { quantity: 1, unitPriceMinor: 1 },
        ],
        1,
        2,
      ).map((line) => line.amountMinor),
    ).toEqual([1, 0]);
    expect(
      prorateTiers(
        [
          { quantity: 1, unitPriceMinor: 3 },
          { quantity: 1, unitPriceMinor: 5 },
        ],
        1,
        4,
      ).map((line) => line.amountMinor),
    ).toEqual([1, 1]);
  });

  it('tier lines always add up to the amount charged, each within one minor unit of unit × quantity × fraction, exactly rounded when one tier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 366 * 86400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (quantity, unit, discountBp, length, f) => {
          const remaining = Math.floor(length * f);
          const tiers = tierLines({ unitPriceMinor: unit }, { fromQuantity: 10, discountBp }, quantity);
          const lines = prorateTiers(tiers, remaining, length);
          const whole = tiers.reduce((sum, tier) => sum + tier.amountMinor, 0);
          expect(lines.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(prorate(whole, remaining, length));
          for (const line of lines) {
            const exactTimesLength = BigInt(line.unitPriceMinor) * BigInt(line.quantity) * BigInt(remaining);
            const error = BigInt(line.amountMinor) * BigInt(length) - exactTimesLength;
            expect(error < 0n ? -error : error).toBeLessThan(BigInt(length));
          }
          if (lines.length === 1)
            expect(lines[0]!.amountMinor).toBe(
              prorate(lines[0]!.unitPriceMinor * lines[0]!.quantity, remaining, length),
            );
          expect(lines.map((line) => [line.from, line.to])).toEqual(
            priceTiers({ unitPriceMinor: unit }, { fromQuantity: 10, discountBp })
              .filter((tier) => tier.from <= quantity)
              .map((tier) => [tier.from, Math.min(tier.to ?? quantity, quantity)]),
          );
        },
      ),
    );
  });
});
