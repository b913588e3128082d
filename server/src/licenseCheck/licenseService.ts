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
import { LICENSE_TOKEN_AUDIENCE, type LicenseCode } from '#shared/license/licenseToken.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { Repositories, SeatForCheck, UnitOfWork } from '../storage/unitOfWork.js';
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
    private readonly uow: UnitOfWork,
    private readonly keys: SigningKeys,
    private readonly options: { issuer: string; tokenTtlSeconds: number },
    private readonly clock: () => number = Date.now,
  ) {}

  async check(caller: CallerIdentity, nonce: string): Promise<LicenseCheckResult> {
    const now = this.clock();
    const decision = await this.decide(caller, now);
    const footer = footerApplies(decision.code);
    const iat = Math.floor(now / 1000);
    const exp = iat + this.options.tokenTtlSeconds;
    const plan = decision.code === 'ACTIVE' ? (decision.seat?.planId ?? null) : null;
    const subscriptionId = decision.seat?.subscriptionId ?? null;
    const licenseToken = await this.keys.signing.sign({
      iss: this.options.issuer,
      aud: LICENSE_TOKEN_AUDIENCE,
      sub: caller.objectId,
      tid: caller.tenantId,
      code: decision.code,
      footer,
      plan,
      subscriptionId,
      nonce,
      iat,
      // A little in the past, so that a pane whose clock is slightly behind still accepts it.
      nbf: iat - 60,
      exp,
    });
    return {
      valid: decision.code === 'ACTIVE',
      code: decision.code,
      footer,
      plan,
      subscriptionId,
      licenseToken,
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  }

  private async decide(caller: CallerIdentity, now: number) {
    // Read first, outside any transaction: most checks change nothing (someone without a seat, a
    // bound seat checked in lately), and a write transaction would take a lock for nothing. Only a
    // seat to bind or a check-in due opens one, and reads again inside it.
    const read = this.uow.read;
    const bound = await read.subscriptions.seatsBoundTo(caller.tenantId, caller.objectId);
    const first = decideLicense(seatsThatCount(bound, caller.tenantId));
    const live = bound.filter((seat) => seat.removedAt === null);
    const bindable =
      !live.some((seat) => seat.organisationTenantId === caller.tenantId) &&
      (await this.bindableSeat(read, caller, live.length > 0)) !== undefined;
    const checkInDue =
      first.seat !== null &&
      first.seat.removedAt === null &&
      (first.seat.lastCheckInAt ?? 0) <= now - CHECK_IN_RESOLUTION_MS;
    if (!bindable && !checkInDue) return first;

    return this.uow.transaction(async (tx) => {
      // One check of this person at a time, on any instance: "nothing of the own tenant is bound yet, so bind one" is decided once.
      await tx.locks.lock(`person:${caller.tenantId}:${caller.objectId}`);
      let seats = await tx.subscriptions.seatsBoundTo(caller.tenantId, caller.objectId);
      const live = seats.filter((seat) => seat.removedAt === null);
      // Bind when nothing is bound, and a seat of the own tenant even when a foreign one is.
      if (!live.some((seat) => seat.organisationTenantId === caller.tenantId)) {
        const candidate = await this.bindableSeat(tx, caller, live.length > 0);
        if (candidate && (await tx.subscriptions.bindSeat(candidate.id, caller.tenantId, caller.objectId))) {
          seats = await tx.subscriptions.seatsBoundTo(caller.tenantId, caller.objectId);
        }
      }
      const decision = decideLicense(seatsThatCount(seats, caller.tenantId));
      if (
        decision.seat &&
        decision.seat.removedAt === null &&
        (decision.seat.lastCheckInAt ?? 0) <= now - CHECK_IN_RESOLUTION_MS
      )
        await tx.subscriptions.recordCheckIn(decision.seat.id, now);
      return decision;
    });
  }

  /** The seat to bind: assigned to an address Entra vouches for, in the own tenant's organisation first. */
  private async bindableSeat(
    repos: Repositories,
    caller: CallerIdentity,
    ownTenantOnly: boolean,
  ): Promise<SeatForCheck | undefined> {
    if (caller.tenantId === CONSUMER_TENANT_ID) return undefined;
    const candidates = await repos.subscriptions.unboundSeatsForEmails(caller.verifiedEmails ?? []);
    const own = candidates.find((seat) => seat.organisationTenantId === caller.tenantId);
    if (own || ownTenantOnly) return own;
    for (const seat of candidates) {
      if (
        await repos.organisations.isDomainProvenByDns(
          seat.organisationId,
          seat.emailCanonical.slice(seat.emailCanonical.lastIndexOf('@') + 1),
        )
      )
        return seat;
    }
    return undefined;
  }
}
