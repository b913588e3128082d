/**
 * The license decision (L2) as a pure function: from the seats bound to a person, the reason
 * code and the seat that grants it. Checks run in a fixed order, like Keygen's validation codes:
 * no seat at all, then the subscription's state, then suspension, then removal, then active.
 */
import type { LicenseCode } from '../../../shared/src/license/licenseToken.js';
import type { SeatForCheck } from '../storage/storage.js';

export interface LicenseDecision {
  code: LicenseCode;
  seat: SeatForCheck | null;
}

const LIVE_STATUSES = new Set(['active', 'trial', 'past_due']);

export function decideLicense(boundSeats: readonly SeatForCheck[]): LicenseDecision {
  if (boundSeats.length === 0) return { code: 'NO_LICENSE', seat: null };
  const live = boundSeats.filter((seat) => seat.removedAt === null);
  const licensed = live.find((seat) => LIVE_STATUSES.has(seat.subscriptionStatus));
  if (licensed) return { code: 'ACTIVE', seat: licensed };
  const lapsed = live[0];
  if (lapsed) return { code: 'SUBSCRIPTION_EXPIRED', seat: lapsed };
  return { code: 'SEAT_REMOVED', seat: boundSeats[0] ?? null };
}

/** Only these codes remove the footer. */
export function footerApplies(code: LicenseCode): boolean {
  return code !== 'ACTIVE';
}
