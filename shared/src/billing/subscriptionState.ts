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

const NEEDS_LIVE: ReadonlySet<SubscriptionAction> = new Set(['quantity.change', 'subscription.consolidate']);

/** The permitted actions a subscription's status leaves open: what a view offers the person. */
export function actionsInStatus(actions: readonly SubscriptionAction[], status: SubscriptionStatus): SubscriptionAction[] {
  return isLive(status) ? [...actions] : actions.filter((action) => !NEEDS_LIVE.has(action));
}
