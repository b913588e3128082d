/**
 * Delegated administration of a customer by a partner (P3): the partner's staff ask a customer's
 * owner by address (a 256-bit token in the emailed link, only its SHA-256 kept); nothing is granted
 * until the owner approves behind `authorize(…, 'delegates.manage')`, like inviting a delegate;
 * unanswered requests expire after 90 days. An offer may carry a request (`fromOffer`). The
 * customer sees and ends relationships beside the delegates. What an approved relationship lets
 * staff do is decided by `can` in shared/src/permissions/permissions.ts.
 */
import { randomUUID } from 'node:crypto';
import type { PartnerRelationshipView, SubscriptionStatus } from '#shared/api/views.js';
import { canonicalEmail, normalizeEmail } from '#shared/email/normalizeEmail.js';
import { resolveLocale } from '#shared/i18n/translate.js';
import type { Permission } from '#shared/permissions/permissions.js';
import type { OutgoingEmail } from '../email/mailer.js';
import type { Outbox } from '../email/outbox.js';
import { partnerRequestEmail } from '../email/templates.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { Journal, person } from '../journal/journal.js';
import { authorize, choosePermissions, journal } from '../access/access.js';
import type {
  OfferRow,
  PartnerRow,
  RelationshipRow,
  Repositories,
  SubscriptionRow,
  UnitOfWork,
} from '../storage/unitOfWork.js';
import { relationshipView } from './partnerViews.js';
import { DAY_MS, REQUEST_LIFETIME_MS, validRelationshipDays } from './rules.js';
import { newLinkToken, sha256 } from '../secrets/linkTokens.js';
import { partnerAccess, partnerJournal, staffActor } from './staffAccess.js';

/** A request as the partner asks it: pending, for 90 days. */
function newRequest(
  request: {
    partnerId: string;
    subscriptionId: string | null;
    customer: { canonical: string; display: string };
    permissions: Permission[];
    durationDays: number;
    language: string;
    requestedBy: string;
  },
  now: number,
): RelationshipRow {
  return {
    id: randomUUID(),
    partnerId: request.partnerId,
    subscriptionId: request.subscriptionId,
    customerEmailCanonical: request.customer.canonical,
    customerEmailDisplay: request.customer.display,
    permissions: request.permissions,
    durationDays: request.durationDays,
    status: 'pending',
    language: request.language,
    requestedByEmail: request.requestedBy,
    requestedAt: now,
    requestExpiresAt: now + REQUEST_LIFETIME_MS,
    approvedAt: null,
    approvedByEmail: null,
    expiresAt: null,
    endedAt: null,
    endedByEmail: null,
  };
}

