/**
 * Who is partner staff, the kernel every partner use case shares: the caller's staff role in a
 * partner organisation (binding their verified address to their identity on first use, as seats
 * bind), checked against what the role allows (./rules.ts `partnerCan`); and the entries of the
 * partner organisation's own journal, written as partner staff or as the customer who acted.
 */
import type { JournalAction } from '#shared/journal/journalActions.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { Journal, type JournalActor, type PartnerActor } from '../journal/journal.js';
import type { PartnerRow, PartnerStaffRow, Repositories } from '../storage/unitOfWork.js';
import { partnerCan, type PartnerAction } from './rules.js';

export interface PartnerAccess {
  partner: PartnerRow;
  staff: PartnerStaffRow;
}

/**
 * Binds staff rows of the caller's address in the caller's tenant to their identity (as seats bind
 * at the first check), in the caller's transaction (or each statement on its own, outside one:
 * binding is one conditional update per address).
 */
export async function bindStaff(repos: Repositories, caller: CallerIdentity): Promise<number> {
  // Only on an address Entra vouches for (identity/verifiedClaims.ts), never the sign-in name alone.
  let bound = 0;
  for (const email of caller.verifiedEmails ?? [])
    bound += await repos.partners.bindStaff(caller.tenantId, email, caller.objectId);
  return bound;
}

/** The caller's staff role in the partner: no role → 404 (ids reveal nothing), no right → 403. */
export async function partnerAccess(
  repos: Repositories,
  caller: CallerIdentity,
  partnerId: string,
  action: PartnerAction,
): Promise<PartnerAccess> {
  const staffIn = async () =>
    (await repos.partners.staffOf(caller.tenantId, caller.objectId)).find((s) => s.partnerId === partnerId);
  let staff = await staffIn();
  if (!staff && (await bindStaff(repos, caller)) > 0) staff = await staffIn();
  const partner = staff && (await repos.partners.findPartner(partnerId));
  if (!staff || !partner)
    throw new ApiError(404, 'PARTNER_NOT_FOUND', 'No partner organisation with this id is visible to you.');
  if (!partnerCan(staff.role, action))
    throw new ApiError(403, 'FORBIDDEN', 'Your staff role does not allow this in the partner organisation.');
  return { partner, staff };
}

/** The caller as partner staff, for the journal. */
export function staffActor(
  access: PartnerAccess,
  caller: Pick<CallerIdentity, 'tenantId' | 'objectId' | 'email'>,
): PartnerActor {
  return {
    role: 'partner',
    tenantId: caller.tenantId,
    objectId: caller.objectId,
    email: caller.email ?? access.staff.emailDisplay,
    partner: { id: access.partner.id, staffRole: access.staff.role },
    onBehalfOf: null,
  };
}

/** An entry in the partner organisation's own journal (offers, requests, keys, staff). */
export function partnerJournal(
  tx: Repositories,
  partner: PartnerRow,
  actor: JournalActor,
  action: JournalAction,
  target: string | null,
  detail: unknown,
  ip: string | null,
  at: number,
): Promise<void> {
  return Journal.record(tx, {
    organisationId: partner.organisationId,
    subscriptionId: null,
    actor,
    action,
    target,
    detail,
    ip,
    at,
  });
}
