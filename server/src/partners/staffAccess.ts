/**
 * Who is partner staff, the kernel every partner use case shares: the caller's staff role in a
 * partner organisation (binding their verified address to their identity on first use, as seats
 * bind), checked against what the role allows (./rules.ts `partnerCan`); and the entries of the
 * partner organisation's own journal, written as partner staff or as the customer who acted.
 */
import type { JournalAction } from '../../../shared/src/journal/journalActions.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { Journal, type JournalActor, type PartnerActor } from '../journal/journal.js';
import type { PartnerRow, PartnerStaffRow } from '../storage/partnerStorage.js';
import type { Storage } from '../storage/storage.js';
import { partnerCan, type PartnerAction } from './rules.js';

export interface PartnerAccess {
  partner: PartnerRow;
  staff: PartnerStaffRow;
}

/** Binds staff rows of the caller's address in the caller's tenant to their identity (as seats bind at the first check). */
export function bindStaff(storage: Storage, caller: CallerIdentity): number {
  // Only on an address Entra vouches for (identity/verifiedClaims.ts), never the sign-in name alone.
  const emails = caller.verifiedEmails ?? [];
  if (emails.length === 0) return 0;
  return storage.transaction(() => emails.reduce((bound, email) => bound + storage.partners.bindStaff(caller.tenantId, email, caller.objectId), 0));
}

/** The caller's staff role in the partner: no role → 404 (ids reveal nothing), no right → 403. */
export function partnerAccess(storage: Storage, caller: CallerIdentity, partnerId: string, action: PartnerAction): PartnerAccess {
  const staffIn = () => storage.partners.staffOf(caller.tenantId, caller.objectId).find((s) => s.partnerId === partnerId);
  let staff = staffIn();
  if (!staff && bindStaff(storage, caller) > 0) staff = staffIn();
  const partner = staff && storage.partners.findPartner(partnerId);
  if (!staff || !partner) throw new ApiError(404, 'PARTNER_NOT_FOUND', 'No partner organisation with this id is visible to you.');
  if (!partnerCan(staff.role, action)) throw new ApiError(403, 'FORBIDDEN', 'Your staff role does not allow this in the partner organisation.');
  return { partner, staff };
}

/** The caller as partner staff, for the journal. */
export function staffActor(access: PartnerAccess, caller: Pick<CallerIdentity, 'tenantId' | 'objectId' | 'email'>): PartnerActor {
  return { role: 'partner', tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email ?? access.staff.emailDisplay, partner: { id: access.partner.id, staffRole: access.staff.role }, onBehalfOf: null };
}

/** An entry in the partner organisation's own journal (offers, requests, keys, staff). */
export function partnerJournal(storage: Storage, partner: PartnerRow, actor: JournalActor, action: JournalAction, target: string | null, detail: unknown, ip: string | null, at: number): void {
  Journal.record(storage, { organisationId: partner.organisationId, subscriptionId: null, actor, action, target, detail, ip, at });
}
