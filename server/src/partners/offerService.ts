/**
 * A partner's offers (P2): trial invitations and purchase offers, as links carrying the advisor
 * code and a 256-bit token (only its SHA-256 kept). Taking a trial starts it at once within the
 * vendor's limits (./trialRules.ts); a purchase goes through `CheckoutService` at the engine's
 * price, and its fulfilment listener records the referral in the purchase's transaction (also
 * after the bank's confirmation). Either way the partner becomes partner of record; an offer may
 * carry a delegated-administration request (./administrationService.ts).
 */
import { randomUUID } from 'node:crypto';
import type { OfferPublicView, OfferView, PartnerRelationshipView } from '#shared/api/views.js';
import type { CheckoutResponse, CheckoutService, PendingCheckout } from '../billing/checkoutService.js';
import { requestedPlan } from '../billing/plans.js';
import type { PlanConfig } from '../config.js';
import type { Outbox } from '../email/outbox.js';
import { ApiError } from '../http/apiError.js';
import { NO_VERIFIED_ADDRESS, verifiedAddress } from '../identity/verifiedClaims.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { Journal, person } from '../journal/journal.js';
import { choosePermissions } from '../access/access.js';
import { openSubscription, organisationFor } from '../organisations/organisations.js';
import type { OfferRow, PartnerRow, Repositories, SubscriptionRow, UnitOfWork } from '../storage/unitOfWork.js';
import type { PartnerAdministrationService } from './administrationService.js';
import { refuseOwnCustomer, trialAllowance, trialError, type TrialLimits } from './customerGuards.js';
import { offerView } from './partnerViews.js';
import { DAY_MS, offerRefusal, validRelationshipDays } from './rules.js';
import { newLinkToken, sha256 } from '../secrets/linkTokens.js';
import { partnerAccess, partnerJournal, staffActor } from './staffAccess.js';
import { trialOfferRefusal, trialStartRefusal } from './trialRules.js';

export interface OfferRequest {
  kind: 'trial' | 'purchase';
  name?: string;
  plan: string;
  quantity: number;
  trialDays?: number;
  administration?: { permissions: string[]; durationDays: number };
  maxCustomers?: number | null;
  expiresInDays?: number;
}

type Outcome = { statusCode: number; body: unknown };

const OFFER_DEFAULT_DAYS = 30;
/** How long a buyer paying for a limited offer holds a place (a bank's confirmation included). */
const OFFER_CLAIM_MS = 30 * 60_000;

