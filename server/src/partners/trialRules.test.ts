import { describe, expect, it } from 'vitest';
import { trialOfferRefusal, trialStartRefusal, type TrialStart } from './trialRules.js';

const limits = { maxSeats: 25, maxDays: 30 };
const start: TrialStart = {
  seats: 10,
  days: 30,
  ownCustomer: false,
  hadTrialOfPlan: false,
  hasLiveTrial: false,
  paidForPlan: false,
  allowance: { seats: 100, used: 0 },
};

describe('trial rules', () => {
  it("an offer stays within the cap and the partner's allowance (0 until the vendor approves)", () => {
    expect(trialOfferRefusal({ seats: 25, days: 30 }, limits, { seats: 25, used: 0 })).toBeNull();
    expect(trialOfferRefusal({ seats: 26, days: 30 }, limits, { seats: 1000, used: 0 })).toBe('TRIAL_OVER_LIMIT');
    expect(trialOfferRefusal({ seats: 5, days: 31 }, limits, { seats: 1000, used: 0 })).toBe('TRIAL_OVER_LIMIT');
    expect(trialOfferRefusal({ seats: 1, days: 1 }, limits, { seats: 0, used: 0 })).toBe(
      'PARTNER_TRIAL_ALLOWANCE_EXCEEDED',
    );
    expect(trialOfferRefusal({ seats: 6, days: 1 }, limits, { seats: 30, used: 25 })).toBe(
      'PARTNER_TRIAL_ALLOWANCE_EXCEEDED',
    );
  });

  it('a start is refused, in this order: own customer, over the limits, trial had or running, plan paid for, allowance', () => {
    expect(trialStartRefusal(start, limits)).toBeNull();
    expect(trialStartRefusal({ ...start, ownCustomer: true, seats: 10_000 }, limits)).toBe('PARTNER_OWN_CUSTOMER');
    expect(trialStartRefusal({ ...start, seats: 10_000, hadTrialOfPlan: true }, limits)).toBe('TRIAL_OVER_LIMIT');
    expect(trialStartRefusal({ ...start, hadTrialOfPlan: true, paidForPlan: true }, limits)).toBe('TRIAL_ALREADY_USED');
    expect(trialStartRefusal({ ...start, hasLiveTrial: true }, limits)).toBe('TRIAL_ALREADY_USED');
    expect(trialStartRefusal({ ...start, paidForPlan: true, allowance: { seats: 0, used: 0 } }, limits)).toBe(
      'TRIAL_AFTER_PURCHASE',
    );
    expect(trialStartRefusal({ ...start, allowance: { seats: 19, used: 10 } }, limits)).toBe(
      'PARTNER_TRIAL_ALLOWANCE_EXCEEDED',
    );
    expect(trialStartRefusal({ ...start, allowance: { seats: 20, used: 10 } }, limits)).toBeNull();
  });
});
