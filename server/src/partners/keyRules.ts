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
 * - On an active subscription: the key prepays its seats in the subscription's next `termPeriods`
 *   renewals (each renewal invoice deducts the price of those seats for one period), like
 *   Microsoft 365's prepaid keys that extend a subscription. Refused when the subscription has
 *   fewer seats than the keys redeemed on it would prepay: a key never pays for seats the
 *   subscription does not have, and never makes seats it did not pay for.
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
  /** Seats already prepaid by earlier keys in renewals still to come. */
  prepaidSeats: number;
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
  if (subscription.prepaidSeats + key.seats > subscription.quantity) return { kind: 'refuse', code: 'PRODUCT_KEY_SEATS_MISMATCH' };
  return { kind: 'prepay', periods: key.termPeriods };
}

/**
 * What the keys prepaying a renewal of `quantity` seats take off its invoice: each key the price of
 * its own seats for one period, together never more than the period's price.
 */
export function prepaidCoverMinor(quantity: number, grantSeats: readonly number[], seatTotalMinor: (seats: number) => number): number {
  const covered = grantSeats.reduce((sum, seats) => sum + seatTotalMinor(seats), 0);
  return Math.min(covered, seatTotalMinor(quantity));
}
