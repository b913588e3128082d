/**
 * What redeeming a product key does to a subscription, pure (issue 10, finding 2). A key buys
 * exactly its seats for exactly its term (`termPeriods` periods of its plan): it is paid for
 * `seatTotal(seats) × termPeriods` and gives no more.
 *
 * - Without a subscription: a new one of the key's seats, its first period now; the key pays it
 *   and its next `termPeriods − 1` renewals.
 * - On a running trial: the trial ends now and the subscription becomes a paid one of the key's
 *   seats (the trial's own seats are not kept: a key never turns free seats into paid ones), as
 *   above. Refused when more people are assigned than the key has seats.
 * - On an active subscription: the key prepays its seats in `termPeriods` of the subscription's
 *   coming renewals (each such renewal invoice deducts the price of those seats for one period),
 *   like Microsoft 365's prepaid keys that extend a subscription. Keys are used oldest first, as
 *   many at a renewal as the subscription's seats hold, so two keys of its size extend it one after
 *   the other. Refused when the key has more seats than the subscription: a key never pays for
 *   seats the subscription does not have, and never makes seats it did not pay for.
 */

export interface KeyForRedemption {
  planId: string;
  seats: number;
  termPeriods: number;
}

export interface SubscriptionForKey {
  planId: string;
  status: 'trial' | 'active' | 'past_due' | 'expired' | 'cancelled';
  quantity: number;
  assigned: number;
}

export type KeyRedemption =
  | { kind: 'prepay'; periods: number }
  | { kind: 'convert_trial'; quantity: number; periodsUsedNow: 1 }
  | { kind: 'refuse'; code: 'PRODUCT_KEY_PLAN_MISMATCH' | 'SUBSCRIPTION_NOT_ACTIVE' | 'PRODUCT_KEY_SEATS_MISMATCH' };

export function keyRedemption(subscription: SubscriptionForKey, key: KeyForRedemption): KeyRedemption {
  if (subscription.planId !== key.planId) return { kind: 'refuse', code: 'PRODUCT_KEY_PLAN_MISMATCH' };
  if (subscription.status === 'trial') {
    if (subscription.assigned > key.seats) return { kind: 'refuse', code: 'PRODUCT_KEY_SEATS_MISMATCH' };
    return { kind: 'convert_trial', quantity: key.seats, periodsUsedNow: 1 };
  }
  if (subscription.status !== 'active') return { kind: 'refuse', code: 'SUBSCRIPTION_NOT_ACTIVE' };
  if (key.seats > subscription.quantity) return { kind: 'refuse', code: 'PRODUCT_KEY_SEATS_MISMATCH' };
  return { kind: 'prepay', periods: key.termPeriods };
}

/**
 * Which open grants (oldest first) pay a renewal of `quantity` seats: each takes its seats, as long
 * as they fit in what is left; what they take off the invoice is the price of their seats for one
 * period each, never more than the period's price.
 */
export function grantsForRenewal<G extends { seats: number }>(
  quantity: number,
  grants: readonly G[],
  seatTotalMinor: (seats: number) => number,
): { used: G[]; coverMinor: number } {
  const used: G[] = [];
  let seats = 0;
  for (const grant of grants) {
    if (seats + grant.seats > quantity) continue;
    used.push(grant);
    seats += grant.seats;
  }
  const covered = used.reduce((sum, grant) => sum + seatTotalMinor(grant.seats), 0);
  return { used, coverMinor: Math.min(covered, seatTotalMinor(quantity)) };
}
