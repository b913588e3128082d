/**
 * The vendor's approval of a partner's trial seats (issue 10, finding 1). Enrolling as a partner
 * gives no power to hand out free seats; the vendor sets how many trial seats a partner may give
 * in total. There is no vendor role in the API (a new door for attackers): the vendor runs
 * `npm run partner:trial-allowance -- <advisor code> <seats|default>` on the server's host, whose
 * access to the data file is the authentication. Journaled in the partner's journal.
 */
import { ApiError } from '../http/apiError.js';
import { Journal } from '../journal/journal.js';
import type { UnitOfWork } from '../storage/unitOfWork.js';

export async function setPartnerTrialAllowance(
  uow: UnitOfWork,
  advisorCode: string,
  seats: number | null,
  now: number,
): Promise<{ partnerId: string; name: string; seats: number | null; given: number }> {
  if (seats !== null && (!Number.isInteger(seats) || seats < 0 || seats > 1_000_000))
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'The allowance is a whole number of seats from 0 to 1,000,000, or "default".',
    );
  return uow.transaction(async (tx) => {
    const partner = await tx.partners.setTrialSeatAllowance(advisorCode, seats);
    if (!partner) throw new ApiError(404, 'PARTNER_NOT_FOUND', `No partner has the advisor code ${advisorCode}.`);
    await Journal.record(tx, {
      organisationId: partner.organisationId,
      subscriptionId: null,
      actor: { role: 'vendor' },
      action: 'partner.trial_allowance_set',
      target: advisorCode,
      detail: { seats },
      ip: null,
      at: now,
    });
    return { partnerId: partner.id, name: partner.name, seats, given: await tx.offers.trialSeatsGiven(partner.id) };
  });
}
