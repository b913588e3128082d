/**
 * The license check (L2, L3, L5): who is calling, which seat they hold, and a signed answer.
 *
 * Binding: a seat is assigned to an address. The first check by a person for whom Entra vouches
 * for that address (`verifiedClaims.ts`: the `email` claim with `xms_edov`, a member's UPN; never
 * `preferred_username`) binds the seat to their (tid, oid); from then on only that pair matters.
 * A person binds a seat of their own tenant's organisation, or of another organisation only
 * through a domain that organisation proved by DNS. A seat of their own tenant always wins: it is
 * bound even when another organisation's seat already is, and from then on decides alone
 * (`seatsThatCount`). The consumer tenant (personal Microsoft accounts) binds no seat: seats are
 * organisations' and such accounts belong to none. Unknown people get a normal answer (free
 * tier), never an error.
 */
import { SignJWT } from 'jose';
import { LICENSE_TOKEN_ALGORITHM, LICENSE_TOKEN_AUDIENCE, LICENSE_TOKEN_TYPE, type LicenseCode } from '../../../shared/src/license/licenseToken.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { SeatForCheck, Storage } from '../storage/storage.js';
import { CONSUMER_TENANT_ID } from '../identity/verifiedClaims.js';
import { decideLicense, footerApplies, seatsThatCount } from './decideLicense.js';
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

/** Check-ins closer together than this are not written again (keeps the usual check read-only). */
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
    // Read first, outside any transaction: most checks change nothing (someone without a seat, a
    // bound seat checked in lately), and a write transaction would take the database's one write
    // lock for nothing. Only a seat to bind or a check-in due opens one, and reads again inside it.
    const bound = this.storage.seatsBoundTo(caller.tenantId, caller.objectId);
    const read = decideLicense(seatsThatCount(bound, caller.tenantId));
    const live = bound.filter((seat) => seat.removedAt === null);
    const bindable = !live.some((seat) => seat.organisationTenantId === caller.tenantId) && this.bindableSeat(caller, live.length > 0) !== undefined;
    const checkInDue = read.seat !== null && read.seat.removedAt === null && (read.seat.lastCheckInAt ?? 0) <= now - CHECK_IN_RESOLUTION_MS;
    if (!bindable && !checkInDue) return read;

    return this.storage.transaction(() => {
      let seats = this.storage.seatsBoundTo(caller.tenantId, caller.objectId);
      const live = seats.filter((seat) => seat.removedAt === null);
      // Bind when nothing is bound, and a seat of the own tenant even when a foreign one is.
      if (!live.some((seat) => seat.organisationTenantId === caller.tenantId)) {
        const candidate = this.bindableSeat(caller, live.length > 0);
        if (candidate && this.storage.bindSeat(candidate.id, caller.tenantId, caller.objectId)) {
          seats = this.storage.seatsBoundTo(caller.tenantId, caller.objectId);
        }
      }
      const decision = decideLicense(seatsThatCount(seats, caller.tenantId));
      if (decision.seat && decision.seat.removedAt === null && (decision.seat.lastCheckInAt ?? 0) <= now - CHECK_IN_RESOLUTION_MS) this.storage.recordCheckIn(decision.seat.id, now);
      return decision;
    });
  }

  /** The seat to bind: assigned to an address Entra vouches for, in the own tenant's organisation first. */
  private bindableSeat(caller: CallerIdentity, ownTenantOnly: boolean): SeatForCheck | undefined {
    if (caller.tenantId === CONSUMER_TENANT_ID) return undefined;
    const candidates = this.storage.unboundSeatsForEmails(caller.verifiedEmails ?? []);
    const own = candidates.find((seat) => seat.organisationTenantId === caller.tenantId);
    if (own || ownTenantOnly) return own;
    return candidates.find((seat) => this.storage.isDomainProvenByDns(seat.organisationId, seat.emailCanonical.slice(seat.emailCanonical.lastIndexOf('@') + 1)));
  }
}
