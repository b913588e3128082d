import { describe, expect, it } from 'vitest';
import { grantsForRenewal, keyRedemption, type SubscriptionForKey } from './keyRules.js';

const active: SubscriptionForKey = { planId: 'monthly', status: 'active', quantity: 50, assigned: 40 };
const key = { planId: 'monthly', seats: 1, termPeriods: 3 };
const price = (seats: number) => seats * 500;

describe('product-key rules', () => {
  it('a key prepays its seats for its term; never more seats than the subscription has', () => {
    expect(keyRedemption(active, key)).toEqual({ kind: 'prepay', periods: 3 });
    expect(keyRedemption(active, { ...key, seats: 51 })).toEqual({
      kind: 'refuse',
      code: 'PRODUCT_KEY_SEATS_MISMATCH',
    });
    expect(keyRedemption(active, { ...key, planId: 'annual' })).toEqual({
      kind: 'refuse',
      code: 'PRODUCT_KEY_PLAN_MISMATCH',
    });
    for (const status of ['past_due', 'expired', 'cancelled'] as const)
      expect(keyRedemption({ ...active, status }, key)).toEqual({ kind: 'refuse', code: 'SUBSCRIPTION_NOT_ACTIVE' });
  });

  it("on a trial the key's seats replace the trial's: 10,000 trial seats and a 1-seat key make 1 seat", () => {
    expect(keyRedemption({ ...active, status: 'trial', quantity: 10_000, assigned: 1 }, key)).toEqual({
      kind: 'convert_trial',
      quantity: 1,
      periodsUsedNow: 1,
    });
    expect(keyRedemption({ ...active, status: 'trial', quantity: 10_000, assigned: 2 }, key)).toEqual({
      kind: 'refuse',
      code: 'PRODUCT_KEY_SEATS_MISMATCH',
    });
  });

  it('a renewal takes the oldest grants that fit its seats, each worth its seats for one period', () => {
    const grants = [
      { id: 'a', seats: 5 },
      { id: 'b', seats: 5 },
      { id: 'c', seats: 1 },
    ];
    expect(grantsForRenewal(5, grants, price)).toEqual({ used: [grants[0]], coverMinor: 2500 });
    expect(grantsForRenewal(6, grants, price)).toEqual({ used: [grants[0], grants[2]], coverMinor: 3000 });
    expect(grantsForRenewal(50, grants, price).coverMinor).toBe(5500);
    expect(grantsForRenewal(4, grants, price)).toEqual({ used: [grants[2]], coverMinor: 500 });
  });
});
