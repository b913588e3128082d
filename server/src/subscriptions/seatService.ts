/**
 * Seats (A2, A3, A4): assigning by email (one or up to 10,000 at once), removing, transferring in
 * one step, suspending, listing with search and sort, exporting. The seat invariant (never more
 * live seats than the quantity bought) holds because counting and inserting happen in one
 * `BEGIN IMMEDIATE` transaction, backed by unique indexes on live seats.
 */
import { randomUUID } from 'node:crypto';
import type { AssignmentResult, SeatStatus, SeatView } from '../../../shared/src/api/views.js';
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import '../../../shared/src/i18n/allCatalogs.js';
import { resolveLocale, translator, type Locale, type MessageKey } from '../../../shared/src/i18n/translate.js';
import type { OutgoingEmail } from '../email/mailer.js';
import type { Outbox } from '../email/outbox.js';
import { seatRemovedEmail, welcomeEmail } from '../email/templates.js';
import { toCsv } from '../../../shared/src/csv/toCsv.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { SeatCursor, SeatQuery, SeatRow, Storage, SubscriptionRow } from '../storage/storage.js';
import { authorize, journal } from '../access/access.js';
import type { DomainService } from '../organisations/domainService.js';

/** The UTC day an email counts against (the limit is per organisation and day). */
const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

export class SeatService {
  constructor(
    private readonly storage: Storage,
    private readonly outbox: Outbox,
    private readonly options: { publicUrl: string; organisationDailyEmailLimit?: number },
    private readonly clock: () => number = Date.now,
    private readonly domains?: DomainService,
  ) {}

  /** Seats go only to proven domains (DNS, or the organisation's own tenant). */
  private isProven(organisationId: string, domain: string, now: number): boolean {
    return this.domains ? this.domains.isProven(organisationId, domain, now) : this.storage.isDomainApproved(organisationId, domain);
  }

  /**
   * Writes into the outbox those of these emails that may go (inside the caller's transaction):
   * only to proven domains, and no more than the organisation's daily allowance; the rest is held
   * back, never queued. Returns those written.
   */
  private queueWithinAllowance(organisationId: string, emails: readonly OutgoingEmail[], now: number): OutgoingEmail[] {
    const deliverable = emails.filter((email) => {
      const address = normalizeEmail(email.to);
      return address.ok && this.isProven(organisationId, address.domain, now);
    });
    const granted = this.storage.reserveOrganisationEmails(organisationId, utcDay(now), deliverable.length, this.options.organisationDailyEmailLimit ?? 500);
    const queued = deliverable.slice(0, granted);
    for (const email of queued) this.outbox.add(email, now);
    return queued;
  }

  async assign(caller: CallerIdentity, subscriptionId: string, emails: readonly string[], language: string | undefined, ip: string | null): Promise<AssignmentResult[]> {
    const locale = resolveLocale(language);
    const results = this.storage.transaction(() => {
      const access = authorize(this.storage, caller, subscriptionId, 'seats.assign');
      const outgoing: OutgoingEmail[] = [];
      const now = this.clock();
      // A payment under way (a merge into another subscription, a renewal) decides what the seats cost: wait for it.
      if (this.storage.billing.isLocked(subscriptionId, now)) throw new ApiError(409, 'BILLING_BUSY', 'A payment for this subscription is being processed. Try again in a moment.');
      let live = this.storage.countLiveSeats(subscriptionId);
      const seen = new Set<string>();
      const results = emails.map((input): AssignmentResult => {
        const email = normalizeEmail(input);
        if (!email.ok) return { email: input, result: 'invalid' };
        if (seen.has(email.canonical) || this.storage.findLiveSeatByEmail(subscriptionId, email.canonical)) return { email: email.display, result: 'already_assigned' };
        seen.add(email.canonical);
        if (!this.isProven(access.subscription.organisationId, email.domain, now)) return { email: email.display, result: 'domain_not_approved' };
        if (live >= access.subscription.quantity) return { email: email.display, result: 'no_seat_left' };
        this.storage.insertSeat({ id: randomUUID(), subscriptionId, emailCanonical: email.canonical, emailDisplay: email.display, language: locale, assignedAt: now });
        journal(this.storage, access, { action: 'seat.assigned', target: email.display, ip, at: now });
        live++;
        outgoing.push(welcomeEmail({ to: email.display, locale, ownerEmail: access.subscription.ownerEmail, publicUrl: this.options.publicUrl }));
        return { email: email.display, result: 'assigned' };
      });
      const allowed = new Set(this.queueWithinAllowance(access.subscription.organisationId, outgoing, now));
      const welcome = new Map(outgoing.map((mail) => [mail.to, allowed.has(mail)]));
      // Only a held-back email is mentioned: the usual answer stays { email, result }.
      return results.map((r) => (r.result === 'assigned' && !welcome.get(r.email) ? { ...r, welcomeEmail: 'daily_limit_reached' as const } : r));
    });
    await this.outbox.deliver();
    return results;
  }

