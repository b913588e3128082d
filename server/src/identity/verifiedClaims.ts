/**
 * Which sign-in facts of an Entra access token are Microsoft's word rather than the user's.
 *
 * Entra's guidance ("Migrate away from using email claims", optional claims reference): `email`,
 * `preferred_username` and `upn` are mutable and not for authorisation; a user without a mailbox
 * can set any Mail attribute. Outmerge still has to find the person a seat was assigned to by
 * address, once, before keying the seat on (tid, oid). It does so only with addresses Entra
 * vouches for:
 * - the `email` claim when the optional claim `xms_edov` is true (the email's domain owner is
 *   verified: a domain the user's tenant verified, or a Microsoft, Google or one-time-passcode
 *   address) — this is also how a seat assigned to a person's primary SMTP address reaches them
 *   when their sign-in name (UPN) differs;
 * - the `upn` of a member (`acct` 0): Graph's user resource says a UPN's domain "must be present in
 *   the tenant's collection of verified domains". A guest's UPN is not theirs to vouch for.
 * Anything else (a bare `preferred_username`, an `email` without `xms_edov`) binds nothing.
 */
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';

/** Personal Microsoft accounts sign in to this tenant (access token claims reference, `iss`, `tid`). */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

export interface VerifiedClaims {
  /** Canonical addresses Entra vouches for. */
  verifiedEmails: string[];
  /** The domain of a member's UPN: one of the caller's tenant's verified domains. */
  tenantDomain: string | null;
  /** Directory role template ids (`wids`). */
  directoryRoles: string[];
}

const isTrue = (value: unknown) => value === true || value === 'true';

export function verifiedClaims(payload: Record<string, unknown>): VerifiedClaims {
  const verifiedEmails = new Set<string>();
  let tenantDomain: string | null = null;

  const email = typeof payload.email === 'string' ? normalizeEmail(payload.email) : null;
  if (email?.ok && isTrue(payload.xms_edov)) verifiedEmails.add(email.canonical);

  const member = payload.acct === 0 || payload.acct === '0';
  const upn = typeof payload.upn === 'string' && !payload.upn.includes('#') ? normalizeEmail(payload.upn) : null;
  if (member && upn?.ok && payload.tid !== CONSUMER_TENANT_ID) {
    verifiedEmails.add(upn.canonical);
    tenantDomain = upn.domain;
  }

  const wids = Array.isArray(payload.wids) ? payload.wids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()) : [];
  return { verifiedEmails: [...verifiedEmails], tenantDomain, directoryRoles: wids };
}
