/**
 * The license check (L2, L3, L5): who is calling, which seat they hold, and a signed answer.
 *
 * Binding: a seat is assigned to an address. The first check by a person of the subscription's
 * organisation (same tenant, or an approved domain) whose sign-in name is that address binds the
 * seat to their (tid, oid); from then on only that pair matters, whatever the email claim says.
 * Unknown people get a normal answer (free tier), never an error.
 */
import { SignJWT } from 'jose';
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import { LICENSE_TOKEN_ALGORITHM, LICENSE_TOKEN_AUDIENCE, LICENSE_TOKEN_TYPE, type LicenseCode } from '../../../shared/src/license/licenseToken.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { SeatForCheck, Storage } from '../storage/storage.js';
import { decideLicense, footerApplies } from './decideLicense.js';
import type { SigningKeys } from './signingKeys.js';

export interface LicenseCheckResult {
  valid: boolean;
  code: LicenseCode;
  footer: boolean;
  plan: string | null;
  subscriptionId: string | null;
  licenseToken: string;
  expiresAt: string;
}

/** Check-ins closer together than this are not written again (keeps the hot path read-only). */
const CHECK_IN_RESOLUTION_MS = 15 * 60 * 1000;

export class LicenseService {
  constructor(
    private readonly storage: Storage,
    private readonly keys: SigningKeys,
    private readonly options: { issuer: string; tokenTtlSeconds: number },
    private readonly clock: () => number = Date.now,
  ) {}

  async check(caller: CallerIdentity, nonce: string): Promise<LicenseCheckResult> {
    const now = this.clock();
    const decision = this.decide(caller, now);
    const footer = footerApplies(decision.code);
    const iat = Math.floor(now / 1000);
    const exp = iat + this.options.tokenTtlSeconds;
    const licenseToken = await new SignJWT({
      tid: caller.tenantId,
      code: decision.code,
      footer,
      plan: decision.code === 'ACTIVE' ? (decision.seat?.planId ?? null) : null,
      subscriptionId: decision.seat?.subscriptionId ?? null,
      nonce,
    })
      .setProtectedHeader({ alg: LICENSE_TOKEN_ALGORITHM, kid: this.keys.signing.kid, typ: LICENSE_TOKEN_TYPE })
      .setIssuer(this.options.issuer)
      .setAudience(LICENSE_TOKEN_AUDIENCE)
      .setSubject(caller.objectId)
      .setIssuedAt(iat)
      // A little in the past, so that a pane whose clock is slightly behind still accepts it.
      .setNotBefore(iat - 60)
      .setExpirationTime(exp)
      .sign(this.keys.signing.key);
    return {
      valid: decision.code === 'ACTIVE',
      code: decision.code,
      footer,
      plan: decision.code === 'ACTIVE' ? (decision.seat?.planId ?? null) : null,
      subscriptionId: decision.seat?.subscriptionId ?? null,
      licenseToken,
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  }

  private decide(caller: CallerIdentity, now: number) {
    // Fast path, no write: a bound live seat whose check-in is recent.
    const bound = this.storage.seatsBoundTo(caller.tenantId, caller.objectId);
    const fast = decideLicense(bound);
    if (fast.code === 'ACTIVE' && fast.seat && (fast.seat.lastCheckInAt ?? 0) > now - CHECK_IN_RESOLUTION_MS) return fast;

    return this.storage.transaction(() => {
      let seats = this.storage.seatsBoundTo(caller.tenantId, caller.objectId);
      if (!seats.some((seat) => seat.removedAt === null)) {
        const candidate = this.bindableSeat(caller);
        if (candidate && this.storage.bindSeat(candidate.id, caller.tenantId, caller.objectId)) {
          seats = this.storage.seatsBoundTo(caller.tenantId, caller.objectId);
        }
      }
      const decision = decideLicense(seats);
      if (decision.seat && decision.seat.removedAt === null) this.storage.recordCheckIn(decision.seat.id, now);
      return decision;
    });
  }

  private bindableSeat(caller: CallerIdentity): SeatForCheck | undefined {
    const email = caller.email ? normalizeEmail(caller.email) : null;
    if (!email?.ok) return undefined;
    return this.storage
      .unboundSeatsForEmail(email.canonical)
      .find((seat) => seat.organisationTenantId === caller.tenantId || this.storage.isDomainApproved(seat.organisationId, email.domain));
  }
}