export class PartnerAdministrationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly options: { publicUrl: string },
    private readonly clock: () => number = Date.now,
  ) {}

  /** Asks a customer's owner (by address) for delegated administration; nothing is granted until they approve from the emailed link. */
  async requestAdministration(
    caller: CallerIdentity,
    partnerId: string,
    request: { email: string; permissions: string[]; durationDays: number; language?: string },
    ip: string | null,
  ): Promise<PartnerRelationshipView> {
    const permissions = choosePermissions(request.permissions);
    if (!validRelationshipDays(request.durationDays))
      throw new ApiError(400, 'VALIDATION_FAILED', 'Delegated administration lasts from 1 to 730 days.');
    const email = normalizeEmail(request.email);
    if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.email}" is not a valid email address.`);
    const token = newLinkToken();
    const view = await this.uow.transaction(async (tx) => {
      const access = await partnerAccess(tx, caller, partnerId, 'requests.manage');
      const now = this.clock();
      const row = newRequest(
        {
          partnerId,
          subscriptionId: null,
          customer: email,
          permissions,
          durationDays: request.durationDays,
          language: resolveLocale(request.language ?? access.partner.language),
          requestedBy: caller.email ?? access.staff.emailDisplay,
        },
        now,
      );
      await tx.partners.insertRelationship(row, sha256(token));
      await partnerJournal(
        tx,
        access.partner,
        staffActor(access, caller),
        'request.sent',
        email.display,
        { permissions, durationDays: request.durationDays },
        ip,
        now,
      );
      await this.outbox.add(tx, this.requestMail(access.partner, row, token), now);
      return relationshipView(row, access.partner, now);
    });
    await this.outbox.deliver();
    return view;
  }

  async listRequests(caller: CallerIdentity, partnerId: string): Promise<PartnerRelationshipView[]> {
    const { partner } = await partnerAccess(this.uow.read, caller, partnerId, 'partner.view');
    const now = this.clock();
    return (await this.uow.read.partners.relationshipsOfPartner(partnerId, 1000)).map((row) =>
      relationshipView(row, partner, now),
    );
  }

  async withdrawRequest(
    caller: CallerIdentity,
    partnerId: string,
    requestId: string,
    ip: string | null,
  ): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const access = await partnerAccess(tx, caller, partnerId, 'requests.manage');
      const row = await tx.partners.findRelationship(requestId);
      if (!row || row.partnerId !== partnerId)
        throw new ApiError(404, 'PARTNER_REQUEST_NOT_FOUND', 'No such request of this partner.');
      const now = this.clock();
      if (!(await tx.partners.closeRelationship(row.id, 'withdrawn', caller.email ?? access.staff.emailDisplay, now)))
        throw new ApiError(409, 'PARTNER_REQUEST_USED', 'Only a pending request can be withdrawn.');
      await partnerJournal(
        tx,
        access.partner,
        staffActor(access, caller),
        'request.withdrawn',
        row.customerEmailDisplay,
        null,
        ip,
        now,
      );
    });
  }

  /** The request behind an approval link, for the signed-in customer to review. */
  async viewRequest(
    caller: CallerIdentity,
    token: string,
  ): Promise<
    PartnerRelationshipView & {
      subscriptions: Array<{ id: string; plan: string; quantity: number; status: SubscriptionStatus }>;
    }
  > {
    const read = this.uow.read;
    const { row, partner } = await this.usableRequest(read, caller, token, this.clock());
    const owned = row.subscriptionId
      ? [await read.subscriptions.find(row.subscriptionId)].filter((s): s is SubscriptionRow => s !== undefined)
      : await read.subscriptions.listOwnedBy(caller.tenantId, caller.objectId);
    return {
      ...relationshipView(row, partner, this.clock()),
      subscriptions: owned.map((s) => ({ id: s.id, plan: s.planId, quantity: s.quantity, status: s.status })),
    };
  }

  /** The customer's owner approves: the relationship starts now and ends by itself after its duration. */
  approveRequest(
    caller: CallerIdentity,
    token: string,
    subscriptionId: string | undefined,
    ip: string | null,
  ): Promise<PartnerRelationshipView> {
    return this.uow.transaction(async (tx) => {
      const now = this.clock();
      const { row, partner } = await this.usableRequest(tx, caller, token, now);
      const target = row.subscriptionId ?? subscriptionId;
      if (!target)
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          'Choose the subscription the partner may administer: "subscriptionId".',
        );
      if (row.subscriptionId && subscriptionId && subscriptionId !== row.subscriptionId)
        throw new ApiError(400, 'VALIDATION_FAILED', 'This request is for another subscription.');
      // Only the owner grants: the same door and rule as inviting a delegate.
      await tx.subscriptions.lock(target);
      const access = await authorize(tx, caller, target, 'delegates.manage', now);
      // A new approval replaces the partner's earlier relationship with the subscription.
      for (const earlier of await tx.partners.relationshipsOfSubscription(target)) {
        if (earlier.partnerId === partner.id && earlier.status === 'active')
          await tx.partners.closeRelationship(earlier.id, 'ended', caller.email ?? '', now);
      }
      const expiresAt = now + row.durationDays * DAY_MS;
      if (!(await tx.partners.approveRelationship(row.id, target, caller.email ?? '', now, expiresAt)))
        throw new ApiError(410, 'PARTNER_REQUEST_USED', 'This request was already answered.');
      await journal(tx, access, {
        action: 'partner.approved',
        target: partner.name,
        detail: {
          permissions: row.permissions,
          durationDays: row.durationDays,
          expiresAt: new Date(expiresAt).toISOString(),
        },
        ip,
        at: now,
      });
      await partnerJournal(
        tx,
        partner,
        person(caller, 'customer'),
        'request.approved',
        row.customerEmailDisplay,
        { subscriptionId: target },
        ip,
        now,
      );
      const approved = await tx.partners.findRelationship(row.id);
      if (!approved) throw new Error('unreachable: the relationship was just approved');
      return relationshipView(approved, partner, now);
    });
  }

  async declineRequest(caller: CallerIdentity, token: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const now = this.clock();
      const { row, partner } = await this.usableRequest(tx, caller, token, now);
      if (!(await tx.partners.closeRelationship(row.id, 'declined', caller.email ?? '', now)))
        throw new ApiError(410, 'PARTNER_REQUEST_USED', 'This request was already answered.');
      await partnerJournal(
        tx,
        partner,
        person(caller, 'customer'),
        'request.declined',
        row.customerEmailDisplay,
        null,
        ip,
        now,
      );
    });
  }

  /** The customer's view of partners on a subscription (shown with its delegates). */
  async relationshipsOf(caller: CallerIdentity, subscriptionId: string): Promise<PartnerRelationshipView[]> {
    const read = this.uow.read;
    await authorize(read, caller, subscriptionId, 'delegates.view');
    const now = this.clock();
    const views: PartnerRelationshipView[] = [];
    for (const row of await read.partners.relationshipsOfSubscription(subscriptionId)) {
      const partner = await read.partners.findPartner(row.partnerId);
      if (partner) views.push(relationshipView(row, partner, now));
    }
    return views;
  }

  /** The customer's owner ends a relationship (or declines its pending request) at any time. */
  async endRelationship(
    caller: CallerIdentity,
    subscriptionId: string,
    relationshipId: string,
    ip: string | null,
  ): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const now = this.clock();
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'delegates.manage', now);
      const row = await tx.partners.findRelationship(relationshipId);
      const partner = row && (await tx.partners.findPartner(row.partnerId));
      if (!row || row.subscriptionId !== subscriptionId || !partner)
        throw new ApiError(404, 'RELATIONSHIP_NOT_FOUND', 'No such partner relationship on this subscription.');
      const closed =
        row.status === 'active'
          ? await tx.partners.closeRelationship(row.id, 'ended', caller.email ?? '', now)
          : row.status === 'pending' &&
            (await tx.partners.closeRelationship(row.id, 'declined', caller.email ?? '', now));
      if (!closed) throw new ApiError(409, 'PARTNER_REQUEST_USED', 'This relationship has already ended.');
      await journal(tx, access, {
        action: row.status === 'active' ? 'partner.ended' : 'partner.declined',
        target: partner.name,
        ip,
        at: now,
      });
      await partnerJournal(
        tx,
        partner,
        person(caller, 'customer'),
        'relationship.ended_by_customer',
        row.customerEmailDisplay,
        { subscriptionId },
        ip,
        now,
      );
    });
  }

  /**
   * The request an offer carries, made when a customer takes it (in the taking's transaction):
   * approved at once when the customer said so, otherwise emailed to them like any request.
   */
  async fromOffer(
    tx: Repositories,
    offer: OfferRow,
    partner: PartnerRow,
    subscriptionId: string,
    organisationId: string,
    buyer: { tenantId: string; objectId: string; email: string },
    approve: boolean,
    ip: string | null,
    now: number,
  ): Promise<PartnerRelationshipView | null> {
    if (offer.adminDays === null || offer.adminPermissions.length === 0) return null;
    const customer = { canonical: canonicalEmail(buyer.email) ?? buyer.email, display: buyer.email };
    const request = newRequest(
      {
        partnerId: partner.id,
        subscriptionId,
        customer,
        permissions: offer.adminPermissions,
        durationDays: offer.adminDays,
        language: partner.language,
        requestedBy: offer.createdByEmail,
      },
      now,
    );
    const row: RelationshipRow = approve
      ? {
          ...request,
          status: 'active',
          approvedAt: now,
          approvedByEmail: buyer.email,
          expiresAt: now + offer.adminDays * DAY_MS,
        }
      : request;
    const token = approve ? null : newLinkToken();
    await tx.partners.insertRelationship(row, token && sha256(token));
    await Journal.record(tx, {
      organisationId,
      subscriptionId,
      actor: person(buyer, 'owner'),
      action: approve ? 'partner.approved' : 'partner.requested',
      target: partner.name,
      detail: { permissions: row.permissions, durationDays: row.durationDays, offer: offer.id },
      ip,
      at: now,
    });
    if (token) await this.outbox.add(tx, this.requestMail(partner, row, token), now);
    return relationshipView(row, partner, now);
  }

  private async usableRequest(
    repos: Repositories,
    caller: CallerIdentity,
    token: string,
    now: number,
  ): Promise<{ row: RelationshipRow; partner: PartnerRow }> {
    const row = await repos.partners.findRelationshipByTokenHash(sha256(token));
    const partner = row && (await repos.partners.findPartner(row.partnerId));
    if (!row || !partner)
      throw new ApiError(
        404,
        'PARTNER_REQUEST_NOT_FOUND',
        'This request link is not valid. Check that you opened the whole link from the email.',
      );
    if (row.status === 'withdrawn')
      throw new ApiError(410, 'PARTNER_REQUEST_WITHDRAWN', `${partner.name} withdrew this request.`);
    if (row.status !== 'pending') throw new ApiError(410, 'PARTNER_REQUEST_USED', 'This request was already answered.');
    if (row.requestExpiresAt <= now)
      throw new ApiError(
        410,
        'PARTNER_REQUEST_EXPIRED',
        `This request was not answered within 90 days and has expired. Ask ${partner.name} for a new one.`,
      );
    // Answered only by an account Entra vouches for at the addressed address, never by a claimed name.
    if (!(caller.verifiedEmails ?? []).includes(row.customerEmailCanonical)) {
      throw new ApiError(
        403,
        'PARTNER_REQUEST_WRONG_ACCOUNT',
        `This request was sent to ${row.customerEmailDisplay}. Sign in with that Microsoft 365 account, then open the link again.`,
      );
    }
    return { row, partner };
  }

  private requestMail(partner: PartnerRow, row: RelationshipRow, token: string): OutgoingEmail {
    return partnerRequestEmail({
      to: row.customerEmailDisplay,
      locale: resolveLocale(row.language),
      partner: partner.name,
      advisorCode: partner.advisorCode,
      permissions: row.permissions,
      days: row.durationDays,
      token,
      expiresAt: row.requestExpiresAt,
      publicUrl: this.options.publicUrl,
    });
  }
}