export class PartnerOfferService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly checkout: CheckoutService,
    private readonly administration: PartnerAdministrationService,
    private readonly outbox: Outbox,
    private readonly options: {
      plans: readonly PlanConfig[];
      currency: string;
      publicUrl: string;
      trials: TrialLimits;
    },
    private readonly clock: () => number = Date.now,
  ) {
    // A purchase through an offer is recorded with the purchase itself, also when the bank confirmed it later.
    checkout.onFulfilled((tx, pending, subscriptionIds, now) =>
      this.recordOfferPurchase(tx, pending, subscriptionIds, now),
    );
  }

  /** A trial invitation or purchase offer; the answer carries its link once (only the token's hash is kept). */
  createOffer(
    caller: CallerIdentity,
    partnerId: string,
    request: OfferRequest,
    ip: string | null,
  ): Promise<{ offer: OfferView; link: string }> {
    const plan = requestedPlan(this.options.plans, request.plan);
    if (request.kind === 'trial' && request.trialDays === undefined)
      throw new ApiError(400, 'VALIDATION_FAILED', 'A trial invitation needs its length: "trialDays" (1 to 90).');
    if (request.kind === 'purchase' && request.trialDays !== undefined)
      throw new ApiError(400, 'VALIDATION_FAILED', 'A purchase offer has no trial length.');
    const administration = request.administration
      ? {
          permissions: choosePermissions(request.administration.permissions),
          durationDays: request.administration.durationDays,
        }
      : null;
    if (administration && !validRelationshipDays(administration.durationDays))
      throw new ApiError(400, 'VALIDATION_FAILED', 'Delegated administration lasts from 1 to 730 days.');
    const token = newLinkToken();
    return this.uow.transaction(async (tx) => {
      const access = await partnerAccess(tx, caller, partnerId, 'offers.manage');
      const now = this.clock();
      if (request.kind === 'trial') {
        const refusal = trialOfferRefusal(
          { seats: request.quantity, days: request.trialDays ?? 0 },
          this.options.trials,
          await trialAllowance(tx, partnerId, this.options.trials),
        );
        if (refusal) throw trialError(refusal, this.options.trials);
      }
      // The price per period before tax: the customer's tax depends on their country and VAT number.
      const price =
        request.kind === 'purchase'
          ? (this.checkout.quote([{ plan: plan.id, quantity: request.quantity }])[0]?.totals.subtotalMinor ?? null)
          : null;
      const row: OfferRow = {
        id: randomUUID(),
        partnerId,
        kind: request.kind,
        // Blank: the pages name it in the reader's language from plan and seats.
        name: request.name?.trim() ?? '',
        planId: plan.id,
        quantity: request.quantity,
        trialDays: request.kind === 'trial' ? (request.trialDays ?? null) : null,
        priceMinor: price,
        currency: this.options.currency,
        adminPermissions: administration?.permissions ?? [],
        adminDays: administration?.durationDays ?? null,
        maxCustomers: request.maxCustomers ?? null,
        disabledAt: null,
        expiresAt: now + (request.expiresInDays ?? OFFER_DEFAULT_DAYS) * DAY_MS,
        createdByEmail: caller.email ?? access.staff.emailDisplay,
        createdAt: now,
      };
      await tx.offers.insertOffer(row, sha256(token));
      await partnerJournal(
        tx,
        access.partner,
        staffActor(access, caller),
        'offer.created',
        row.name || `${plan.id} × ${row.quantity}`,
        {
          kind: row.kind,
          plan: row.planId,
          quantity: row.quantity,
          trialDays: row.trialDays,
          priceMinor: row.priceMinor,
          administration,
        },
        ip,
        now,
      );
      return { offer: offerView({ ...row, customers: 0 }, plan.interval), link: this.offerLink(access.partner, token) };
    });
  }

  async listOffers(caller: CallerIdentity, partnerId: string): Promise<OfferView[]> {
    await partnerAccess(this.uow.read, caller, partnerId, 'partner.view');
    return (await this.uow.read.offers.listOffers(partnerId)).map((row) =>
      offerView(row, requestedPlan(this.options.plans, row.planId).interval),
    );
  }

  setOfferDisabled(
    caller: CallerIdentity,
    partnerId: string,
    offerId: string,
    disabled: boolean,
    ip: string | null,
  ): Promise<OfferView> {
    return this.uow.transaction(async (tx) => {
      const access = await partnerAccess(tx, caller, partnerId, 'offers.manage');
      const row = await tx.offers.findOffer(partnerId, offerId);
      if (!row) throw new ApiError(404, 'OFFER_NOT_FOUND', 'No such offer in this partner organisation.');
      const now = this.clock();
      await tx.offers.setOfferDisabled(row.id, disabled ? now : null);
      await partnerJournal(
        tx,
        access.partner,
        staffActor(access, caller),
        disabled ? 'offer.disabled' : 'offer.enabled',
        row.name || `${row.planId} × ${row.quantity}`,
        null,
        ip,
        now,
      );
      return offerView(
        { ...row, disabledAt: disabled ? now : null, customers: await tx.offers.offerCustomers(row.id) },
        requestedPlan(this.options.plans, row.planId).interval,
      );
    });
  }

  /** What the link offers, for the page the customer lands on. */
  async viewOffer(code: string, token: string): Promise<OfferPublicView> {
    const { offer, partner } = await this.offerFromLink(this.uow.read, code, token);
    await this.refuseUnusable(this.uow.read, offer, null);
    return {
      partner: partner.name,
      advisorCode: partner.advisorCode,
      kind: offer.kind,
      name: offer.name === '' ? null : offer.name,
      plan: offer.planId,
      interval: requestedPlan(this.options.plans, offer.planId).interval,
      quantity: offer.quantity,
      trialDays: offer.trialDays,
      priceMinor: offer.priceMinor,
      currency: offer.currency,
      administration:
        offer.adminDays === null ? null : { permissions: offer.adminPermissions, durationDays: offer.adminDays },
      expiresAt: new Date(offer.expiresAt).toISOString(),
    };
  }

  /**
   * The signed-in customer takes the offer: a trial starts at once; a purchase goes through
   * checkout (the price of the plan and quantity, the card, the Idempotency-Key). Either way the
   * partner becomes partner of record, and an offer asking for delegated administration creates
   * the request, approved at once when the customer says so (`approveAdministration`).
   */
  async redeemOffer(
    caller: CallerIdentity,
    request: { code: string; token: string; card?: string; approveAdministration?: boolean },
    idempotencyKey: string | null,
    ip: string | null,
  ): Promise<Outcome> {
    const { offer } = await this.offerFromLink(this.uow.read, request.code, request.token);
    const approve = request.approveAdministration === true;
    if (offer.kind === 'trial') {
      if (request.card !== undefined)
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          'A trial needs no card; add one during the trial to continue paid.',
        );
      const outcome = await this.uow.transaction((tx) => this.startTrial(tx, caller, offer, approve, ip));
      await this.outbox.deliver();
      return outcome;
    }
    if (request.card === undefined) throw new ApiError(400, 'VALIDATION_FAILED', 'A purchase offer needs a card.');
    if (idempotencyKey === null)
      throw new ApiError(
        400,
        'IDEMPOTENCY_KEY_MISSING',
        'Send a unique Idempotency-Key header (8 to 255 printable characters) with every purchase.',
      );
    // A replay gets its first answer even if the offer changed since; a new purchase is checked first,
    // and on a limited offer the buyer holds a place while paying (the charge happens outside any transaction).
    const buyer = { tenantId: caller.tenantId, objectId: caller.objectId };
    const limited = offer.maxCustomers !== null;
    if (!(await this.uow.read.claims.answered(`checkout:${caller.tenantId}:${caller.objectId}`, idempotencyKey))) {
      await this.uow.transaction(async (tx) => {
        // Locked: the last place of a limited offer is counted and taken by one buyer at a time, on any instance.
        await tx.offers.lockOffer(offer.id);
        const current = (await tx.offers.findOfferById(offer.id)) ?? offer;
        const organisation = await tx.organisations.findByTenant(caller.tenantId);
        await refuseOwnCustomer(tx, offer.partnerId, caller, this.options.trials);
        await this.refuseUnusable(tx, current, organisation?.id ?? null, buyer);
        if (limited) await tx.offers.claimOffer(offer.id, buyer, this.clock());
      });
    }
    let result: CheckoutResponse | null = null;
    let underWay = false;
    try {
      result = await this.checkout.purchase(
        caller,
        { plan: offer.planId, quantity: offer.quantity, card: request.card },
        idempotencyKey,
        ip,
        { offerId: offer.id, approveAdministration: approve },
      );
    } catch (error) {
      // Still being paid (this key's claim is live, or the provider's answer was lost and the claim will be reconciled): the place stays held; it runs out by itself.
      underWay = !(error instanceof ApiError) || error.code === 'IDEMPOTENCY_KEY_IN_USE';
      throw error;
    } finally {
      // Recorded (the fulfilment released it) or waiting for the bank: keep; refused or failed: give the place back.
      const waiting = result !== null && (result.body as { status?: string } | null)?.status === 'requires_action';
      if (limited && !waiting && !underWay)
        await this.uow.transaction((tx) => tx.offers.releaseOfferClaim(offer.id, buyer));
    }
    await this.outbox.deliver();
    return result;
  }

  private async startTrial(
    tx: Repositories,
    caller: CallerIdentity,
    linked: OfferRow,
    approve: boolean,
    ip: string | null,
  ): Promise<Outcome> {
    const email = verifiedAddress(caller);
    if (!email) throw new ApiError(400, 'VALIDATION_FAILED', NO_VERIFIED_ADDRESS);
    const now = this.clock();
    // Locked, then read again: the offer's places and the partner's trial allowance are counted, then taken, one trial at a time.
    await tx.offers.lockOffer(linked.id);
    await tx.partners.lock(linked.partnerId);
    const offer = (await tx.offers.findOfferById(linked.id)) ?? linked;
    await refuseOwnCustomer(tx, offer.partnerId, caller, this.options.trials);
    const organisation = await organisationFor(tx, caller.tenantId, email.domain, now);
    await tx.organisations.lock(organisation.id);
    await this.refuseUnusable(tx, offer, organisation.id);
    const refusal = trialStartRefusal(
      {
        seats: offer.quantity,
        days: offer.trialDays ?? 1,
        ownCustomer: false,
        hadTrialOfPlan: await tx.offers.hadTrial(organisation.id, offer.planId),
        hasLiveTrial: await tx.offers.hasLiveTrial(organisation.id),
        paidForPlan: await tx.offers.paidForPlan(organisation.id, offer.planId),
        allowance: await trialAllowance(tx, offer.partnerId, this.options.trials),
      },
      this.options.trials,
    );
    if (refusal) throw trialError(refusal, this.options.trials);
    const subscription: Omit<SubscriptionRow, 'assignedCount'> = {
      id: randomUUID(),
      organisationId: organisation.id,
      planId: offer.planId,
      quantity: offer.quantity,
      status: 'trial',
      periodStart: now,
      periodEnd: now + (offer.trialDays ?? 1) * DAY_MS,
      ownerTenantId: caller.tenantId,
      ownerObjectId: caller.objectId,
      ownerEmail: email.display,
      createdAt: now,
    };
    await openSubscription(tx, subscription);
    if (
      !(await tx.offers.insertTrial({
        organisationId: organisation.id,
        planId: offer.planId,
        subscriptionId: subscription.id,
        partnerId: offer.partnerId,
        seats: offer.quantity,
        startsAt: now,
        endsAt: subscription.periodEnd,
      }))
    ) {
      throw trialError('TRIAL_ALREADY_USED', this.options.trials);
    }
    await tx.subscriptions.setCurrency(subscription.id, offer.currency);
    await Journal.record(tx, {
      organisationId: organisation.id,
      subscriptionId: subscription.id,
      actor: person(caller, 'owner', email.display),
      action: 'trial.started',
      target: subscription.id,
      detail: { plan: offer.planId, quantity: offer.quantity, trialDays: offer.trialDays, offer: offer.id },
      ip,
      at: now,
    });
    const relationship = await this.recordReferral(
      tx,
      offer,
      subscription.id,
      organisation.id,
      { tenantId: caller.tenantId, objectId: caller.objectId, email: email.display },
      approve,
      ip,
      now,
    );
    return {
      statusCode: 201,
      body: {
        status: 'trial',
        subscriptionId: subscription.id,
        plan: offer.planId,
        quantity: offer.quantity,
        periodEnd: new Date(subscription.periodEnd).toISOString(),
        administration: relationship,
      },
    };
  }

  /** Fulfilment listener: inside the purchase's transaction. */
  private async recordOfferPurchase(
    tx: Repositories,
    pending: PendingCheckout,
    subscriptionIds: readonly string[],
    now: number,
  ): Promise<void> {
    if (!pending.referral) return;
    const offer = await tx.offers.findOfferById(pending.referral.offerId);
    const subscriptionId = subscriptionIds[0];
    const subscription = subscriptionId && (await tx.subscriptions.find(subscriptionId));
    if (!offer || !subscription) return;
    await tx.offers.releaseOfferClaim(offer.id, pending.buyer);
    await this.recordReferral(
      tx,
      offer,
      subscription.id,
      subscription.organisationId,
      pending.buyer,
      pending.referral.approveAdministration,
      pending.ip,
      now,
    );
  }

  /** Partner of record, the offer's use, its delegated-administration request, and the partner's journal. */
  private async recordReferral(
    tx: Repositories,
    offer: OfferRow,
    subscriptionId: string,
    organisationId: string,
    buyer: { tenantId: string; objectId: string; email: string },
    approve: boolean,
    ip: string | null,
    now: number,
  ): Promise<PartnerRelationshipView | null> {
    const partner = await tx.partners.findPartner(offer.partnerId);
    if (!partner) return null;
    await tx.subscriptions.setPartnerOfRecord(subscriptionId, partner.id);
    await tx.offers.insertOfferRedemption({
      offerId: offer.id,
      organisationId,
      subscriptionId,
      email: buyer.email,
      createdAt: now,
    });
    await partnerJournal(
      tx,
      partner,
      person(buyer, 'customer'),
      'offer.redeemed',
      offer.name || `${offer.planId} × ${offer.quantity}`,
      { offer: offer.id, subscriptionId, kind: offer.kind },
      ip,
      now,
    );
    return this.administration.fromOffer(tx, offer, partner, subscriptionId, organisationId, buyer, approve, ip, now);
  }

  private async offerFromLink(
    repos: Repositories,
    code: string,
    token: string,
  ): Promise<{ offer: OfferRow; partner: PartnerRow }> {
    const offer = await repos.offers.findOfferByTokenHash(sha256(token));
    const partner = offer && (await repos.partners.findPartner(offer.partnerId));
    // A token from another partner's link, or a code changed by hand: the link is not one we made.
    if (!offer || !partner || partner.advisorCode !== code)
      throw new ApiError(
        404,
        'OFFER_NOT_FOUND',
        'This offer link is not valid. Open the whole link your partner sent.',
      );
    return { offer, partner };
  }

  private async refuseUnusable(
    repos: Repositories,
    offer: OfferRow,
    organisationId: string | null,
    buyer?: { tenantId: string; objectId: string },
  ): Promise<void> {
    const now = this.clock();
    // Places held by other buyers still paying count as used.
    const held =
      buyer && offer.maxCustomers !== null
        ? await repos.offers.otherOfferClaims(offer.id, buyer, now - OFFER_CLAIM_MS)
        : 0;
    const refusal = offerRefusal(
      {
        disabled: offer.disabledAt !== null,
        expiresAt: offer.expiresAt,
        maxCustomers: offer.maxCustomers,
        customers: (await repos.offers.offerCustomers(offer.id)) + held,
      },
      now,
    );
    if (refusal) throw offerError(refusal);
    if (organisationId && (await repos.offers.hasRedeemedOffer(offer.id, organisationId)))
      throw new ApiError(409, 'OFFER_ALREADY_REDEEMED', 'Your organisation has already used this offer.');
  }

  private offerLink(partner: PartnerRow, token: string): string {
    // The advisor code and the token travel in the fragment: never sent to a server or in a Referer header.
    return `${this.options.publicUrl}/portal.html#/offer?code=${encodeURIComponent(partner.advisorCode)}&token=${encodeURIComponent(token)}`;
  }
}

function offerError(refusal: 'OFFER_DISABLED' | 'OFFER_EXPIRED' | 'OFFER_USED'): ApiError {
  switch (refusal) {
    case 'OFFER_DISABLED':
      return new ApiError(410, refusal, 'The partner has disabled this offer. Ask them for a new link.');
    case 'OFFER_EXPIRED':
      return new ApiError(410, refusal, 'This offer has expired. Ask your partner for a new link.');
    default:
      return new ApiError(410, refusal, 'This offer was for one customer and has been used.');
  }
}
