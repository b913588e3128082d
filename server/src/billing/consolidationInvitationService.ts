/**
 * Consolidation as users meet it (issue 15, point 4; SPEC A9): the owner of a subscription (the
 * target) invites a colleague — the owner of an individual subscription of the same organisation
 * and Entra tenant — to merge it in; the colleague sees the request in the portal and accepts or
 * declines; it expires after 7 days (./consolidationTerms.ts says why).
 *
 * Read as an attacker:
 * - nothing merges without the holder's acceptance, and only the invited account accepts: the
 *   invitation is bound to the `(tid, oid)` the source's owner had when invited, compared with the
 *   verified token's `tid`/`oid` (an address claim is display only); anyone else is told it does
 *   not exist;
 * - the source must be another person's paid individual subscription of the same organisation and
 *   tenant, never merged (./consolidationTerms.ts, `sourceIneligibility`), checked again when
 *   accepted;
 * - accepting twice, after expiry, after a decline or withdrawal, or after the inviter's
 *   subscription changed (its terms as sent) is refused with its own code and changes nothing;
 * - no more live seats than paid for: the seats that move must fit in the target's free paid
 *   seats, so an acceptance never charges anyone (no call to the payment provider, one transaction);
 * - the credit is only what the source paid for time still to come, net of credit notes, each
 *   invoice's share documented by a credit note (./mergeSource.ts).
 *
 * The preview both sides see (`preview`, `mine`, `sent`) and the acceptance compute with the same
 * `mergeTerms`. Each step is one transaction, journaled in both subscriptions; emails go through
 * the outbox in that transaction.
 */
import { randomUUID } from 'node:crypto';
import type {
  ConsolidationAccepted,
  ConsolidationInvitationView,
  ConsolidationPreview,
  ConsolidationTerms,
} from '#shared/api/views.js';
import { canonicalEmail, normalizeEmail } from '#shared/email/normalizeEmail.js';
import { formatMoney, resolveLocale, type Locale } from '#shared/i18n/translate.js';
import { authorize, journalAs, type JournalActor } from '../access/access.js';
import type { Outbox } from '../email/outbox.js';
import { mergeAcceptedEmail, mergeDeclinedEmail, mergeInvitationEmail } from '../email/templates.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { ConsolidationInvitationRow, Repositories, SubscriptionRow, UnitOfWork } from '../storage/unitOfWork.js';
import { isLive } from '#shared/billing/subscriptionState.js';
import {
  CONSOLIDATION_INVITATION_LIFETIME_MS,
  invitationState,
  mergeTerms,
  sourceIneligibility,
  targetTerms,
  type IneligibleReason,
  type MergeTerms,
} from './consolidationTerms.js';
import { creditFromSource, mergeSourceInto } from './mergeSource.js';

export interface ConsolidationInvitationOptions {
  publicUrl: string;
  /** The currency of a subscription without its own (the deployment's). */
  currency: string;
}

const INELIGIBLE_TEXT: Record<IneligibleReason, string> = {
  no_subscription: 'This person owns no subscription in your organisation.',
  own_subscription: 'This subscription is yours: merge it with "Merge subscriptions" instead.',
  other_tenant: 'Only a subscription of your own organisation and Microsoft 365 tenant can be merged.',
  not_individual: 'Only an individual subscription can be merged: this one is managed by a partner or took in others.',
  already_consolidated: 'This subscription was merged already.',
  not_paid: 'Only a paid, active subscription can be merged: a trial or an unpaid one brings no paid seats.',
  currency: 'Only a subscription billed in the same currency can be merged.',
};

function ineligible(reason: IneligibleReason): ApiError {
  return new ApiError(409, 'CONSOLIDATION_NOT_ELIGIBLE', INELIGIBLE_TEXT[reason], { reason });
}

function notFound(): ApiError {
  return new ApiError(
    404,
    'CONSOLIDATION_INVITATION_NOT_FOUND',
    'No request to merge with this id is addressed to you.',
  );
}

