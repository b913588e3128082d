/**
 * The license decision (L2) as a pure function. Each seat bound to the person is judged by checks
 * in a fixed order, like Keygen's validation codes: the subscription's state, then suspension,
 * then removal; a seat that passes them all is ACTIVE. With no seat at all the answer is
 * NO_LICENSE. When a person has several seats, the best answer wins.
 */
import type { LicenseCode } from '#shared/license/licenseToken.js';
import type { SeatForCheck } from '../storage/unitOfWork.js';

export interface LicenseDecision {
  code: LicenseCode;
  seat: SeatForCheck | null;
}

const LIVE_STATUSES = new Set(['active', 'trial', 'past_due']);

/** Which answer wins when seats disagree: a live licence first, removal last. */
const PREFERENCE: readonly LicenseCode[] = ['ACTIVE', 'SUSPENDED', 'SUBSCRIPTION_EXPIRED', 'SEAT_REMOVED'];

export function judgeSeat(seat: SeatForCheck): LicenseCode {
  if (!LIVE_STATUSES.has(seat.subscriptionStatus)) return 'SUBSCRIPTION_EXPIRED';
  if (seat.suspendedAt !== null) return 'SUSPENDED';
  if (seat.removedAt !== null) return 'SEAT_REMOVED';
  return 'ACTIVE';
}

export function decideLicense(boundSeats: readonly SeatForCheck[]): LicenseDecision {
  let best: LicenseDecision = { code: 'NO_LICENSE', seat: null };
  for (const seat of boundSeats) {
    const code = judgeSeat(seat);
    if (best.seat === null || PREFERENCE.indexOf(code) < PREFERENCE.indexOf(best.code)) best = { code, seat };
  }
  return best;
}

/** Only these codes remove the footer. */
export function footerApplies(code: LicenseCode): boolean {
  return code !== 'ACTIVE';
}

/**
 * The seats that speak for a person: when they hold a live seat of their own tenant's
 * organisation, only those — a seat another organisation assigned to them neither decides their
 * license nor hears of their check-ins (issue 10, finding 4). Otherwise all of them.
 */
export function seatsThatCount<T extends Pick<SeatForCheck, 'organisationTenantId' | 'removedAt'>>(
  boundSeats: readonly T[],
  tenantId: string,
): T[] {
  const own = boundSeats.filter((seat) => seat.organisationTenantId === tenantId);
  return own.some((seat) => seat.removedAt === null) ? own : [...boundSeats];
}
