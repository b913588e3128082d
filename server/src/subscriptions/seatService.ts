/**
 * Seats (A2, A3, A4): assigning by email (one or up to 10,000 at once), removing, transferring in
 * one step, suspending, listing with search and sort, exporting. The seat invariant (never more
 * live seats than the quantity bought) holds because counting and inserting happen in one
 * transaction that locked the subscription first (`tx.subscriptions.lock`: `SELECT … FOR UPDATE` on
 * PostgreSQL, BEGIN IMMEDIATE on SQLite), backed by unique indexes on live seats.
 */
import { randomUUID } from 'node:crypto';
import type { AssignmentResult, SeatStatus, SeatView } from '#shared/api/views.js';
import { normalizeEmail } from '#shared/email/normalizeEmail.js';
import '#shared/i18n/allCatalogs.js';
import { resolveLocale, translator, type Locale, type MessageKey } from '#shared/i18n/translate.js';
import type { OutgoingEmail } from '../email/mailer.js';
import type { Outbox } from '../email/outbox.js';
import { seatRemovedEmail, welcomeEmail } from '../email/templates.js';
import { toCsv } from '#shared/csv/toCsv.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type {
  Repositories,
  SeatCursor,
  SeatQuery,
  SeatRow,
  SubscriptionRow,
  UnitOfWork,
} from '../storage/unitOfWork.js';
import { authorize, journal, refuseIfEnded } from '../access/access.js';
import type { DomainService } from '../organisations/domainService.js';

/** The UTC day an email counts against (the limit is per organisation and day). */
const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

