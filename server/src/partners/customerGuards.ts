/**
 * What a partner may not give (shared by offers and product keys): never to itself (its
 * organisation, its staff, people of its approved domains), and free seats only within the
 * vendor's limits (./trialRules.ts) and the partner's allowance.
 */
import { ApiError } from '../http/apiError.js';
import { anyClaimedAddress } from '../identity/verifiedClaims.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { Storage } from '../storage/storage.js';
import type { TrialRefusal } from './trialRules.js';

/** The vendor's limits on free seats (config `trials`). */
export interface TrialLimits {
  maxSeats: number;
  maxDays: number;
  partnerSeatAllowance: number;
}

/** The partner's allowance of trial seats (the vendor's approval, or the configured default) and how many it gave. */
export function trialAllowance(storage: Storage, partnerId: string, limits: TrialLimits): { seats: number; used: number } {
  return { seats: storage.entitlements.trialSeatAllowance(partnerId) ?? limits.partnerSeatAllowance, used: storage.entitlements.trialSeatsGiven(partnerId) };
}

/**
 * A partner is never its own customer: not its organisation (the caller's tenant), not its own
 * staff, not a person of one of the partner organisation's approved domains.
 */
export function refuseOwnCustomer(storage: Storage, partnerId: string, caller: CallerIdentity, limits: TrialLimits): void {
  const partner = storage.partners.findPartner(partnerId);
  if (!partner) return;
  const organisation = storage.findOrganisationByTenant(caller.tenantId);
  // A refusal: any address the caller goes by counts, the claimed one too.
  const addresses = anyClaimedAddress(caller);
  const own =
    organisation?.id === partner.organisationId ||
    storage.partners.staffOf(caller.tenantId, caller.objectId).some((staff) => staff.partnerId === partnerId) ||
    addresses.some((email) => storage.partners.findStaffByEmail(partnerId, email) !== undefined || storage.isDomainApproved(partner.organisationId, email.slice(email.lastIndexOf('@') + 1)));
  if (own) throw trialError('PARTNER_OWN_CUSTOMER', limits);
}

export function trialError(refusal: TrialRefusal, limits: TrialLimits): ApiError {
  const { maxSeats, maxDays } = limits;
  switch (refusal) {
    case 'PARTNER_OWN_CUSTOMER':
      return new ApiError(409, refusal, "A partner cannot take its own offers or product keys: they are for the partner's customers.");
    case 'TRIAL_OVER_LIMIT':
      return new ApiError(409, refusal, `A trial has at most ${maxSeats} seats for at most ${maxDays} days.`, { maxSeats, maxDays });
    case 'TRIAL_ALREADY_USED':
      return new ApiError(409, refusal, 'Your organisation has had a trial of this plan, or has a trial running: buy a subscription to go on.');
    case 'TRIAL_AFTER_PURCHASE':
      return new ApiError(409, refusal, 'Your organisation already pays for this plan, so a trial of it is not offered: add seats to your subscription instead.');
    default:
      return new ApiError(409, refusal, 'This partner cannot give more trial seats now. The partner can ask the vendor for a larger trial allowance.');
  }
}
