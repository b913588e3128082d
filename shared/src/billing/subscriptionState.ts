/**
 * What a subscription's status allows, for the server (which refuses with 409) and for the pages
 * (which show only what can be done): a live subscription (active or trial) changes its quantity
 * and takes in others; a past-due one can still be merged into another, whose credit pays for it.
 */
import type { SubscriptionStatus } from '../api/views.js';
import type { SubscriptionAction } from '../permissions/permissions.js';

export function isLive(status: SubscriptionStatus): boolean {
  return status === 'active' || status === 'trial';
}

/** Whether the period's end is still a renewal to announce: an ended subscription (cancelled, expired) renews no more. */
export function renewsAtPeriodEnd(status: SubscriptionStatus): boolean {
  return status !== 'cancelled' && status !== 'expired';
}

/** A subscription that may be merged into another of the same owner (consolidation's sources). */
export function canBeMerged(status: SubscriptionStatus): boolean {
  return isLive(status) || status === 'past_due';
}

/**
 * Whether the subscription still takes changes — seats assigned, a card replaced, billing details
 * saved: an ended one (cancelled, expired) does not. What it owes can still be paid (an expired one
 * comes back that way), its invoices read, its seats removed.
 */
export function takesChanges(status: SubscriptionStatus): boolean {
  return renewsAtPeriodEnd(status);
}

/** The stable error code refusing a change to a subscription in `status`, or null when it takes changes. */
export function endedRefusal(status: SubscriptionStatus): 'SUBSCRIPTION_ENDED' | 'SUBSCRIPTION_NOT_ACTIVE' | null {
  if (takesChanges(status)) return null;
  // Cancelled is for good; expired waits for its open invoice to be paid.
  return status === 'cancelled' ? 'SUBSCRIPTION_ENDED' : 'SUBSCRIPTION_NOT_ACTIVE';
}

const NEEDS_LIVE: ReadonlySet<SubscriptionAction> = new Set(['quantity.change', 'subscription.consolidate']);
const NEEDS_CHANGES: ReadonlySet<SubscriptionAction> = new Set(['seats.assign', 'groups.manage']);

/**
 * The permitted actions a subscription's status leaves open: what a view offers the person.
 * `billing.manage` stays (an open invoice is paid with it); what it may change besides is
 * `takesChanges`.
 */
export function actionsInStatus(
  actions: readonly SubscriptionAction[],
  status: SubscriptionStatus,
): SubscriptionAction[] {
  return actions.filter(
    (action) => (isLive(status) || !NEEDS_LIVE.has(action)) && (takesChanges(status) || !NEEDS_CHANGES.has(action)),
  );
}