export class SeatService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly options: { publicUrl: string; organisationDailyEmailLimit?: number },
    private readonly clock: () => number = Date.now,
    private readonly domains?: DomainService,
  ) {}

  /** Seats go only to proven domains (DNS, or the organisation's own tenant). */
  private isProven(repos: Repositories, organisationId: string, domain: string, now: number): Promise<boolean> {
    return this.domains
      ? this.domains.isProven(repos, organisationId, domain, now)
      : repos.organisations.isDomainApproved(organisationId, domain);
  }

  /**
   * Writes into the outbox those of these emails that may go (inside the caller's transaction):
   * only to proven domains, and no more than the organisation's daily allowance; the rest is held
   * back, never queued. Returns those written. The group sync's emails go through it too.
   */
  async queueWithinAllowance(
    tx: Repositories,
    organisationId: string,
    emails: readonly OutgoingEmail[],
    now: number,
  ): Promise<OutgoingEmail[]> {
    const deliverable: OutgoingEmail[] = [];
    for (const email of emails) {
      const address = normalizeEmail(email.to);
      if (address.ok && (await this.isProven(tx, organisationId, address.domain, now))) deliverable.push(email);
    }
    const granted = await tx.organisations.reserveEmails(
      organisationId,
      utcDay(now),
      deliverable.length,
      this.options.organisationDailyEmailLimit ?? 500,
    );
    const queued = deliverable.slice(0, granted);
    for (const email of queued) await this.outbox.add(tx, email, now);
    return queued;
  }

  async assign(
    caller: CallerIdentity,
    subscriptionId: string,
    emails: readonly string[],
    language: string | undefined,
    ip: string | null,
  ): Promise<AssignmentResult[]> {
    const locale = resolveLocale(language);
    const results = await this.uow.transaction(async (tx) => {
      // Locked before counting: concurrent assignments, on any instance, count one after another.
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'seats.assign');
      refuseIfEnded(access.subscription);
      const outgoing: OutgoingEmail[] = [];
      const now = this.clock();
      // A payment under way (a merge into another subscription, a renewal) decides what the seats cost: wait for it.
      if (await tx.subscriptions.isBillingLocked(subscriptionId, now))
        throw new ApiError(
          409,
          'BILLING_BUSY',
          'A payment for this subscription is being processed. Try again in a moment.',
        );
      let live = await tx.subscriptions.countLiveSeats(subscriptionId);
      const seen = new Set<string>();
      const proven = new Map<string, boolean>();
      const results: AssignmentResult[] = [];
      for (const input of emails) {
        const email = normalizeEmail(input);
        if (!email.ok) {
          results.push({ email: input, result: 'invalid' });
          continue;
        }
        if (
          seen.has(email.canonical) ||
          (await tx.subscriptions.findLiveSeatByEmail(subscriptionId, email.canonical))
        ) {
          results.push({ email: email.display, result: 'already_assigned' });
          continue;
        }
        seen.add(email.canonical);
        // One look-up per domain: a bulk assignment names few domains and many people.
        if (!proven.has(email.domain))
          proven.set(email.domain, await this.isProven(tx, access.subscription.organisationId, email.domain, now));
        if (!proven.get(email.domain)) {
          results.push({ email: email.display, result: 'domain_not_approved' });
          continue;
        }
        if (live >= access.subscription.quantity) {
          results.push({ email: email.display, result: 'no_seat_left' });
          continue;
        }
        await tx.subscriptions.insertSeat({
          id: randomUUID(),
          subscriptionId,
          emailCanonical: email.canonical,
          emailDisplay: email.display,
          language: locale,
          assignedAt: now,
        });
        await journal(tx, access, { action: 'seat.assigned', target: email.display, ip, at: now });
        live++;
        outgoing.push(
          welcomeEmail({
            to: email.display,
            locale,
            ownerEmail: access.subscription.ownerEmail,
            publicUrl: this.options.publicUrl,
          }),
        );
        results.push({ email: email.display, result: 'assigned' });
      }
      const allowed = new Set(await this.queueWithinAllowance(tx, access.subscription.organisationId, outgoing, now));
      const welcome = new Map(outgoing.map((mail) => [mail.to, allowed.has(mail)]));
      // Only a held-back email is mentioned: the usual answer stays { email, result }.
      return results.map((r) =>
        r.result === 'assigned' && !welcome.get(r.email) ? { ...r, welcomeEmail: 'daily_limit_reached' as const } : r,
      );
    });
    await this.outbox.deliver();
    return results;
  }

  async unassign(caller: CallerIdentity, subscriptionId: string, emailInput: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'seats.unassign');
      const seat = await this.liveSeat(tx, subscriptionId, emailInput);
      const now = this.clock();
      await tx.subscriptions.removeSeat(seat.id, now);
      await journal(tx, access, { action: 'seat.unassigned', target: seat.emailDisplay, ip, at: now });
      await this.queueWithinAllowance(
        tx,
        access.subscription.organisationId,
        [seatRemovedEmail({ to: seat.emailDisplay, locale: resolveLocale(seat.language), by: caller.email ?? '' })],
        now,
      );
    });
    await this.outbox.deliver();
  }

  /** Moves a seat from a leaving user to someone else in one step (A3): the old user's next check is unlicensed. */
  async transfer(
    caller: CallerIdentity,
    subscriptionId: string,
    fromInput: string,
    toInput: string,
    language: string | undefined,
    ip: string | null,
  ): Promise<AssignmentResult> {
    const locale = resolveLocale(language);
    const result = await this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'seats.assign');
      refuseIfEnded(access.subscription);
      const from = await this.liveSeat(tx, subscriptionId, fromInput);
      const to = normalizeEmail(toInput);
      if (!to.ok) return { email: toInput, result: 'invalid' as const };
      if (await tx.subscriptions.findLiveSeatByEmail(subscriptionId, to.canonical))
        return { email: to.display, result: 'already_assigned' as const };
      const now = this.clock();
      if (!(await this.isProven(tx, access.subscription.organisationId, to.domain, now)))
        return { email: to.display, result: 'domain_not_approved' as const };
      await tx.subscriptions.removeSeat(from.id, now);
      await tx.subscriptions.insertSeat({
        id: randomUUID(),
        subscriptionId,
        emailCanonical: to.canonical,
        emailDisplay: to.display,
        language: locale,
        assignedAt: now,
      });
      await journal(tx, access, {
        action: 'seat.transferred',
        target: to.display,
        detail: { from: from.emailDisplay },
        ip,
        at: now,
      });
      const welcome = welcomeEmail({
        to: to.display,
        locale,
        ownerEmail: access.subscription.ownerEmail,
        publicUrl: this.options.publicUrl,
      });
      const queued = await this.queueWithinAllowance(
        tx,
        access.subscription.organisationId,
        [
          welcome,
          seatRemovedEmail({ to: from.emailDisplay, locale: resolveLocale(from.language), by: caller.email ?? '' }),
        ],
        now,
      );
      return {
        email: to.display,
        result: 'assigned' as const,
        ...(queued.includes(welcome) ? {} : { welcomeEmail: 'daily_limit_reached' as const }),
      };
    });
    await this.outbox.deliver();
    return result;
  }

  setSuspended(
    caller: CallerIdentity,
    subscriptionId: string,
    emailInput: string,
    suspended: boolean,
    ip: string | null,
  ): Promise<SeatView> {
    return this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'seats.suspend');
      const seat = await this.liveSeat(tx, subscriptionId, emailInput);
      const now = this.clock();
      if ((seat.suspendedAt !== null) !== suspended) {
        await tx.subscriptions.setSeatSuspended(seat.id, suspended ? now : null);
        await journal(tx, access, {
          action: suspended ? 'seat.suspended' : 'seat.resumed',
          target: seat.emailDisplay,
          ip,
          at: now,
        });
      }
      return seatView({ ...seat, suspendedAt: suspended ? now : null }, access.subscription);
    });
  }

  async query(
    caller: CallerIdentity,
    subscriptionId: string,
    query: SeatQuery,
  ): Promise<{ total: number; items: SeatView[]; next: SeatCursor | null }> {
    const access = await authorize(this.uow.read, caller, subscriptionId, 'seats.view');
    const page = await this.uow.read.subscriptions.querySeats(subscriptionId, query);
    return { total: page.total, items: page.items.map((seat) => seatView(seat, access.subscription)), next: page.next };
  }

  /** Every seat, headers and statuses in the reader's language (times stay ISO 8601, which spreadsheets read in any language). */
  async exportCsv(caller: CallerIdentity, subscriptionId: string, locale: Locale): Promise<string> {
    const access = await authorize(this.uow.read, caller, subscriptionId, 'seats.view');
    const { items } = await this.uow.read.subscriptions.querySeats(subscriptionId, {
      sort: 'email',
      descending: false,
      offset: 0,
      limit: 1_000_000,
    });
    const t = translator(locale);
    return toCsv(
      [t('seats.user'), t('seats.status'), t('seats.assignedAt'), t('seats.lastCheckIn')],
      items
        .map((seat) => seatView(seat, access.subscription))
        .map((seat) => [
          seat.email,
          t(`paneAdmin.status.${seat.status}` as MessageKey),
          seat.assignedAt,
          seat.lastCheckInAt,
        ]),
    );
  }

  private async liveSeat(tx: Repositories, subscriptionId: string, emailInput: string): Promise<SeatRow> {
    const email = normalizeEmail(emailInput);
    const seat = email.ok ? await tx.subscriptions.findLiveSeatByEmail(subscriptionId, email.canonical) : undefined;
    if (!seat)
      throw new ApiError(404, 'ASSIGNMENT_NOT_FOUND', `No seat is assigned to ${emailInput} in this subscription.`);
    return seat;
  }
}

export function seatStatus(
  seat: Pick<SeatRow, 'boundObjectId' | 'suspendedAt'>,
  subscription: Pick<SubscriptionRow, 'status'>,
): SeatStatus {
  if (subscription.status === 'expired' || subscription.status === 'cancelled') return 'expired';
  if (seat.suspendedAt !== null) return 'suspended';
  return seat.boundObjectId ? 'active' : 'pending';
}

function seatView(seat: SeatRow, subscription: SubscriptionRow): SeatView {
  return {
    email: seat.emailDisplay,
    status: seatStatus(seat, subscription),
    assignedAt: new Date(seat.assignedAt).toISOString(),
    lastCheckInAt: seat.lastCheckInAt === null ? null : new Date(seat.lastCheckInAt).toISOString(),
  };
}
