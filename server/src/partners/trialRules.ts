/**
 * What a trial may give, pure (issue 10, finding 1). A trial is a gift of seats from the vendor, so
 * the vendor's limits decide, as Microsoft 365 and Stripe do: a small seat cap (Microsoft 365's
 * trials have 25 licences), a bounded length, one trial per organisation and plan, none after the
 * organisation paid for that plan, never two at once, and never to the partner's own organisation.
 * Enrolling as a partner grants no power to give free seats: each partner has an allowance of
 * trial seats in total (the configured default, 0 unless set, or what the vendor approved).
 */

export interface TrialLimits {
  maxSeats: number;
  maxDays: number;
}

export type TrialRefusal =
  | 'PARTNER_OWN_CUSTOMER'
  | 'TRIAL_OVER_LIMIT'
  | 'TRIAL_ALREADY_USED'
  | 'TRIAL_AFTER_PURCHASE'
  | 'PARTNER_TRIAL_ALLOWANCE_EXCEEDED';

/** Why a partner may not create this trial offer now, or null. */
export function trialOfferRefusal(
  offer: { seats: number; days: number },
  limits: TrialLimits,
  allowance: { seats: number; used: number },
): TrialRefusal | null {
  if (offer.seats > limits.maxSeats || offer.days > limits.maxDays) return 'TRIAL_OVER_LIMIT';
  if (allowance.used + offer.seats > allowance.seats) return 'PARTNER_TRIAL_ALLOWANCE_EXCEEDED';
  return null;
}

export interface TrialStart {
  seats: number;
  days: number;
  /** The organisation taking the trial is the partner's own. */
  ownCustomer: boolean;
  /** The organisation had a trial of this plan before (any outcome). */
  hadTrialOfPlan: boolean;
  /** The organisation has a trial running now (any plan). */
  hasLiveTrial: boolean;
  /** The organisation has, or had, a subscription of this plan that was not a trial. */
  paidForPlan: boolean;
  allowance: { seats: number; used: number };
}

/** Why this organisation cannot start this trial now, or null; the first refusal in this order wins. */
export function trialStartRefusal(start: TrialStart, limits: TrialLimits): TrialRefusal | null {
  if (start.ownCustomer) return 'PARTNER_OWN_CUSTOMER';
  if (start.seats > limits.maxSeats || start.days > limits.maxDays) return 'TRIAL_OVER_LIMIT';
  if (start.hadTrialOfPlan || start.hasLiveTrial) return 'TRIAL_ALREADY_USED';
  if (start.paidForPlan) return 'TRIAL_AFTER_PURCHASE';
  if (start.allowance.used + start.seats > start.allowance.seats) return 'PARTNER_TRIAL_ALLOWANCE_EXCEEDED';
  return null;
}
