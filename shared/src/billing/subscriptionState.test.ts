import { describe, expect, it } from 'vitest';
import type { SubscriptionStatus } from '../api/views.js';
import type { SubscriptionAction } from '../permissions/permissions.js';
import {
  actionsInStatus,
  canBeMerged,
  endedRefusal,
  isLive,
  renewsAtPeriodEnd,
  takesChanges,
} from './subscriptionState.js';

const STATUSES: SubscriptionStatus[] = ['trial', 'active', 'past_due', 'expired', 'cancelled'];

describe('what a subscription status allows', () => {
  it('lets active and trial subscriptions change and take in others, and merges past-due ones too', () => {
    expect(STATUSES.filter(isLive)).toEqual(['trial', 'active']);
    expect(STATUSES.filter(canBeMerged)).toEqual(['trial', 'active', 'past_due']);
  });

  it('announces a renewal only while the subscription has not ended (a refund that ended it said "Cancelled · Renews on …")', () => {
    expect(STATUSES.filter(renewsAtPeriodEnd)).toEqual(['trial', 'active', 'past_due']);
  });

  it('offers the quantity change and consolidation only where the API would not refuse them', () => {
    const owner: SubscriptionAction[] = [
      'subscription.view',
      'seats.assign',
      'quantity.change',
      'billing.manage',
      'subscription.consolidate',
    ];
    expect(actionsInStatus(owner, 'active')).toEqual(owner);
    expect(actionsInStatus(owner, 'past_due')).toEqual(['subscription.view', 'seats.assign', 'billing.manage']);
    expect(actionsInStatus(owner, 'expired')).toEqual(['subscription.view', 'billing.manage']);
  });

  it('takes no more changes once ended: no seats assigned or groups linked, the card and billing details kept, with the code the API refuses with', () => {
    expect(STATUSES.filter(takesChanges)).toEqual(['trial', 'active', 'past_due']);
    expect(STATUSES.map(endedRefusal)).toEqual([null, null, null, 'SUBSCRIPTION_NOT_ACTIVE', 'SUBSCRIPTION_ENDED']);
    const owner: SubscriptionAction[] = [
      'subscription.view',
      'seats.assign',
      'seats.unassign',
      'groups.manage',
      'quantity.change',
      'billing.view',
      'billing.manage',
    ];
    // billing.manage stays: an open invoice is still paid with it (which brings an expired subscription back).
    expect(actionsInStatus(owner, 'cancelled')).toEqual([
      'subscription.view',
      'seats.unassign',
      'billing.view',
      'billing.manage',
    ]);
    expect(actionsInStatus(owner, 'past_due')).toEqual([
      'subscription.view',
      'seats.assign',
      'seats.unassign',
      'groups.manage',
      'billing.view',
      'billing.manage',
    ]);
  });
});