  async unassign(caller: CallerIdentity, subscriptionId: string, emailInput: string, ip: string | null): Promise<void> {
    this.storage.transaction(() => {
      const access = authorize(this.storage, caller, subscriptionId, 'seats.unassign');
      const seat = this.liveSeat(subscriptionId, emailInput);
      const now = this.clock();
      this.storage.removeSeat(seat.id, now);
      journal(this.storage, access, { action: 'seat.unassigned', target: seat.emailDisplay, ip, at: now });
      this.queueWithinAllowance(access.subscription.organisationId, [seatRemovedEmail({ to: seat.emailDisplay, locale: resolveLocale(seat.language), by: caller.email ?? '' })], now);
    });
    await this.outbox.deliver();
  }

  /** Moves a seat from a leaving user to someone else in one step (A3): the old user's next check is unlicensed. */
  async transfer(caller: CallerIdentity, subscriptionId: string, fromInput: string, toInput: string, language: string | undefined, ip: string | null): Promise<AssignmentResult> {
    const locale = resolveLocale(language);
    const result = this.storage.transaction(() => {
      const access = authorize(this.storage, caller, subscriptionId, 'seats.assign');
      const from = this.liveSeat(subscriptionId, fromInput);
      const to = normalizeEmail(toInput);
      if (!to.ok) return { email: toInput, result: 'invalid' as const };
      if (this.storage.findLiveSeatByEmail(subscriptionId, to.canonical)) return { email: to.display, result: 'already_assigned' as const };
      const now = this.clock();
      if (!this.isProven(access.subscription.organisationId, to.domain, now)) return { email: to.display, result: 'domain_not_approved' as const };
      this.storage.removeSeat(from.id, now);
      this.storage.insertSeat({ id: randomUUID(), subscriptionId, emailCanonical: to.canonical, emailDisplay: to.display, language: locale, assignedAt: now });
      journal(this.storage, access, { action: 'seat.transferred', target: to.display, detail: { from: from.emailDisplay }, ip, at: now });
      const welcome = welcomeEmail({ to: to.display, locale, ownerEmail: access.subscription.ownerEmail, publicUrl: this.options.publicUrl });
      const queued = this.queueWithinAllowance(access.subscription.organisationId, [welcome, seatRemovedEmail({ to: from.emailDisplay, locale: resolveLocale(from.language), by: caller.email ?? '' })], now);
      return { email: to.display, result: 'assigned' as const, ...(queued.includes(welcome) ? {} : { welcomeEmail: 'daily_limit_reached' as const }) };
    });
    await this.outbox.deliver();
    return result;
  }

  setSuspended(caller: CallerIdentity, subscriptionId: string, emailInput: string, suspended: boolean, ip: string | null): SeatView {
    return this.storage.transaction(() => {
      const access = authorize(this.storage, caller, subscriptionId, 'seats.suspend');
      const seat = this.liveSeat(subscriptionId, emailInput);
      const now = this.clock();
      if ((seat.suspendedAt !== null) !== suspended) {
        this.storage.setSeatSuspended(seat.id, suspended ? now : null);
        journal(this.storage, access, { action: suspended ? 'seat.suspended' : 'seat.resumed', target: seat.emailDisplay, ip, at: now });
      }
      return seatView({ ...seat, suspendedAt: suspended ? now : null }, access.subscription);
    });
  }

  query(caller: CallerIdentity, subscriptionId: string, query: SeatQuery): { total: number; items: SeatView[]; next: SeatCursor | null } {
    const access = authorize(this.storage, caller, subscriptionId, 'seats.view');
    const page = this.storage.querySeats(subscriptionId, query);
    return { total: page.total, items: page.items.map((seat) => seatView(seat, access.subscription)), next: page.next };
  }

  /** Every seat, headers and statuses in the reader's language (times stay ISO 8601, which spreadsheets read in any language). */
  exportCsv(caller: CallerIdentity, subscriptionId: string, locale: Locale): string {
    const access = authorize(this.storage, caller, subscriptionId, 'seats.view');
    const { items } = this.storage.querySeats(subscriptionId, { sort: 'email', descending: false, offset: 0, limit: 1_000_000 });
    const t = translator(locale);
    return toCsv(
      [t('seats.user'), t('seats.status'), t('seats.assignedAt'), t('seats.lastCheckIn')],
      items.map((seat) => seatView(seat, access.subscription)).map((seat) => [seat.email, t(`paneAdmin.status.${seat.status}` as MessageKey), seat.assignedAt, seat.lastCheckInAt]),
    );
  }

  private liveSeat(subscriptionId: string, emailInput: string): SeatRow {
    const email = normalizeEmail(emailInput);
    const seat = email.ok ? this.storage.findLiveSeatByEmail(subscriptionId, email.canonical) : undefined;
    if (!seat) throw new ApiError(404, 'ASSIGNMENT_NOT_FOUND', `No seat is assigned to ${emailInput} in this subscription.`);
    return seat;
  }
}

export function seatStatus(seat: Pick<SeatRow, 'boundObjectId' | 'suspendedAt'>, subscription: Pick<SubscriptionRow, 'status'>): SeatStatus {
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

