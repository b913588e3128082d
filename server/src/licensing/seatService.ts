/**
 * Seats (A2, A3, A4): assigning by email, removing, listing. The seat invariant (never more live
 * seats than the quantity bought) is enforced by counting and inserting inside one
 * `BEGIN IMMEDIATE` transaction, backed by unique indexes on live seats.
 */
import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import { resolveLocale } from '../../../shared/src/i18n/translate.js';
import { can, type SubscriptionAction } from '../../../shared/src/permissions/permissions.js';
import { welcomeEmail } from '../email/templates.js';
import type { Mailer } from '../email/mailer.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { SeatRow, Storage, SubscriptionRow } from '../storage/storage.js';

export type AssignmentOutcome = 'assigned' | 'already_assigned' | 'invalid' | 'domain_not_approved' | 'no_seat_left';

export interface AssignmentResult {
  email: string;
  result: AssignmentOutcome;
}

export type SeatStatus = 'pending' | 'active' | 'expired';

export interface SeatView {
  email: string;
  status: SeatStatus;
  assignedAt: string;
  lastCheckInAt: string | null;
}

export class SeatService {
  constructor(
    private readonly storage: Storage,
    private readonly mailer: Mailer,
    private readonly options: { publicUrl: string },
    private readonly clock: () => number = Date.now,
    private readonly log: (error: unknown, message: string) => void = () => {},
  ) {}

  /** The subscription if the caller may do `action` on it; otherwise "not found", so that foreign ids reveal nothing. */
  authorize(caller: CallerIdentity, subscriptionId: string, action: SubscriptionAction): SubscriptionRow {
    const subscription = this.storage.findSubscription(subscriptionId);
    if (!subscription || !can(caller, 'subscription.view', rolesOf(subscription))) {
      throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', 'No subscription with this id is visible to you.');
    }
    if (!can(caller, action, rolesOf(subscription))) throw new ApiError(403, 'FORBIDDEN', 'You do not have the permission for this action on this subscription.');
    return subscription;
  }

  async assign(caller: CallerIdentity, subscriptionId: string, emails: readonly string[], language: string | undefined, ip: string | null): Promise<AssignmentResult[]> {
    const locale = resolveLocale(language);
    const welcome: Array<{ to: string; ownerEmail: string }> = [];
    const results = this.storage.transaction(() => {
      const subscription = this.authorize(caller, subscriptionId, 'seats.assign');
      let live = this.storage.countLiveSeats(subscriptionId);
      const now = this.clock();
      const seen = new Set<string>();
      return emails.map((input): AssignmentResult => {
        const email = normalizeEmail(input);
        if (!email.ok) return { email: input, result: 'invalid' };
        if (seen.has(email.canonical) || this.storage.findLiveSeatByEmail(subscriptionId, email.canonical)) {
          return { email: email.display, result: 'already_assigned' };
        }
        seen.add(email.canonical);
        if (!this.storage.isDomainApproved(subscription.organisationId, email.domain)) return { email: email.display, result: 'domain_not_approved' };
        if (live >= subscription.quantity) return { email: email.display, result: 'no_seat_left' };
        this.storage.insertSeat({ id: randomUUID(), subscriptionId, emailCanonical: email.canonical, emailDisplay: email.display, language: locale, assignedAt: now });
        this.storage.appendJournal({ organisationId: subscription.organisationId, subscriptionId, actor: actorOf(caller), action: 'seat.assigned', target: email.display, detail: null, ip, at: now });
        live++;
        welcome.push({ to: email.display, ownerEmail: subscription.ownerEmail });
        return { email: email.display, result: 'assigned' };
      });
    });
    // Email after commit: a mail server that is down must not undo an assignment.
    for (const mail of welcome) {
      await this.mailer.send(welcomeEmail({ to: mail.to, locale, ownerEmail: mail.ownerEmail, publicUrl: this.options.publicUrl })).catch((error: unknown) => this.log(error, `welcome email to ${mail.to} failed`));
    }
    return results;
  }

  unassign(caller: CallerIdentity, subscriptionId: string, emailInput: string, ip: string | null): void {
    this.storage.transaction(() => {
      const subscription = this.authorize(caller, subscriptionId, 'seats.unassign');
      const email = normalizeEmail(emailInput);
      const seat = email.ok ? this.storage.findLiveSeatByEmail(subscriptionId, email.canonical) : undefined;
      if (!seat) throw new ApiError(404, 'ASSIGNMENT_NOT_FOUND', `No seat is assigned to ${emailInput} in this subscription.`);
      const now = this.clock();
      this.storage.removeSeat(seat.id, now);
      this.storage.appendJournal({ organisationId: subscription.organisationId, subscriptionId, actor: actorOf(caller), action: 'seat.unassigned', target: seat.emailDisplay, detail: null, ip, at: now });
    });
  }

  list(caller: CallerIdentity, subscriptionId: string): { subscription: SubscriptionRow; seats: SeatView[] } {
    const subscription = this.authorize(caller, subscriptionId, 'seats.view');
    const lapsed = subscription.status === 'expired' || subscription.status === 'cancelled';
    return { subscription, seats: this.storage.listLiveSeats(subscriptionId).map((seat) => seatView(seat, lapsed)) };
  }
}

function rolesOf(subscription: SubscriptionRow) {
  return { owner: { tenantId: subscription.ownerTenantId, objectId: subscription.ownerObjectId }, delegates: [] };
}

function actorOf(caller: CallerIdentity) {
  return { tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email ?? '' };
}

function seatView(seat: SeatRow, lapsed: boolean): SeatView {
  return {
    email: seat.emailDisplay,
    status: lapsed ? 'expired' : seat.boundObjectId ? 'active' : 'pending',
    assignedAt: new Date(seat.assignedAt).toISOString(),
    lastCheckInAt: seat.lastCheckInAt === null ? null : new Date(seat.lastCheckInAt).toISOString(),
  };
}
