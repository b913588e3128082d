import { describe, expect, it } from 'vitest';
import { creditNoteNumber, refundableMinor, splitGross } from './refundRules.js';

const DAY = 86_400_000;
const span = { totalMinor: 3000, periodStart: 0, periodEnd: 30 * DAY };

describe('refundable amount', () => {
  it('while the service goes on, only the credit balance; never more than paid minus credited', () => {
    expect(
      refundableMinor(
        { paidMinor: 3000, alreadyCreditedMinor: 0, creditBalanceMinor: 0, live: true, spans: [span] },
        false,
        10 * DAY,
      ),
    ).toBe(0);
    expect(
      refundableMinor(
        { paidMinor: 3000, alreadyCreditedMinor: 0, creditBalanceMinor: 700, live: true, spans: [span] },
        false,
        10 * DAY,
      ),
    ).toBe(700);
    expect(
      refundableMinor(
        { paidMinor: 3000, alreadyCreditedMinor: 2500, creditBalanceMinor: 700, live: true, spans: [span] },
        false,
        10 * DAY,
      ),
    ).toBe(500);
  });

  it('ending the service gives back the unused paid time too, and nothing of time already used', () => {
    expect(
      refundableMinor(
        { paidMinor: 3000, alreadyCreditedMinor: 0, creditBalanceMinor: 0, live: true, spans: [span] },
        true,
        10 * DAY,
      ),
    ).toBe(2000);
    expect(
      refundableMinor(
        { paidMinor: 3000, alreadyCreditedMinor: 0, creditBalanceMinor: 0, live: true, spans: [span] },
        true,
        0,
      ),
    ).toBe(3000);
    expect(
      refundableMinor(
        { paidMinor: 3000, alreadyCreditedMinor: 0, creditBalanceMinor: 0, live: true, spans: [span] },
        true,
        31 * DAY,
      ),
    ).toBe(0);
    // An ended subscription's time was refunded, merged or used already.
    expect(
      refundableMinor(
        { paidMinor: 3000, alreadyCreditedMinor: 0, creditBalanceMinor: 0, live: false, spans: [span] },
        true,
        10 * DAY,
      ),
    ).toBe(0);
  });

  it('splits a gross amount into net and tax that add up exactly', () => {
    expect(splitGross(1200, 2000)).toEqual({ subtotalMinor: 1000, taxMinor: 200 });
    expect(splitGross(1, 2000)).toEqual({ subtotalMinor: 1, taxMinor: 0 });
    expect(splitGross(999, 0)).toEqual({ subtotalMinor: 999, taxMinor: 0 });
    for (const gross of [1, 7, 99, 1234, 999_999])
      for (const rate of [0, 770, 810, 1900, 2000]) {
        const { subtotalMinor, taxMinor } = splitGross(gross, rate);
        expect(subtotalMinor + taxMinor).toBe(gross);
        expect(taxMinor).toBeGreaterThanOrEqual(0);
      }
    expect(creditNoteNumber(2031, 7)).toBe('CN-2031-000007');
  });
});
