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
import { normalizeEmail } from '#shared/email/normalizeEmail.js';

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

  const wids = Array.isArray(payload.wids)
    ? payload.wids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase())
    : [];
  return { verifiedEmails: [...verifiedEmails], tenantDomain, directoryRoles: wids };
}

/**
 * The address a caller's records are made under and written to (a subscription's owner, a
 * partner's contact, whom an offer's administration request is sent to): the first address Entra
 * vouches for (the mail address, `email` with `xms_edov`, before a member's UPN), spelt as the
 * token spelt it. Null when Entra vouches for none: the claimed name is then for display only.
 */
export function verifiedAddress(caller: {
  email: string | null;
  verifiedEmails?: readonly string[];
}): { canonical: string; display: string; domain: string } | null {
  const first = caller.verifiedEmails?.[0];
  if (first === undefined) return null;
  const claimed = caller.email ? normalizeEmail(caller.email) : null;
  const chosen = claimed?.ok && claimed.canonical === first ? claimed : normalizeEmail(first);
  return chosen.ok ? { canonical: chosen.canonical, display: chosen.display, domain: chosen.domain } : null;
}

/**
 * Every address the caller is known by, claimed or vouched for: only for refusing (a partner is
 * never its own customer), where a claim that matches is one more reason to say no, never to grant.
 */
export function anyClaimedAddress(caller: { email: string | null; verifiedEmails?: readonly string[] }): string[] {
  const claimed = caller.email ? normalizeEmail(caller.email) : null;
  return [...new Set([...(caller.verifiedEmails ?? []), ...(claimed?.ok ? [claimed.canonical] : [])])];
}

/** Why nothing is made for a caller without a verified address (the README's optional claims say how IT adds them). */
export const NO_VERIFIED_ADDRESS =
  "Microsoft 365 vouches for no email address of your account (a verified mail address, or a sign-in name at one of your organisation's domains), so nothing can be kept in your name. Ask your IT department to add the optional claims email, xms_edov and upn to the Outmerge app registration.";
