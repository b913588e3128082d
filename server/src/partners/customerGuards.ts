/**
 * What a partner may not give (shared by offers and product keys): never to itself (its
 * organisation, its staff, people of its approved domains), and free seats only within the
 * vendor's limits (./trialRules.ts) and the partner's allowance.
 */
import { ApiError } from '../http/apiError.js';
import { anyClaimedAddress } from '../identity/verifiedClaims.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { Repositories } from '../storage/unitOfWork.js';
import type { TrialRefusal } from './trialRules.js';

/** The vendor's limits on free seats (config `trials`). */
export interface TrialLimits {
  maxSeats: number;
  maxDays: number;
  partnerSeatAllowance: number;
}

/** The partner's allowance of trial seats (the vendor's approval, or the configured default) and how many it gave. */
export async function trialAllowance(
  repos: Repositories,
  partnerId: string,
  limits: TrialLimits,
): Promise<{ seats: number; used: number }> {
  return {
    seats: (await repos.partners.trialSeatAllowance(partnerId)) ?? limits.partnerSeatAllowance,
    used: await repos.offers.trialSeatsGiven(partnerId),
  };
}

/**
 * A partner is never its own customer: not its organisation (the caller's tenant), not its own
 * staff, not a person of one of the partner organisation's approved domains.
 */
export async function refuseOwnCustomer(
  repos: Repositories,
  partnerId: string,
  caller: CallerIdentity,
  limits: TrialLimits,
): Promise<void> {
  const partner = await repos.partners.findPartner(partnerId);
  if (!partner) return;
  const organisation = await repos.organisations.findByTenant(caller.tenantId);
  let own =
    organisation?.id === partner.organisationId ||
    (await repos.partners.staffOf(caller.tenantId, caller.objectId)).some((staff) => staff.partnerId === partnerId);
  // A refusal: any address the caller goes by counts, the claimed one too.
  for (const email of own ? [] : anyClaimedAddress(caller)) {
    if (
      (await repos.partners.findStaffByEmail(partnerId, email)) !== undefined ||
      (await repos.organisations.isDomainApproved(partner.organisationId, email.slice(email.lastIndexOf('@') + 1)))
    ) {
      own = true;
      break;
    }
  }
  if (own) throw trialError('PARTNER_OWN_CUSTOMER', limits);
}

export function trialError(refusal: TrialRefusal, limits: TrialLimits): ApiError {
  const { maxSeats, maxDays } = limits;
  switch (refusal) {
    case 'PARTNER_OWN_CUSTOMER':
      return new ApiError(
        409,
        refusal,
        "A partner cannot take its own offers or product keys: they are for the partner's customers.",
      );
    case 'TRIAL_OVER_LIMIT':
      return new ApiError(409, refusal, `A trial has at most ${maxSeats} seats for at most ${maxDays} days.`, {
        maxSeats,
        maxDays,
      });
    case 'TRIAL_ALREADY_USED':
      return new ApiError(
        409,
        refusal,
        'Your organisation has had a trial of this plan, or has a trial running: buy a subscription to go on.',
      );
    case 'TRIAL_AFTER_PURCHASE':
      return new ApiError(
        409,
        refusal,
        'Your organisation already pays for this plan, so a trial of it is not offered: add seats to your subscription instead.',
      );
    default:
      return new ApiError(
        409,
        refusal,
        'This partner cannot give more trial seats now. The partner can ask the vendor for a larger trial allowance.',
      );
  }
}
