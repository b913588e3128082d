import { describe, expect, it } from 'vitest';
import {
  invitationState,
  mergeTerms,
  sourceIneligibility,
  targetTerms,
  type SourceFacts,
} from './consolidationTerms.js';

const DAY = 86_400_000;
const target = {
  id: 'a',
  organisationId: 'org',
  ownerTenantId: 't1',
  ownerObjectId: 'alice',
  status: 'active' as const,
  currency: 'EUR',
};
const source = (
  change: Partial<Omit<SourceFacts, 'subscription'>> & { subscription?: Partial<SourceFacts['subscription']> } = {},
): SourceFacts => ({
  currency: 'EUR',
  partnerOfRecord: null,
  mergedInto: null,
  tookIn: 0,
  paidInvoices: 1,
  ...change,
  subscription: {
    id: 'b',
    organisationId: 'org',
    ownerTenantId: 't1',
    ownerObjectId: 'bob',
    status: 'active',
    ...change.subscription,
  },
});

describe('which colleague subscription may be invited', () => {
  it('a paid individual subscription of another person in the same organisation and tenant', () => {
    expect(sourceIneligibility(target, source())).toBeNull();
  });

  it('refuses each way an attacker would try', () => {
    expect(sourceIneligibility(target, source({ subscription: { ownerObjectId: 'alice' } }))).toBe('own_subscription');
    expect(sourceIneligibility(target, source({ subscription: { id: 'a' } }))).toBe('own_subscription');
    expect(sourceIneligibility(target, source({ subscription: { ownerTenantId: 't2' } }))).toBe('other_tenant');
    expect(sourceIneligibility(target, source({ subscription: { organisationId: 'other' } }))).toBe('other_tenant');
    expect(sourceIneligibility(target, source({ partnerOfRecord: 'partner' }))).toBe('not_individual');
    expect(sourceIneligibility(target, source({ tookIn: 1 }))).toBe('not_individual');
    expect(sourceIneligibility(target, source({ mergedInto: 'c' }))).toBe('already_consolidated');
    expect(sourceIneligibility(target, source({ subscription: { status: 'trial' } }))).toBe('not_paid');
    expect(sourceIneligibility(target, source({ subscription: { status: 'past_due' } }))).toBe('not_paid');
    expect(sourceIneligibility(target, source({ paidInvoices: 0 }))).toBe('not_paid');
    expect(sourceIneligibility(target, source({ currency: 'CHF' }))).toBe('currency');
  });
});

describe('merge terms', () => {
  const base = {
    targetQuantity: 5,
    targetAssigned: 3,
    targetSeats: new Set(['a@x', 'b@x', 'c@x']),
    spans: [{ invoiceId: 'i1', totalMinor: 3000, periodStart: 0, periodEnd: 30 * DAY }],
    now: 10 * DAY,
  };

  it('moves the people not seated in the target yet, within its free paid seats, and credits each invoice its unused paid part', () => {
    const terms = mergeTerms({ ...base, sourceSeats: ['b@x', 'd@x', 'e@x'] });
    expect(terms).toEqual({
      seatsMoving: 2,
      seatsAlreadyThere: 1,
      freeSeats: 2,
      fits: true,
      credits: [{ invoiceId: 'i1', amountMinor: 2000 }],
      creditMinor: 2000,
    });
  });

  it('does not fit when more would move than the target paid for', () => {
    expect(mergeTerms({ ...base, sourceSeats: ['d@x', 'e@x', 'f@x'] }).fits).toBe(false);
  });

  it('gives no credit without money paid for time still to come (a trial has no paid invoice)', () => {
    expect(mergeTerms({ ...base, sourceSeats: [], spans: [] })).toMatchObject({ credits: [], creditMinor: 0 });
  });
});

describe('invitation state', () => {
  it('a pending invitation reads as expired from its end on; a decided one keeps its decision', () => {
    expect(invitationState({ status: 'pending', expiresAt: 10 }, 9)).toBe('pending');
    expect(invitationState({ status: 'pending', expiresAt: 10 }, 10)).toBe('expired');
    expect(invitationState({ status: 'declined', expiresAt: 10 }, 20)).toBe('declined');
  });

  it('the target terms change with any change the inviter makes', () => {
    const a = {
      ownerTenantId: 't',
      ownerObjectId: 'o',
      status: 'active',
      planId: 'monthly',
      quantity: 5,
      periodEnd: 100,
    };
    expect(targetTerms(a)).toBe(targetTerms({ ...a }));
    for (const change of [
      { quantity: 6 },
      { status: 'past_due' },
      { ownerObjectId: 'x' },
      { periodEnd: 200 },
      { planId: 'annual' },
    ])
      expect(targetTerms({ ...a, ...change })).not.toBe(targetTerms(a));
  });
});