export class ConsolidationInvitationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly options: ConsolidationInvitationOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  /** One transaction, then its emails are delivered (the outbox: written with the change, sent after it commits). */
  private async thenDeliver<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    const result = await this.uow.transaction(work);
    await this.outbox.deliver();
    return result;
  }

  private async currencyOf(repos: Repositories, subscriptionId: string): Promise<string> {
    return (await repos.subscriptions.billingState(subscriptionId))?.currency ?? this.options.currency;
  }

  /** Why the source cannot be merged into the target, or null. */
  private async ineligibility(
    repos: Repositories,
    target: SubscriptionRow,
    source: SubscriptionRow,
  ): Promise<IneligibleReason | null> {
    const history = await repos.subscriptions.mergeHistory(source.id);
    return sourceIneligibility(
      { ...target, currency: await this.currencyOf(repos, target.id) },
      {
        subscription: source,
        currency: await this.currencyOf(repos, source.id),
        partnerOfRecord: await repos.subscriptions.partnerOfRecordId(source.id),
        mergedInto: history.mergedInto,
        tookIn: history.tookIn,
        // Net of credit notes: an invoice given back whole took no money.
        paidInvoices: (await repos.invoices.paidSpans(source.id)).filter((span) => span.totalMinor > 0).length,
      },
    );
  }

  /** What merging `source` into `target` does at `now`: the one computation previews and the acceptance share. */
  private async terms(
    repos: Repositories,
    target: SubscriptionRow,
    source: SubscriptionRow,
    now: number,
  ): Promise<MergeTerms> {
    return mergeTerms({
      targetQuantity: target.quantity,
      targetAssigned: target.assignedCount,
      targetSeats: new Set((await repos.subscriptions.listLiveSeats(target.id)).map((seat) => seat.emailCanonical)),
      sourceSeats: (await repos.subscriptions.listLiveSeats(source.id)).map((seat) => seat.emailCanonical),
      spans: await repos.invoices.paidSpans(source.id),
      now,
    });
  }

  private async termsView(
    repos: Repositories,
    target: SubscriptionRow,
    source: SubscriptionRow,
    terms: MergeTerms,
  ): Promise<ConsolidationTerms> {
    return {
      source: {
        plan: source.planId,
        quantity: source.quantity,
        assigned: source.assignedCount,
        periodEnd: new Date(source.periodEnd).toISOString(),
      },
      target: { plan: target.planId, quantity: target.quantity, assigned: target.assignedCount },
      seatsMoving: terms.seatsMoving,
      seatsAlreadyThere: terms.seatsAlreadyThere,
      freeSeats: terms.freeSeats,
      fits: terms.fits,
      creditMinor: terms.creditMinor,
      currency: await this.currencyOf(repos, target.id),
    };
  }

  /** The colleague's subscription the inviter means: the oldest eligible one they own in the organisation. */
  private async findSource(repos: Repositories, target: SubscriptionRow, email: string): Promise<SubscriptionRow> {
    const parsed = normalizeEmail(email);
    if (!parsed.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${email}" is not a valid email address.`);
    // Owners' addresses are verified ones (identity/verifiedClaims.ts): the colleague is found by it, then bound by tid/oid.
    const owned = (await repos.subscriptions.listInOrganisation(target.organisationId)).filter(
      (s) => s.id !== target.id && canonicalEmail(s.ownerEmail) === parsed.canonical,
    );
    let first: IneligibleReason = 'no_subscription';
    for (const candidate of owned) {
      const reason = await this.ineligibility(repos, target, candidate);
      if (reason === null) return candidate;
      if (first === 'no_subscription') first = reason;
    }
    throw ineligible(first);
  }

  private async liveTarget(
    repos: Repositories,
    caller: CallerIdentity,
    targetId: string,
    now: number,
  ): Promise<SubscriptionRow> {
    const { subscription } = await authorize(repos, caller, targetId, 'subscription.consolidate', now);
    if (!isLive(subscription.status))
      throw new ApiError(409, 'SUBSCRIPTION_NOT_ACTIVE', 'Only an active subscription can take in others.');
    return subscription;
  }

  /** The inviter's preview: what accepting would do today, refused as the invitation would be. */
  async preview(caller: CallerIdentity, targetId: string, email: string): Promise<ConsolidationPreview> {
    const now = this.clock();
    const read = this.uow.read;
    const target = await this.liveTarget(read, caller, targetId, now);
    const source = await this.findSource(read, target, email);
    const terms = await this.terms(read, target, source, now);
    return {
      colleague: source.ownerEmail,
      terms: await this.termsView(read, target, source, terms),
      expiresAt: new Date(now + CONSOLIDATION_INVITATION_LIFETIME_MS).toISOString(),
    };
  }

  async invite(
    caller: CallerIdentity,
    targetId: string,
    request: { email: string; language?: string },
    ip: string | null,
  ): Promise<ConsolidationInvitationView> {
    return this.thenDeliver(async (tx) => {
      const now = this.clock();
      await tx.subscriptions.lock(targetId);
      const target = await this.liveTarget(tx, caller, targetId, now);
      const found = await this.findSource(tx, target, request.email);
      // Both locked in one order (by id), as every merge does.
      for (const id of [target.id, found.id].sort()) await tx.subscriptions.lock(id);
      const pending = await tx.consolidationInvitations.findPendingForSource(found.id);
      if (pending && invitationState(pending, now) === 'pending')
        throw new ApiError(
          409,
          'CONSOLIDATION_INVITATION_PENDING',
          `${found.ownerEmail} already has a pending request to merge this subscription.`,
        );
      if (pending) await tx.consolidationInvitations.decide(pending.id, 'expired', now);
      const terms = await this.terms(tx, target, found, now);
      if (!terms.fits) throw noRoom(terms);
      const invitee = await tx.subscriptions.findLiveSeatByEmail(found.id, canonicalEmail(found.ownerEmail) ?? '');
      const row: ConsolidationInvitationRow = {
        id: randomUUID(),
        organisationId: target.organisationId,
        targetSubscriptionId: target.id,
        sourceSubscriptionId: found.id,
        inviterTenantId: caller.tenantId,
        inviterObjectId: caller.objectId,
        // The target's owner address (a verified one), not the token's claimed name.
        inviterEmail: target.ownerEmail,
        inviteeTenantId: found.ownerTenantId,
        inviteeObjectId: found.ownerObjectId,
        inviteeEmail: found.ownerEmail,
        language: resolveLocale(invitee?.language ?? request.language),
        targetTerms: targetTerms(target),
        status: 'pending',
        createdAt: now,
        expiresAt: now + CONSOLIDATION_INVITATION_LIFETIME_MS,
        decidedAt: null,
      };
      await tx.consolidationInvitations.insert(row);
      const actor: JournalActor = {
        role: 'owner',
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        email: target.ownerEmail,
      };
      const detail = {
        invitation: row.id,
        into: target.id,
        source: found.id,
        colleague: found.ownerEmail,
        creditMinor: terms.creditMinor,
        expiresAt: new Date(row.expiresAt).toISOString(),
      };
      await journalAs(tx, target, actor, {
        action: 'consolidation.invited',
        target: found.ownerEmail,
        detail,
        ip,
        at: now,
      });
      await journalAs(tx, found, actor, { action: 'consolidation.invited', target: found.id, detail, ip, at: now });
      const locale = row.language as Locale;
      const currency = await this.currencyOf(tx, target.id);
      await this.outbox.add(
        tx,
        mergeInvitationEmail({
          to: found.ownerEmail,
          locale,
          inviter: target.ownerEmail,
          plan: found.planId,
          quantity: found.quantity,
          credit: formatMoney(terms.creditMinor, currency, locale),
          expiresAt: row.expiresAt,
          publicUrl: this.options.publicUrl,
        }),
        now,
      );
      return this.view(tx, row, now);
    });
  }

  private async view(
    repos: Repositories,
    row: ConsolidationInvitationRow,
    now: number,
  ): Promise<ConsolidationInvitationView> {
    const status = invitationState(row, now);
    let terms: ConsolidationTerms | null = null;
    if (status === 'pending') {
      const [target, source] = await Promise.all([
        repos.subscriptions.find(row.targetSubscriptionId),
        repos.subscriptions.find(row.sourceSubscriptionId),
      ]);
      if (target && source)
        terms = await this.termsView(repos, target, source, await this.terms(repos, target, source, now));
    }
    return {
      id: row.id,
      status,
      inviter: row.inviterEmail,
      invitee: row.inviteeEmail,
      terms,
      createdAt: new Date(row.createdAt).toISOString(),
      expiresAt: new Date(row.expiresAt).toISOString(),
      decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt).toISOString(),
    };
  }

  /** The invitations the target sent (its owner's). */
  async sent(caller: CallerIdentity, targetId: string): Promise<ConsolidationInvitationView[]> {
    const read = this.uow.read;
    const now = this.clock();
    await authorize(read, caller, targetId, 'subscription.consolidate', now);
    const views = [];
    for (const row of await read.consolidationInvitations.listForTarget(targetId))
      views.push(await this.view(read, row, now));
    return views;
  }

  /** The requests addressed to the caller's account (tid/oid), still waiting for an answer. */
  async mine(caller: CallerIdentity): Promise<ConsolidationInvitationView[]> {
    const read = this.uow.read;
    const now = this.clock();
    const views = [];
    for (const row of await read.consolidationInvitations.listForInvitee(caller.tenantId, caller.objectId, ['pending']))
      if (invitationState(row, now) === 'pending') views.push(await this.view(read, row, now));
    return views;
  }

  async withdraw(caller: CallerIdentity, targetId: string, invitationId: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const now = this.clock();
      const { subscription: target } = await authorize(tx, caller, targetId, 'subscription.consolidate', now);
      const row = await tx.consolidationInvitations.find(invitationId);
      if (!row || row.targetSubscriptionId !== target.id)
        throw new ApiError(
          404,
          'CONSOLIDATION_INVITATION_NOT_FOUND',
          'This subscription sent no request to merge with this id.',
        );
      refuseUnlessPending(row, now);
      if (!(await tx.consolidationInvitations.decide(row.id, 'withdrawn', now)))
        throw new ApiError(409, 'CONSOLIDATION_INVITATION_ACCEPTED', 'The request was answered meanwhile.');
      await journalAs(
        tx,
        target,
        { role: 'owner', tenantId: caller.tenantId, objectId: caller.objectId, email: target.ownerEmail },
        { action: 'consolidation.withdrawn', target: row.inviteeEmail, detail: { invitation: row.id }, ip, at: now },
      );
    });
  }

  /** The invitation, for its invitee only: the verified token's tid/oid, never an address. */
  private async forInvitee(
    repos: Repositories,
    caller: CallerIdentity,
    invitationId: string,
  ): Promise<ConsolidationInvitationRow> {
    const row = await repos.consolidationInvitations.find(invitationId);
    if (!row || row.inviteeTenantId !== caller.tenantId || row.inviteeObjectId !== caller.objectId) throw notFound();
    return row;
  }

  async accept(caller: CallerIdentity, invitationId: string, ip: string | null): Promise<ConsolidationAccepted> {
    return this.thenDeliver(async (tx) => {
      const now = this.clock();
      const row = await this.forInvitee(tx, caller, invitationId);
      for (const id of [row.targetSubscriptionId, row.sourceSubscriptionId].sort()) await tx.subscriptions.lock(id);
      refuseUnlessPending(row, now);
      const [target, source] = [
        await tx.subscriptions.find(row.targetSubscriptionId),
        await tx.subscriptions.find(row.sourceSubscriptionId),
      ];
      if (!target || !source) throw notFound();
      // The source must still be the caller's, and the target as its owner sent the invitation.
      if (
        source.ownerTenantId !== caller.tenantId ||
        source.ownerObjectId !== caller.objectId ||
        targetTerms(target) !== row.targetTerms
      ) {
        throw new ApiError(
          409,
          'CONSOLIDATION_INVITATION_STALE',
          'A subscription changed since the request was sent. Ask for a new request to see the new terms.',
        );
      }
      const reason = await this.ineligibility(tx, target, source);
      if (reason) throw ineligible(reason);
      if (
        (await tx.subscriptions.isBillingLocked(target.id, now)) ||
        (await tx.subscriptions.isBillingLocked(source.id, now))
      ) {
        throw new ApiError(
          409,
          'BILLING_BUSY',
          'A payment for one of the subscriptions is being processed. Try again in a moment.',
        );
      }
      const terms = await this.terms(tx, target, source, now);
      if (!terms.fits) throw noRoom(terms);
      if (!(await tx.consolidationInvitations.decide(row.id, 'accepted', now)))
        throw new ApiError(409, 'CONSOLIDATION_INVITATION_ACCEPTED', 'This request was answered already.');

      const actor: JournalActor = {
        role: 'owner',
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        email: source.ownerEmail,
      };
      // Ownership first: the source ends as the target owner's, whose subscription took its people and credit.
      const newOwner = { tenantId: target.ownerTenantId, objectId: target.ownerObjectId, email: target.ownerEmail };
      await tx.subscriptions.setOwner(source.id, newOwner);
      await journalAs(tx, source, actor, {
        action: 'ownership.transferred',
        target: target.ownerEmail,
        detail: { from: source.ownerEmail, to: target.ownerEmail, invitation: row.id },
        ip,
        at: now,
      });
      const owned = {
        ...source,
        ...{ ownerTenantId: newOwner.tenantId, ownerObjectId: newOwner.objectId, ownerEmail: newOwner.email },
      };
      const credited = await creditFromSource(tx, { target, source: owned, credits: terms.credits, now });
      const targetSeats = new Set((await tx.subscriptions.listLiveSeats(target.id)).map((seat) => seat.emailCanonical));
      const merged = await mergeSourceInto(tx, { target, source: owned, credited, targetSeats, actor, ip, now });
      const currency = await this.currencyOf(tx, target.id);
      const detail = {
        invitation: row.id,
        sources: [source.id],
        seatsMoved: merged.moved,
        creditMinor: merged.creditMinor,
        creditNotes: merged.creditNotes,
        chargedMinor: 0,
      };
      await journalAs(tx, target, actor, {
        action: 'consolidation.accepted',
        target: source.ownerEmail,
        detail,
        ip,
        at: now,
      });
      await journalAs(tx, target, actor, {
        action: 'subscription.consolidated',
        target: target.id,
        detail: { ...detail, quantity: target.quantity, invoice: null },
        ip,
        at: now,
      });
      const locale = await this.inviterLocale(tx, target);
      await this.outbox.add(
        tx,
        mergeAcceptedEmail({
          to: target.ownerEmail,
          locale,
          colleague: source.ownerEmail,
          seats: merged.moved,
          credit: formatMoney(merged.creditMinor, currency, locale),
        }),
        now,
      );
      return {
        subscriptionId: target.id,
        seatsMoved: merged.moved,
        creditMinor: merged.creditMinor,
        currency,
        creditNotes: merged.creditNotes,
      };
    });
  }

  async decline(caller: CallerIdentity, invitationId: string, ip: string | null): Promise<void> {
    await this.thenDeliver(async (tx) => {
      const now = this.clock();
      const row = await this.forInvitee(tx, caller, invitationId);
      refuseUnlessPending(row, now);
      if (!(await tx.consolidationInvitations.decide(row.id, 'declined', now)))
        throw new ApiError(409, 'CONSOLIDATION_INVITATION_ACCEPTED', 'This request was answered already.');
      const [target, source] = [
        await tx.subscriptions.find(row.targetSubscriptionId),
        await tx.subscriptions.find(row.sourceSubscriptionId),
      ];
      if (!target || !source) throw notFound();
      const actor: JournalActor = {
        role: 'owner',
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        email: row.inviteeEmail,
      };
      for (const subscription of [target, source])
        await journalAs(tx, subscription, actor, {
          action: 'consolidation.declined',
          target: row.inviteeEmail,
          detail: { invitation: row.id },
          ip,
          at: now,
        });
      await this.outbox.add(
        tx,
        mergeDeclinedEmail({
          to: target.ownerEmail,
          locale: await this.inviterLocale(tx, target),
          colleague: row.inviteeEmail,
        }),
        now,
      );
    });
  }

  /** The inviter's emails in the language of their own seat in the target (English without one). */
  private async inviterLocale(repos: Repositories, target: SubscriptionRow): Promise<Locale> {
    return resolveLocale(
      (await repos.subscriptions.findLiveSeatByEmail(target.id, canonicalEmail(target.ownerEmail) ?? ''))?.language,
    );
  }
}

/** Each way an invitation is no longer open has its own code; nothing changes. */
function refuseUnlessPending(row: ConsolidationInvitationRow, now: number): void {
  switch (invitationState(row, now)) {
    case 'pending':
      return;
    case 'accepted':
      throw new ApiError(
        409,
        'CONSOLIDATION_INVITATION_ACCEPTED',
        'This request was accepted already: the subscriptions are merged.',
      );
    case 'declined':
      throw new ApiError(409, 'CONSOLIDATION_INVITATION_DECLINED', 'This request was declined. Ask for a new one.');
    case 'withdrawn':
      throw new ApiError(
        409,
        'CONSOLIDATION_INVITATION_WITHDRAWN',
        'This request was withdrawn by the person who sent it.',
      );
    case 'expired':
      throw new ApiError(409, 'CONSOLIDATION_INVITATION_EXPIRED', 'This request has expired. Ask for a new one.');
  }
}

function noRoom(terms: MergeTerms): ApiError {
  return new ApiError(
    409,
    'CONSOLIDATION_NO_ROOM',
    `${terms.seatsMoving} seats would move but ${terms.freeSeats} are free: add seats to the subscription first.`,
    { seatsMoving: terms.seatsMoving, freeSeats: terms.freeSeats },
  );
}
