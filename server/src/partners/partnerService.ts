/**
 * Partners (P1–P5): enrolment and staff, offers (trial invitations and purchase offers as links
 * carrying the advisor code), delegated-administration requests the customer's owner approves,
 * product keys bought through the payment provider and redeemed by customers, the customer list
 * and the partner of record's notifications.
 *
 * Secrets: offer links and approval requests carry a 256-bit token of which only the SHA-256 is
 * stored; product keys are 25 symbols (about 114 bits) stored as a SHA-256 and usable once. Links
 * are built from the configured public URL. Money is integer minor units priced by the billing
 * engine (pricing.ts, invoiceMath.ts), charged through the PaymentProvider, every purchase under an
 * Idempotency-Key. Acting on a customer's subscription goes through `authorize` like everything
 * else; this service only decides who is partner staff.
 */
import { randomUUID } from 'node:crypto';
import type {
  OfferPublicView,
  OfferView,
  PartnerCustomerView,
  PartnerInvoiceView,
  PartnerNotificationView,
  PartnerRelationshipView,
  PartnerStaffView,
  PartnerView,
  ProductKeyView,
  RelationshipStateView,
  SubscriptionStatus,
} from '../../../shared/src/api/views.js';
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import { resolveLocale, type Locale } from '../../../shared/src/i18n/translate.js';
import { PERMISSIONS, type PartnerStaffRole, type Permission } from '../../../shared/src/permissions/permissions.js';
import type { BillingOptions, CheckoutResponse, CheckoutService, PendingCheckout } from '../billing/checkoutService.js';
import { invoiceNumber, invoiceTotals } from '../billing/invoiceMath.js';
import { declinedResponse, planLabel, recordPayment } from '../billing/ledger.js';
import type { FinalCharge, IdempotentCharges, Recorded } from '../billing/idempotentCharge.js';
import { PaymentMethodInvalidError } from '../billing/paymentProvider.js';
import { periodEnd } from '../billing/plans.js';
import { seatTotalMinor, safeMoney } from '../billing/pricing.js';
import { keyRedemption } from './keyRules.js';
import { trialOfferRefusal, trialStartRefusal, type TrialRefusal } from './trialRules.js';
import type { PlanConfig } from '../config.js';
import type { Mailer, OutgoingEmail } from '../email/mailer.js';
import { partnerNotificationsEmail, partnerRequestEmail, productKeysEmail } from '../email/templates.js';
import { renderInvoiceHtml } from '../billing/invoiceHtml.js';
import type { PartnerInvoiceRow } from '../storage/partnerStorage.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { anyClaimedAddress, NO_VERIFIED_ADDRESS, verifiedAddress } from '../identity/verifiedClaims.js';
import { authorize, journal } from '../licensing/access.js';
import type { CustomerQuery, OfferRow, PartnerRow, PartnerStaffRow, ProductKeyRow, RelationshipRow } from '../storage/partnerStorage.js';
import type { OrganisationRow, Storage, SubscriptionRow } from '../storage/storage.js';
import {
  DAY_MS,
  PRODUCT_KEY_LIFETIME_MS,
  REQUEST_LIFETIME_MS,
  newAdvisorCode,
  newLinkToken,
  newProductKey,
  offerRefusal,
  partnerActions,
  partnerCan,
  productKeyHash,
  maskedProductKey,
  readProductKey,
  relationshipState,
  sha256,
  validRelationshipDays,
  type NotificationKind,
  type PartnerAction,
} from './rules.js';

export interface PartnerServiceOptions extends BillingOptions {
  publicUrl: string;
  /** The vendor's limits on free seats (config `trials`). */
  trials: { maxSeats: number; maxDays: number; partnerSeatAllowance: number };
}

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

/** A key purchase waiting for the bank's answer, as stored with its payment action. */
interface PendingKeyPurchase {
  partnerId: string;
  plan: string;
  seats: number;
  termPeriods: number;
  count: number;
  buyer: string;
  actor: { tenantId: string; objectId: string; email: string | null; role: PartnerStaffRole };
  ip: string | null;
}

export interface KeyPurchaseRequest {
  plan: string;
  seats: number;
  termPeriods: number;
  count: number;
  card: string;
}

interface PartnerAccess {
  partner: PartnerRow;
  staff: PartnerStaffRow;
}

type Outcome = { statusCode: number; body: unknown };

const OFFER_DEFAULT_DAYS = 30;
/** How long a buyer paying for a limited offer holds a place (a bank's confirmation included). */
const OFFER_CLAIM_MS = 30 * 60_000;

function canonicalEmail(email: string | null | undefined): string | null {
  const result = email ? normalizeEmail(email) : null;
  return result?.ok ? result.canonical : null;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function choosePermissions(permissions: readonly string[]): Permission[] {
  const chosen = PERMISSIONS.filter((p) => permissions.includes(p));
  if (chosen.length === 0) throw new ApiError(400, 'VALIDATION_FAILED', 'Choose at least one permission: assign, view, quantity, billing.');
  return chosen;
}

export class PartnerService {
  private readonly outgoing: OutgoingEmail[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly charges: IdempotentCharges,
    private readonly checkout: CheckoutService,
    private readonly mailer: Mailer,
    private readonly options: PartnerServiceOptions,
    private readonly clock: () => number = Date.now,
    private readonly log: (error: unknown, message: string) => void = () => {},
  ) {
    // A purchase through an offer is recorded with the purchase itself, also when the bank confirmed it later.
    checkout.onFulfilled((pending, subscriptionIds, now) => this.recordOfferPurchase(pending, subscriptionIds, now));
    // Key purchases are recorded here whenever the answer comes: at once, after the bank's confirmation, or on reconciliation.
    charges.register<PendingKeyPurchase>('product_keys', { confirmable: true, record: (pending, result, now) => this.settleKeyPurchase(pending, result, now) });
  }

  private plan(id: string): PlanConfig {
    const plan = this.options.plans.find((p) => p.id === id);
    if (!plan) throw new ApiError(400, 'PLAN_UNKNOWN', `Unknown plan "${id}". Choose one of: ${this.options.plans.map((p) => p.id).join(', ')}.`);
    return plan;
  }

  // --- partner organisations and staff (P1) -------------------------------------------------

  /** The signed-in person's organisation becomes a partner, with them as its owner, and gets its advisor code. */
  enrol(caller: CallerIdentity, request: { name: string; language?: string }, ip: string | null): PartnerView {
    // The partner's contact (digests, invoices) and owner are an address Entra vouches for, never a claimed name.
    const email = verifiedAddress(caller);
    if (!email) throw new ApiError(400, 'VALIDATION_FAILED', NO_VERIFIED_ADDRESS);
    const name = request.name.trim();
    if (!name) throw new ApiError(400, 'VALIDATION_FAILED', 'Give the partner organisation a name.');
    return this.storage.transaction(() => {
      const now = this.clock();
      const organisation = this.organisationFor(caller, email.domain, now);
      if (this.storage.partners.findPartnerByOrganisation(organisation.id)) throw new ApiError(409, 'PARTNER_EXISTS', 'Your organisation is a partner already; ask its owner to add you as staff.');
      let advisorCode = newAdvisorCode();
      while (this.storage.partners.advisorCodeTaken(advisorCode)) advisorCode = newAdvisorCode();
      const partner: PartnerRow = { id: randomUUID(), organisationId: organisation.id, advisorCode, name, contactEmail: email.display, language: resolveLocale(request.language), createdAt: now };
      this.storage.partners.insertPartner(partner);
      const staff: PartnerStaffRow = { id: randomUUID(), partnerId: partner.id, emailCanonical: email.canonical, emailDisplay: email.display, role: 'owner', tenantId: caller.tenantId, objectId: caller.objectId, createdAt: now };
      this.storage.partners.upsertStaff(staff);
      this.partnerJournal({ partner, staff }, caller, 'partner.enrolled', null, { advisorCode }, ip, now);
      return partnerView(partner, 'owner');
    });
  }

  /** Partners the caller is staff of (binding their address to their identity at the first sign-in in the partner's tenant). */
  list(caller: CallerIdentity): PartnerView[] {
    this.bind(caller);
    return this.storage.partners.staffOf(caller.tenantId, caller.objectId).flatMap((staff) => {
      const partner = this.storage.partners.findPartner(staff.partnerId);
      return partner ? [partnerView(partner, staff.role)] : [];
    });
  }

  get(caller: CallerIdentity, partnerId: string): PartnerView {
    const access = this.access(caller, partnerId, 'partner.view');
    return partnerView(access.partner, access.staff.role);
  }

  listStaff(caller: CallerIdentity, partnerId: string): PartnerStaffView[] {
    this.access(caller, partnerId, 'partner.view');
    return this.storage.partners.listStaff(partnerId).map(staffView);
  }

  /** Adds a staff member by address (they sign in within the partner's tenant), or changes their role. */
  setStaff(caller: CallerIdentity, partnerId: string, request: { email: string; role: 'full' | 'limited' }, ip: string | null): PartnerStaffView {
    const email = normalizeEmail(request.email);
    if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.email}" is not a valid email address.`);
    return this.storage.transaction(() => {
      const access = this.access(caller, partnerId, 'staff.manage');
      const now = this.clock();
      const existing = this.storage.partners.findStaffByEmail(partnerId, email.canonical);
      if (existing?.role === 'owner') throw new ApiError(409, 'PARTNER_STAFF_OWNER', "The partner's owner keeps the owner role.");
      const organisation = this.storage.partners.organisation(access.partner.organisationId);
      this.storage.partners.upsertStaff({ id: randomUUID(), partnerId, emailCanonical: email.canonical, emailDisplay: email.display, role: request.role, tenantId: organisation?.tenantId ?? caller.tenantId, objectId: null, createdAt: now });
      this.partnerJournal(access, caller, existing ? 'staff.role_changed' : 'staff.added', email.display, { role: request.role, ...(existing ? { from: existing.role } : {}) }, ip, now);
      const row = this.storage.partners.findStaffByEmail(partnerId, email.canonical);
      if (!row) throw new Error('unreachable: the staff row was just written');
      return staffView(row);
    });
  }

  removeStaff(caller: CallerIdentity, partnerId: string, staffId: string, ip: string | null): void {
    this.storage.transaction(() => {
      const access = this.access(caller, partnerId, 'staff.manage');
      const staff = this.storage.partners.findStaff(partnerId, staffId);
      if (!staff) throw new ApiError(404, 'PARTNER_STAFF_NOT_FOUND', 'No such staff member in this partner organisation.');
      if (staff.role === 'owner') throw new ApiError(409, 'PARTNER_STAFF_OWNER', "The partner's owner cannot be removed.");
      this.storage.partners.deleteStaff(staff.id);
      this.partnerJournal(access, caller, 'staff.removed', staff.emailDisplay, null, ip, this.clock());
    });
  }

  // --- offers (P2) ----------------------------------------------------------------------------

  /** A trial invitation or purchase offer; the answer carries its link once (only the token's hash is kept). */
  createOffer(caller: CallerIdentity, partnerId: string, request: OfferRequest, ip: string | null): { offer: OfferView; link: string } {
    const plan = this.plan(request.plan);
    if (request.kind === 'trial' && request.trialDays === undefined) throw new ApiError(400, 'VALIDATION_FAILED', 'A trial invitation needs its length: "trialDays" (1 to 90).');
    if (request.kind === 'purchase' && request.trialDays !== undefined) throw new ApiError(400, 'VALIDATION_FAILED', 'A purchase offer has no trial length.');
    const administration = request.administration ? { permissions: choosePermissions(request.administration.permissions), durationDays: request.administration.durationDays } : null;
    if (administration && !validRelationshipDays(administration.durationDays)) throw new ApiError(400, 'VALIDATION_FAILED', 'Delegated administration lasts from 1 to 730 days.');
    const token = newLinkToken();
    return this.storage.transaction(() => {
      const access = this.access(caller, partnerId, 'offers.manage');
      const now = this.clock();
      if (request.kind === 'trial') {
        const refusal = trialOfferRefusal({ seats: request.quantity, days: request.trialDays ?? 0 }, this.options.trials, this.trialAllowance(partnerId));
        if (refusal) throw this.trialError(refusal);
      }
      // The price per period before tax: the customer's tax depends on their country and VAT number.
      const price = request.kind === 'purchase' ? this.checkout.quote([{ plan: plan.id, quantity: request.quantity }])[0]?.totals.subtotalMinor ?? null : null;
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
      this.storage.partners.insertOffer(row, sha256(token));
      this.partnerJournal(access, caller, 'offer.created', row.name || `${plan.id} × ${row.quantity}`, { kind: row.kind, plan: row.planId, quantity: row.quantity, trialDays: row.trialDays, priceMinor: row.priceMinor, administration }, ip, now);
      return { offer: offerView({ ...row, customers: 0 }, plan.interval), link: this.offerLink(access.partner, token) };
    });
  }

  listOffers(caller: CallerIdentity, partnerId: string): OfferView[] {
    this.access(caller, partnerId, 'partner.view');
    return this.storage.partners.listOffers(partnerId).map((row) => offerView(row, this.plan(row.planId).interval));
  }

  setOfferDisabled(caller: CallerIdentity, partnerId: string, offerId: string, disabled: boolean, ip: string | null): OfferView {
    return this.storage.transaction(() => {
      const access = this.access(caller, partnerId, 'offers.manage');
      const row = this.storage.partners.findOffer(partnerId, offerId);
      if (!row) throw new ApiError(404, 'OFFER_NOT_FOUND', 'No such offer in this partner organisation.');
      const now = this.clock();
      this.storage.partners.setOfferDisabled(row.id, disabled ? now : null);
      this.partnerJournal(access, caller, disabled ? 'offer.disabled' : 'offer.enabled', row.name || `${row.planId} × ${row.quantity}`, null, ip, now);
      return offerView({ ...row, disabledAt: disabled ? now : null, customers: this.storage.partners.offerCustomers(row.id) }, this.plan(row.planId).interval);
    });
  }

  /** What the link offers, for the page the customer lands on. */
  viewOffer(code: string, token: string): OfferPublicView {
    const { offer, partner } = this.offerFromLink(code, token);
    const refusal = offerRefusal({ disabled: offer.disabledAt !== null, expiresAt: offer.expiresAt, maxCustomers: offer.maxCustomers, customers: this.storage.partners.offerCustomers(offer.id) }, this.clock());
    if (refusal) throw offerError(refusal);
    return {
      partner: partner.name,
      advisorCode: partner.advisorCode,
      kind: offer.kind,
      name: offer.name === '' ? null : offer.name,
      plan: offer.planId,
      interval: this.plan(offer.planId).interval,
      quantity: offer.quantity,
      trialDays: offer.trialDays,
      priceMinor: offer.priceMinor,
      currency: offer.currency,
      administration: offer.adminDays === null ? null : { permissions: offer.adminPermissions, durationDays: offer.adminDays },
      expiresAt: new Date(offer.expiresAt).toISOString(),
    };
  }

  /**
   * The signed-in customer takes the offer: a trial starts at once; a purchase goes through
   * checkout (the price of the plan and quantity, the card, the Idempotency-Key). Either way the
   * partner becomes partner of record, and an offer asking for delegated administration creates
   * the request, approved at once when the customer says so (`approveAdministration`).
   */
  async redeemOffer(caller: CallerIdentity, request: { code: string; token: string; card?: string; approveAdministration?: boolean }, idempotencyKey: string | null, ip: string | null): Promise<Outcome> {
    const { offer } = this.offerFromLink(request.code, request.token);
    const approve = request.approveAdministration === true;
    if (offer.kind === 'trial') {
      if (request.card !== undefined) throw new ApiError(400, 'VALIDATION_FAILED', 'A trial needs no card; add one during the trial to continue paid.');
      const outcome = this.storage.transaction(() => this.startTrial(caller, offer, approve, ip));
      await this.flush();
      return outcome;
    }
    if (request.card === undefined) throw new ApiError(400, 'VALIDATION_FAILED', 'A purchase offer needs a card.');
    if (idempotencyKey === null) throw new ApiError(400, 'IDEMPOTENCY_KEY_MISSING', 'Send a unique Idempotency-Key header (8 to 255 printable characters) with every purchase.');
    // A replay gets its first answer even if the offer changed since; a new purchase is checked first,
    // and on a limited offer the buyer holds a place while paying (the charge happens outside any transaction).
    const buyer = { tenantId: caller.tenantId, objectId: caller.objectId };
    const limited = offer.maxCustomers !== null;
    if (!this.storage.claims.answered(`checkout:${caller.tenantId}:${caller.objectId}`, idempotencyKey)) {
      this.storage.transaction(() => {
        const organisation = this.storage.findOrganisationByTenant(caller.tenantId);
        this.refuseOwnCustomer(offer.partnerId, caller);
        this.refuseUnusable(offer, organisation?.id ?? null, buyer);
        if (limited) this.storage.partners.claimOffer(offer.id, buyer, this.clock());
      });
    }
    let result: CheckoutResponse | null = null;
    let underWay = false;
    try {
      result = await this.checkout.purchase(caller, { plan: offer.planId, quantity: offer.quantity, card: request.card }, idempotencyKey, ip, { offerId: offer.id, approveAdministration: approve });
    } catch (error) {
      // Still being paid (this key's claim is live, or the provider's answer was lost and the claim will be reconciled): the place stays held; it runs out by itself.
      underWay = !(error instanceof ApiError) || error.code === 'IDEMPOTENCY_KEY_IN_USE';
      throw error;
    } finally {
      // Recorded (the fulfilment released it) or waiting for the bank: keep; refused or failed: give the place back.
      const waiting = result !== null && (result.body as { status?: string } | null)?.status === 'requires_action';
      if (limited && !waiting && !underWay) this.storage.transaction(() => this.storage.partners.releaseOfferClaim(offer.id, buyer));
    }
    await this.flush();
    return result;
  }

  private startTrial(caller: CallerIdentity, offer: OfferRow, approve: boolean, ip: string | null): Outcome {
    const email = verifiedAddress(caller);
    if (!email) throw new ApiError(400, 'VALIDATION_FAILED', NO_VERIFIED_ADDRESS);
    const now = this.clock();
    this.refuseOwnCustomer(offer.partnerId, caller);
    const organisation = this.organisationFor(caller, email.domain, now);
    this.refuseUnusable(offer, organisation.id);
    const refusal = trialStartRefusal(
      {
        seats: offer.quantity,
        days: offer.trialDays ?? 1,
        ownCustomer: false,
        hadTrialOfPlan: this.storage.entitlements.hadTrial(organisation.id, offer.planId),
        hasLiveTrial: this.storage.entitlements.hasLiveTrial(organisation.id),
        paidForPlan: this.storage.entitlements.paidForPlan(organisation.id, offer.planId),
        allowance: this.trialAllowance(offer.partnerId),
      },
      this.options.trials,
    );
    if (refusal) throw this.trialError(refusal);
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
    this.storage.insertSubscription(subscription);
    if (!this.storage.entitlements.insertTrial({ organisationId: organisation.id, planId: offer.planId, subscriptionId: subscription.id, partnerId: offer.partnerId, seats: offer.quantity, startsAt: now, endsAt: subscription.periodEnd })) {
      throw this.trialError('TRIAL_ALREADY_USED');
    }
    this.storage.billing.setCurrency(subscription.id, offer.currency);
    this.storage.appendJournal({
      organisationId: organisation.id,
      subscriptionId: subscription.id,
      actor: { tenantId: caller.tenantId, objectId: caller.objectId, email: email.display },
      actorRole: 'owner',
      onBehalfOf: null,
      category: 'subscription',
      action: 'trial.started',
      target: subscription.id,
      detail: JSON.stringify({ plan: offer.planId, quantity: offer.quantity, trialDays: offer.trialDays, offer: offer.id }),
      ip,
      at: now,
    });
    const relationship = this.recordReferral(offer, subscription.id, organisation.id, { tenantId: caller.tenantId, objectId: caller.objectId, email: email.display }, approve, ip, now);
    return { statusCode: 201, body: { status: 'trial', subscriptionId: subscription.id, plan: offer.planId, quantity: offer.quantity, periodEnd: new Date(subscription.periodEnd).toISOString(), administration: relationship } };
  }

  /** Fulfilment listener: inside the purchase's transaction. */
  private recordOfferPurchase(pending: PendingCheckout, subscriptionIds: readonly string[], now: number): void {
    if (!pending.referral) return;
    const offer = this.storage.partners.findOfferById(pending.referral.offerId);
    const subscriptionId = subscriptionIds[0];
    const subscription = subscriptionId && this.storage.findSubscription(subscriptionId);
    if (!offer || !subscription) return;
    this.storage.partners.releaseOfferClaim(offer.id, pending.buyer);
    this.recordReferral(offer, subscription.id, subscription.organisationId, pending.buyer, pending.referral.approveAdministration, pending.ip, now);
  }

  /** Partner of record, the offer's use, its delegated-administration request, and the partner's journal. */
  private recordReferral(offer: OfferRow, subscriptionId: string, organisationId: string, buyer: { tenantId: string; objectId: string; email: string }, approve: boolean, ip: string | null, now: number): PartnerRelationshipView | null {
    const partner = this.storage.partners.findPartner(offer.partnerId);
    if (!partner) return null;
    this.storage.partners.setPartnerOfRecord(subscriptionId, partner.id);
    this.storage.partners.insertOfferRedemption({ offerId: offer.id, organisationId, subscriptionId, email: buyer.email, createdAt: now });
    this.storage.appendJournal({ organisationId: partner.organisationId, subscriptionId: null, actor: { ...buyer }, actorRole: 'customer', onBehalfOf: null, category: 'partner', action: 'offer.redeemed', target: offer.name || `${offer.planId} × ${offer.quantity}`, detail: JSON.stringify({ offer: offer.id, subscriptionId, kind: offer.kind }), ip, at: now });
    if (offer.adminDays === null || offer.adminPermissions.length === 0) return null;
    const token = approve ? null : newLinkToken();
    const row: RelationshipRow = {
      id: randomUUID(),
      partnerId: partner.id,
      subscriptionId,
      customerEmailCanonical: canonicalEmail(buyer.email) ?? buyer.email,
      customerEmailDisplay: buyer.email,
      permissions: offer.adminPermissions,
      durationDays: offer.adminDays,
      status: approve ? 'active' : 'pending',
      language: partner.language,
      requestedByEmail: offer.createdByEmail,
      requestedAt: now,
      requestExpiresAt: now + REQUEST_LIFETIME_MS,
      approvedAt: approve ? now : null,
      approvedByEmail: approve ? buyer.email : null,
      expiresAt: approve ? now + offer.adminDays * DAY_MS : null,
      endedAt: null,
      endedByEmail: null,
    };
    this.storage.partners.insertRelationship(row, token && sha256(token));
    this.storage.appendJournal({
      organisationId,
      subscriptionId,
      actor: { ...buyer },
      actorRole: 'owner',
      onBehalfOf: null,
      category: 'delegates',
      action: approve ? 'partner.approved' : 'partner.requested',
      target: partner.name,
      detail: JSON.stringify({ permissions: row.permissions, durationDays: row.durationDays, offer: offer.id }),
      ip,
      at: now,
    });
    if (token) this.outgoing.push(this.requestMail(partner, row, token));
    return relationshipView(row, partner, now);
  }

  // --- delegated administration of customers (P3) ----------------------------------------------

  /** Asks a customer's owner (by address) for delegated administration; nothing is granted until they approve from the emailed link. */
  async requestAdministration(caller: CallerIdentity, partnerId: string, request: { email: string; permissions: string[]; durationDays: number; language?: string }, ip: string | null): Promise<PartnerRelationshipView> {
    const permissions = choosePermissions(request.permissions);
    if (!validRelationshipDays(request.durationDays)) throw new ApiError(400, 'VALIDATION_FAILED', 'Delegated administration lasts from 1 to 730 days.');
    const email = normalizeEmail(request.email);
    if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.email}" is not a valid email address.`);
    const token = newLinkToken();
    const view = this.storage.transaction(() => {
      const access = this.access(caller, partnerId, 'requests.manage');
      const now = this.clock();
      const row: RelationshipRow = {
        id: randomUUID(),
        partnerId,
        subscriptionId: null,
        customerEmailCanonical: email.canonical,
        customerEmailDisplay: email.display,
        permissions,
        durationDays: request.durationDays,
        status: 'pending',
        language: resolveLocale(request.language ?? access.partner.language),
        requestedByEmail: caller.email ?? access.staff.emailDisplay,
        requestedAt: now,
        requestExpiresAt: now + REQUEST_LIFETIME_MS,
        approvedAt: null,
        approvedByEmail: null,
        expiresAt: null,
        endedAt: null,
        endedByEmail: null,
      };
      this.storage.partners.insertRelationship(row, sha256(token));
      this.partnerJournal(access, caller, 'request.sent', email.display, { permissions, durationDays: request.durationDays }, ip, now);
      this.outgoing.push(this.requestMail(access.partner, row, token));
      return relationshipView(row, access.partner, now);
    });
    await this.flush();
    return view;
  }

  listRequests(caller: CallerIdentity, partnerId: string): PartnerRelationshipView[] {
    const { partner } = this.access(caller, partnerId, 'partner.view');
    const now = this.clock();
    return this.storage.partners.relationshipsOfPartner(partnerId, 1000).map((row) => relationshipView(row, partner, now));
  }

  withdrawRequest(caller: CallerIdentity, partnerId: string, requestId: string, ip: string | null): void {
    this.storage.transaction(() => {
      const access = this.access(caller, partnerId, 'requests.manage');
      const row = this.storage.partners.findRelationship(requestId);
      if (!row || row.partnerId !== partnerId) throw new ApiError(404, 'PARTNER_REQUEST_NOT_FOUND', 'No such request of this partner.');
      const now = this.clock();
      if (!this.storage.partners.closeRelationship(row.id, 'withdrawn', caller.email ?? access.staff.emailDisplay, now)) throw new ApiError(409, 'PARTNER_REQUEST_USED', 'Only a pending request can be withdrawn.');
      this.partnerJournal(access, caller, 'request.withdrawn', row.customerEmailDisplay, null, ip, now);
    });
  }

  /** The request behind an approval link, for the signed-in customer to review. */
  viewRequest(caller: CallerIdentity, token: string): PartnerRelationshipView & { subscriptions: Array<{ id: string; plan: string; quantity: number; status: SubscriptionStatus }> } {
    const { row, partner } = this.usableRequest(caller, token, this.clock());
    const owned = row.subscriptionId ? [this.storage.findSubscription(row.subscriptionId)].filter((s): s is SubscriptionRow => s !== undefined) : this.storage.listSubscriptionsOwnedBy(caller.tenantId, caller.objectId);
    return { ...relationshipView(row, partner, this.clock()), subscriptions: owned.map((s) => ({ id: s.id, plan: s.planId, quantity: s.quantity, status: s.status })) };
  }

  /** The customer's owner approves: the relationship starts now and ends by itself after its duration. */
  approveRequest(caller: CallerIdentity, token: string, subscriptionId: string | undefined, ip: string | null): PartnerRelationshipView {
    return this.storage.transaction(() => {
      const now = this.clock();
      const { row, partner } = this.usableRequest(caller, token, now);
      const target = row.subscriptionId ?? subscriptionId;
      if (!target) throw new ApiError(400, 'VALIDATION_FAILED', 'Choose the subscription the partner may administer: "subscriptionId".');
      if (row.subscriptionId && subscriptionId && subscriptionId !== row.subscriptionId) throw new ApiError(400, 'VALIDATION_FAILED', 'This request is for another subscription.');
      // Only the owner grants: the same door and rule as inviting a delegate.
      const access = authorize(this.storage, caller, target, 'delegates.manage', now);
      // A new approval replaces the partner's earlier relationship with the subscription.
      for (const earlier of this.storage.partners.relationshipsOfSubscription(target)) {
        if (earlier.partnerId === partner.id && earlier.status === 'active') this.storage.partners.closeRelationship(earlier.id, 'ended', caller.email ?? '', now);
      }
      const expiresAt = now + row.durationDays * DAY_MS;
      if (!this.storage.partners.approveRelationship(row.id, target, caller.email ?? '', now, expiresAt)) throw new ApiError(410, 'PARTNER_REQUEST_USED', 'This request was already answered.');
      journal(this.storage, access, { category: 'delegates', action: 'partner.approved', target: partner.name, detail: { permissions: row.permissions, durationDays: row.durationDays, expiresAt: new Date(expiresAt).toISOString() }, ip, at: now });
      this.storage.appendJournal({ organisationId: partner.organisationId, subscriptionId: null, actor: { tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email ?? '' }, actorRole: 'customer', onBehalfOf: null, category: 'partner', action: 'request.approved', target: row.customerEmailDisplay, detail: JSON.stringify({ subscriptionId: target }), ip, at: now });
      const approved = this.storage.partners.findRelationship(row.id);
      if (!approved) throw new Error('unreachable: the relationship was just approved');
      return relationshipView(approved, partner, now);
    });
  }

  declineRequest(caller: CallerIdentity, token: string, ip: string | null): void {
    this.storage.transaction(() => {
      const now = this.clock();
      const { row, partner } = this.usableRequest(caller, token, now);
      if (!this.storage.partners.closeRelationship(row.id, 'declined', caller.email ?? '', now)) throw new ApiError(410, 'PARTNER_REQUEST_USED', 'This request was already answered.');
      this.storage.appendJournal({ organisationId: partner.organisationId, subscriptionId: null, actor: { tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email ?? '' }, actorRole: 'customer', onBehalfOf: null, category: 'partner', action: 'request.declined', target: row.customerEmailDisplay, detail: null, ip, at: now });
    });
  }

  /** The customer's view of partners on a subscription (shown with its delegates). */
  relationshipsOf(caller: CallerIdentity, subscriptionId: string): PartnerRelationshipView[] {
    authorize(this.storage, caller, subscriptionId, 'delegates.view');
    const now = this.clock();
    return this.storage.partners.relationshipsOfSubscription(subscriptionId).flatMap((row) => {
      const partner = this.storage.partners.findPartner(row.partnerId);
      return partner ? [relationshipView(row, partner, now)] : [];
    });
  }

  /** The customer's owner ends a relationship (or declines its pending request) at any time. */
  endRelationship(caller: CallerIdentity, subscriptionId: string, relationshipId: string, ip: string | null): void {
    this.storage.transaction(() => {
      const now = this.clock();
      const access = authorize(this.storage, caller, subscriptionId, 'delegates.manage', now);
      const row = this.storage.partners.findRelationship(relationshipId);
      const partner = row && this.storage.partners.findPartner(row.partnerId);
      if (!row || row.subscriptionId !== subscriptionId || !partner) throw new ApiError(404, 'RELATIONSHIP_NOT_FOUND', 'No such partner relationship on this subscription.');
      const closed = row.status === 'active' ? this.storage.partners.closeRelationship(row.id, 'ended', caller.email ?? '', now) : row.status === 'pending' && this.storage.partners.closeRelationship(row.id, 'declined', caller.email ?? '', now);
      if (!closed) throw new ApiError(409, 'PARTNER_REQUEST_USED', 'This relationship has already ended.');
      journal(this.storage, access, { category: 'delegates', action: row.status === 'active' ? 'partner.ended' : 'partner.declined', target: partner.name, ip, at: now });
      this.storage.appendJournal({ organisationId: partner.organisationId, subscriptionId: null, actor: { tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email ?? '' }, actorRole: 'customer', onBehalfOf: null, category: 'partner', action: 'relationship.ended_by_customer', target: row.customerEmailDisplay, detail: JSON.stringify({ subscriptionId }), ip, at: now });
    });
  }

  // --- product keys (P4) ------------------------------------------------------------------------

  /**
   * Buys `count` keys of (plan, seats, term) with a card: priced by the billing engine (seats at
   * the plan's graduated price, times the term, tax on top), charged through the provider under
   * the Idempotency-Key. The keys are in the first answer only; a replay gets their hints.
   */
  async buyKeys(caller: CallerIdentity, partnerId: string, request: KeyPurchaseRequest, key: string, ip: string | null): Promise<Outcome> {
    const plan = this.plan(request.plan);
    const totals = this.keyTotals(plan, request);
    this.access(caller, partnerId, 'keys.buy');
    // The card becomes a payment method first: a real provider's is a token the browser already made.
    const method = await this.charges.provider.createPaymentMethod(request.card, { idempotencyKey: `product-keys:${partnerId}:${caller.tenantId}:${caller.objectId}:${key}` }).catch((error: unknown) => {
      throw error instanceof PaymentMethodInvalidError ? new ApiError(400, 'PAYMENT_CARD_INVALID', error.message) : error;
    });
    return this.charges.run<PendingKeyPurchase>({
      kind: 'product_keys',
      scope: `product-keys:${partnerId}:${caller.tenantId}:${caller.objectId}`,
      key,
      request: [request.plan, request.seats, request.termPeriods, request.count, request.card.replace(/[\s-]/g, '')],
      what: 'purchase',
      payer: { tenantId: caller.tenantId, objectId: caller.objectId },
      guard: () => void this.access(caller, partnerId, 'keys.buy'),
      prepare: () => {
        const access = this.access(caller, partnerId, 'keys.buy');
        // The keys are emailed to the address the staff member was bound on (a verified one), never to a claimed name.
        const pending: PendingKeyPurchase = { partnerId, plan: plan.id, seats: request.seats, termPeriods: request.termPeriods, count: request.count, buyer: access.staff.emailDisplay, actor: { tenantId: caller.tenantId, objectId: caller.objectId, email: access.staff.emailDisplay, role: access.staff.role }, ip };
        return { charge: { amountMinor: totals.totalMinor, currency: this.options.currency, paymentMethodToken: method.token, description: totals.lines[0]?.description ?? 'Product keys', offSession: false }, pending };
      },
      refusedMethod: (error) => new ApiError(400, 'PAYMENT_CARD_INVALID', error.message),
    });
  }

  /** What `count` keys of (plan, seats, term) cost: the plan's graduated price of the seats, times the term, tax on top. */
  private keyTotals(plan: PlanConfig, purchase: { seats: number; termPeriods: number; count: number }) {
    const perKey = safeMoney(seatTotalMinor(plan, this.options.volume, purchase.seats) * purchase.termPeriods);
    const description = `Product key: ${planLabel(plan)}, ${purchase.seats} seats, ${purchase.termPeriods} × ${plan.interval}`;
    return invoiceTotals([{ description, quantity: purchase.count, unitAmountMinor: perKey, amountMinor: safeMoney(perKey * purchase.count) }], 0, this.options.taxRateBp);
  }

  /**
   * The end of a key purchase, at once or when the bank answered: on success a paid invoice, the
   * keys (stored hashed), the journal and the buyer's email; the answer holds the keys, the stored
   * answer (replayed for the same Idempotency-Key) only their last groups. In a transaction.
   */
  private settleKeyPurchase(purchase: PendingKeyPurchase, charge: FinalCharge, now: number): Required<Recorded> {
    const plan = this.plan(purchase.plan);
    const partner = this.storage.partners.findPartner(purchase.partnerId);
    // The partner paid: its keys are made even if its organisation changed meanwhile (there is no deleting partners).
    if (!partner) throw new Error(`Partner ${purchase.partnerId} disappeared while buying keys.`);
    const totals = this.keyTotals(plan, purchase);
    const description = totals.lines[0]?.description ?? 'Product keys';
    const after = () => this.flush();
    if (charge.status !== 'succeeded') {
      recordPayment(this.storage, { subscriptionId: null, provider: this.charges.provider.name, reference: charge.reference, amountMinor: totals.totalMinor, currency: this.options.currency, status: 'declined', description, invoiceId: null, at: now });
      const declined = declinedResponse(charge.reason);
      return { outcome: declined, stored: declined, after };
    }
    // A paid invoice in the same yearly sequence as subscription invoices (B4), billed to the buyer.
    const year = new Date(now).getUTCFullYear();
    const invoice: PartnerInvoiceRow = {
      id: randomUUID(),
      number: invoiceNumber(year, this.storage.billing.nextInvoiceSequence(year)),
      partnerId: partner.id,
      status: 'paid',
      currency: this.options.currency,
      subtotalMinor: totals.subtotalMinor,
      taxRateBp: totals.taxRateBp,
      taxMinor: totals.taxMinor,
      totalMinor: totals.totalMinor,
      billTo: purchase.buyer,
      issuedAt: now,
      paidAt: now,
    };
    this.storage.partners.insertInvoice(invoice, totals.lines);
    recordPayment(this.storage, { subscriptionId: null, provider: this.charges.provider.name, reference: charge.reference, amountMinor: totals.totalMinor, currency: this.options.currency, status: 'succeeded', description, invoiceId: null, at: now });
    const batchId = randomUUID();
    const keys: string[] = [];
    const rows: ProductKeyRow[] = [];
    for (let i = 0; i < purchase.count; i++) {
      const productKey = newProductKey();
      const row: ProductKeyRow = { id: randomUUID(), partnerId: partner.id, batchId, keyHint: productKey.slice(-5), planId: plan.id, seats: purchase.seats, termPeriods: purchase.termPeriods, status: 'unused', createdAt: now, expiresAt: now + PRODUCT_KEY_LIFETIME_MS, redeemedAt: null, redeemedSubscriptionId: null, redeemedByEmail: null };
      this.storage.partners.insertProductKey(row, productKeyHash(productKey));
      keys.push(productKey);
      rows.push(row);
    }
    this.storage.appendJournal({
      organisationId: partner.organisationId,
      subscriptionId: null,
      actor: { tenantId: purchase.actor.tenantId, objectId: purchase.actor.objectId, email: purchase.actor.email ?? purchase.buyer },
      actorRole: `partner ${purchase.actor.role}`,
      onBehalfOf: null,
      category: 'partner',
      action: 'product_keys.purchased',
      target: batchId,
      detail: JSON.stringify({ plan: plan.id, seats: purchase.seats, termPeriods: purchase.termPeriods, count: purchase.count, amountMinor: totals.totalMinor, currency: this.options.currency }),
      ip: purchase.ip,
      at: now,
    });
    const body = { batchId, invoiceNumber: invoice.number, plan: plan.id, seats: purchase.seats, termPeriods: purchase.termPeriods, amountMinor: totals.totalMinor, currency: this.options.currency, expiresAt: new Date(now + PRODUCT_KEY_LIFETIME_MS).toISOString() };
    // The buyer's durable copy: only the keys' hashes stay here.
    this.outgoing.push(productKeysEmail({ to: purchase.buyer, locale: resolveLocale(partner.language), partner: partner.name, plan: plan.id, seats: purchase.seats, periods: purchase.termPeriods, interval: plan.interval, keys, expiresAt: now + PRODUCT_KEY_LIFETIME_MS, publicUrl: this.options.publicUrl }));
    return {
      outcome: { statusCode: 201, body: { ...body, keys, emailedTo: purchase.buyer } },
      stored: { statusCode: 201, body: { ...body, keys: rows.map((r) => maskedProductKey(r.keyHint)), keysShownOnce: true } },
      after,
    };
  }

  /** The partner's invoices (product keys), newest first: for those who may buy. */
  listInvoices(caller: CallerIdentity, partnerId: string): PartnerInvoiceView[] {
    this.access(caller, partnerId, 'keys.buy');
    return this.storage.partners.listInvoices(partnerId).map((row) => ({ id: row.id, number: row.number, status: row.status, currency: row.currency, totalMinor: row.totalMinor, taxMinor: row.taxMinor, issuedAt: new Date(row.issuedAt).toISOString() }));
  }

  /** A partner invoice as a printable page, in the reader's language. */
  invoiceHtml(caller: CallerIdentity, partnerId: string, invoiceId: string, locale: Locale): string {
    const access = this.access(caller, partnerId, 'keys.buy');
    const found = this.storage.partners.findInvoice(partnerId, invoiceId);
    if (!found) throw new ApiError(404, 'INVOICE_NOT_FOUND', 'No such invoice for this partner.');
    const { invoice, lines } = found;
    // The same page as a subscription's invoice; a key purchase covers no period but its day.
    return renderInvoiceHtml({ ...invoice, subscriptionId: '', organisationId: access.partner.organisationId, kind: 'purchase', periodStart: invoice.issuedAt, periodEnd: invoice.issuedAt }, lines, { organisation: access.partner.name, locale });
  }

  listKeys(caller: CallerIdentity, partnerId: string): ProductKeyView[] {
    this.access(caller, partnerId, 'partner.view');
    const now = this.clock();
    return this.storage.partners.listProductKeys(partnerId, 5000).map((row) => productKeyView(row, now));
  }

  /**
   * A customer redeems a key (rules in ./keyRules.ts): a new subscription of the key's seats, a
   * running trial turned into one, or the key's seats prepaid in an active subscription's next
   * renewals. The key's grant (seats × periods, and how many periods are used) is recorded, so
   * what a key paid for and what it gave can be counted.
   */
  redeemKey(caller: CallerIdentity, request: { key: string; subscriptionId?: string }, ip: string | null): { subscriptionId: string; created: boolean; plan: string; quantity: number; status: SubscriptionStatus; periodEnd: string; prepaidPeriods: number } {
    const reading = readProductKey(request.key);
    if (!reading.ok && reading.problem === 'shape') throw new ApiError(400, 'PRODUCT_KEY_INVALID', 'A product key has 30 letters and digits in 6 groups: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX (keys bought earlier have 5 groups).');
    // The right shape but not a key (a character keys never contain, such as O or 0): the key is wrong, not its format.
    if (!reading.ok) throw new ApiError(404, 'PRODUCT_KEY_NOT_FOUND', `This product key is not valid: product keys never contain ${reading.characters.join(', ')}. Check it character by character.`, { characters: reading.characters });
    const canonical = reading.key;
    const email = verifiedAddress(caller);
    if (!email) throw new ApiError(400, 'VALIDATION_FAILED', NO_VERIFIED_ADDRESS);
    return this.storage.transaction(() => {
      const now = this.clock();
      const key = this.storage.partners.findProductKeyByHash(productKeyHash(canonical));
      if (!key) throw new ApiError(404, 'PRODUCT_KEY_NOT_FOUND', 'This product key is not valid. Check it character by character.');
      if (key.status === 'redeemed') throw new ApiError(410, 'PRODUCT_KEY_USED', 'This product key has already been used.');
      if (key.expiresAt <= now) throw new ApiError(410, 'PRODUCT_KEY_EXPIRED', 'This product key has expired. Ask your partner for a new one.');
      const partner = this.storage.partners.findPartner(key.partnerId);
      if (!partner) throw new ApiError(404, 'PRODUCT_KEY_NOT_FOUND', 'This product key is not valid.');
      this.refuseOwnCustomer(partner.id, caller);
      const plan = this.plan(key.planId);
      const actor = { tenantId: caller.tenantId, objectId: caller.objectId, email: email.display };
      let subscription: SubscriptionRow;
      let created: boolean;
      let periodsUsedNow = 1;
      if (request.subscriptionId) {
        const access = authorize(this.storage, caller, request.subscriptionId, 'billing.manage', now);
        subscription = access.subscription;
        const decision = keyRedemption({ planId: subscription.planId, status: subscription.status, quantity: subscription.quantity, assigned: subscription.assignedCount }, key);
        if (decision.kind === 'refuse') throw this.keyError(decision.code, key, subscription);
        if (decision.kind === 'convert_trial') {
          // The trial ends now; the key's seats for its term start now, as a new subscription from a key would.
          const end = periodEnd(now, plan.interval);
          this.storage.billing.setQuantity(subscription.id, decision.quantity, null);
          this.storage.billing.setPeriod(subscription.id, now, end);
          this.storage.billing.setStatus(subscription.id, 'active');
          subscription = { ...subscription, quantity: decision.quantity, periodStart: now, periodEnd: end, status: 'active' };
        } else {
          periodsUsedNow = 0;
        }
        if (!this.storage.partners.partnerOfRecord(subscription.id)) this.storage.partners.setPartnerOfRecord(subscription.id, partner.id);
        journal(this.storage, access, {
          category: 'billing',
          action: 'subscription.extended',
          target: subscription.id,
          detail: { productKey: key.keyHint, partner: partner.name, seats: key.seats, periods: key.termPeriods, fromTrial: decision.kind === 'convert_trial', quantity: subscription.quantity, periodEnd: new Date(subscription.periodEnd).toISOString() },
          ip,
          at: now,
        });
        created = false;
      } else {
        const organisation = this.organisationFor(caller, email.domain, now);
        const end = periodEnd(now, plan.interval);
        const row = { id: randomUUID(), organisationId: organisation.id, planId: plan.id, quantity: key.seats, status: 'active' as const, periodStart: now, periodEnd: end, ownerTenantId: caller.tenantId, ownerObjectId: caller.objectId, ownerEmail: email.display, createdAt: now };
        this.storage.insertSubscription(row);
        this.storage.billing.setCurrency(row.id, this.options.currency);
        this.storage.partners.setPartnerOfRecord(row.id, partner.id);
        this.storage.appendJournal({ organisationId: organisation.id, subscriptionId: row.id, actor, actorRole: 'owner', onBehalfOf: null, category: 'billing', action: 'subscription.created_from_key', target: row.id, detail: JSON.stringify({ productKey: key.keyHint, partner: partner.name, plan: plan.id, quantity: key.seats, periods: key.termPeriods, periodEnd: new Date(end).toISOString() }), ip, at: now });
        subscription = { ...row, assignedCount: 0 };
        created = true;
      }
      this.storage.entitlements.insertKeyGrant({ productKeyId: key.id, subscriptionId: subscription.id, seats: key.seats, periods: key.termPeriods, periodsUsed: periodsUsedNow, createdAt: now });
      if (!this.storage.partners.redeemProductKey(key.id, subscription.id, email.display, now)) throw new ApiError(410, 'PRODUCT_KEY_USED', 'This product key has already been used.');
      this.storage.appendJournal({ organisationId: partner.organisationId, subscriptionId: null, actor, actorRole: 'customer', onBehalfOf: null, category: 'partner', action: 'product_key.redeemed', target: key.keyHint, detail: JSON.stringify({ subscriptionId: subscription.id, created, batchId: key.batchId }), ip, at: now });
      const prepaidPeriods = key.termPeriods - periodsUsedNow;
      return { subscriptionId: subscription.id, created, plan: plan.id, quantity: subscription.quantity, status: subscription.status, periodEnd: new Date(subscription.periodEnd).toISOString(), prepaidPeriods };
    });
  }

  private keyError(code: 'PRODUCT_KEY_PLAN_MISMATCH' | 'SUBSCRIPTION_NOT_ACTIVE' | 'PRODUCT_KEY_SEATS_MISMATCH', key: ProductKeyRow, subscription: SubscriptionRow): ApiError {
    switch (code) {
      case 'PRODUCT_KEY_PLAN_MISMATCH':
        return new ApiError(409, code, `This key is for the ${key.planId} plan; the subscription is ${subscription.planId}. Redeem it without a subscription to start a new one.`);
      case 'SUBSCRIPTION_NOT_ACTIVE':
        return new ApiError(409, code, 'Only an active subscription or a running trial can take a key; redeem the key without a subscription to start a new one.');
      default:
        return subscription.status === 'trial'
          ? new ApiError(409, code, `This key is for ${key.seats} seats and ${subscription.assignedCount} people hold a seat of this trial: remove seats first, or redeem the key without a subscription.`, { keySeats: key.seats, assigned: subscription.assignedCount })
          : new ApiError(409, code, `This key prepays ${key.seats} seats; the subscription has ${subscription.quantity}. Increase the quantity first, or redeem the key without a subscription.`, { keySeats: key.seats, quantity: subscription.quantity });
    }
  }

  // --- the vendor's limits on free seats (issue 10) ---------------------------------------------

  /** The partner's allowance of trial seats (the vendor's approval, or the configured default) and how many it gave. */
  private trialAllowance(partnerId: string): { seats: number; used: number } {
    return { seats: this.storage.entitlements.trialSeatAllowance(partnerId) ?? this.options.trials.partnerSeatAllowance, used: this.storage.entitlements.trialSeatsGiven(partnerId) };
  }

  /**
   * A partner is never its own customer: not its organisation (the caller's tenant), not its own
   * staff, not a person of one of the partner organisation's approved domains.
   */
  private refuseOwnCustomer(partnerId: string, caller: CallerIdentity): void {
    const partner = this.storage.partners.findPartner(partnerId);
    if (!partner) return;
    const organisation = this.storage.findOrganisationByTenant(caller.tenantId);
    // A refusal: any address the caller goes by counts, the claimed one too.
    const addresses = anyClaimedAddress(caller);
    const own =
      organisation?.id === partner.organisationId ||
      this.storage.partners.staffOf(caller.tenantId, caller.objectId).some((staff) => staff.partnerId === partnerId) ||
      addresses.some((email) => this.storage.partners.findStaffByEmail(partnerId, email) !== undefined || this.storage.isDomainApproved(partner.organisationId, email.slice(email.lastIndexOf('@') + 1)));
    if (own) throw this.trialError('PARTNER_OWN_CUSTOMER');
  }

  private trialError(refusal: TrialRefusal): ApiError {
    const { maxSeats, maxDays } = this.options.trials;
    switch (refusal) {
      case 'PARTNER_OWN_CUSTOMER':
        return new ApiError(409, refusal, "A partner cannot take its own offers or product keys: they are for the partner's customers.");
      case 'TRIAL_OVER_LIMIT':
        return new ApiError(409, refusal, `A trial has at most ${maxSeats} seats for at most ${maxDays} days.`, { maxSeats, maxDays });
      case 'TRIAL_ALREADY_USED':
        return new ApiError(409, refusal, 'Your organisation has had a trial of this plan, or has a trial running: buy a subscription to go on.');
      case 'TRIAL_AFTER_PURCHASE':
        return new ApiError(409, refusal, 'Your organisation already pays for this plan, so a trial of it is not offered: add seats to your subscription instead.');
      default:
        return new ApiError(409, refusal, 'This partner cannot give more trial seats now. The partner can ask the vendor for a larger trial allowance.');
    }
  }

  // --- customer list, notifications, journal (P5, P3) ------------------------------------------

  customers(caller: CallerIdentity, partnerId: string, query: CustomerQuery): { total: number; items: PartnerCustomerView[] } {
    this.access(caller, partnerId, 'customers.view');
    const now = this.clock();
    const page = this.storage.partners.queryCustomers(partnerId, query, now);
    return {
      total: page.total,
      items: page.items.map((row) => ({
        subscriptionId: row.subscriptionId,
        organisation: row.organisationName,
        tenantId: row.tenantId,
        owner: row.ownerEmail,
        plan: row.planId,
        status: row.status,
        quantity: row.quantity,
        assigned: row.assigned,
        renewsAt: new Date(row.periodEnd).toISOString(),
        partnerOfRecord: row.partnerOfRecord,
        relationship:
          row.relationshipId === null || row.relationshipStatus === null
            ? null
            : {
                id: row.relationshipId,
                state: relationshipState({ status: row.relationshipStatus, requestExpiresAt: row.requestExpiresAt ?? 0, expiresAt: row.relationshipExpiresAt }, now),
                permissions: (row.relationshipPermissions ?? '').split(',').filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p)),
                expiresAt: iso(row.relationshipExpiresAt),
              },
      })),
    };
  }

  notifications(caller: CallerIdentity, partnerId: string, limit: number): PartnerNotificationView[] {
    this.access(caller, partnerId, 'partner.view');
    return this.storage.partners.listNotifications(partnerId, limit).map((row) => ({
      id: row.id,
      subscriptionId: row.subscriptionId,
      customer: row.organisationName,
      kind: row.kind as NotificationKind,
      action: row.action,
      detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
      at: new Date(row.createdAt).toISOString(),
      emailed: row.emailedAt !== null,
    }));
  }

  journal(caller: CallerIdentity, partnerId: string, limit: number) {
    const { partner } = this.access(caller, partnerId, 'partner.view');
    return this.storage.journalFor(partner.organisationId, null, { categories: ['partner'], limit, newestFirst: true }).map((entry) => ({
      id: entry.id,
      at: new Date(entry.at).toISOString(),
      actor: entry.actor?.email ?? null,
      actorRole: entry.actorRole,
      action: entry.action,
      target: entry.target,
      detail: entry.detail === null ? null : (JSON.parse(entry.detail) as unknown),
      ip: entry.ip,
    }));
  }

  /**
   * Emails each partner of record a digest of its customers' changes not yet emailed, in the
   * partner's language, then marks them emailed. The server runs it periodically (with the
   * renewal job); tests call it.
   */
  async deliverNotifications(): Promise<number> {
    await this.flush();
    let sent = 0;
    for (const partnerId of this.storage.partners.partnersWithUnsentNotifications(1000)) {
      const partner = this.storage.partners.findPartner(partnerId);
      const pending = this.storage.partners.unsentNotifications(partnerId, 200);
      const last = pending.at(-1);
      if (!partner || !last) continue;
      const mail = partnerNotificationsEmail({
        to: partner.contactEmail,
        locale: resolveLocale(partner.language),
        partner: partner.name,
        partnerId: partner.id,
        changes: pending.map((n) => ({ customer: n.organisationName, kind: n.kind as NotificationKind, at: n.createdAt })),
        publicUrl: this.options.publicUrl,
      });
      try {
        await this.mailer.send(mail);
      } catch (error) {
        this.log(error, `partner notifications to ${partner.contactEmail} failed`);
        continue;
      }
      this.storage.transaction(() => this.storage.partners.markNotificationsEmailed(partnerId, last.id, this.clock()));
      sent++;
    }
    return sent;
  }

  // --- helpers --------------------------------------------------------------------------------

  /** The caller's staff role in the partner: no role → 404 (ids reveal nothing), no right → 403. */
  private access(caller: CallerIdentity, partnerId: string, action: PartnerAction): PartnerAccess {
    let staff = this.storage.partners.staffOf(caller.tenantId, caller.objectId).find((s) => s.partnerId === partnerId);
    if (!staff && this.bind(caller) > 0) staff = this.storage.partners.staffOf(caller.tenantId, caller.objectId).find((s) => s.partnerId === partnerId);
    const partner = staff && this.storage.partners.findPartner(partnerId);
    if (!staff || !partner) throw new ApiError(404, 'PARTNER_NOT_FOUND', 'No partner organisation with this id is visible to you.');
    if (!partnerCan(staff.role, action)) throw new ApiError(403, 'FORBIDDEN', 'Your staff role does not allow this in the partner organisation.');
    return { partner, staff };
  }

  /** Binds staff rows of the caller's address in the caller's tenant to their identity (as seats bind at the first check). */
  private bind(caller: CallerIdentity): number {
    // Only on an address Entra vouches for (identity/verifiedClaims.ts), never the sign-in name alone.
    const emails = caller.verifiedEmails ?? [];
    if (emails.length === 0) return 0;
    return this.storage.transaction(() => emails.reduce((bound, email) => bound + this.storage.partners.bindStaff(caller.tenantId, email, caller.objectId), 0));
  }

  private organisationFor(caller: CallerIdentity, domain: string, now: number): OrganisationRow {
    let organisation = this.storage.findOrganisationByTenant(caller.tenantId);
    if (!organisation) {
      organisation = { id: randomUUID(), tenantId: caller.tenantId, name: domain, createdAt: now };
      this.storage.insertOrganisation(organisation);
    }
    this.storage.approveDomain(organisation.id, domain, now);
    return organisation;
  }

  private offerFromLink(code: string, token: string): { offer: OfferRow; partner: PartnerRow } {
    const offer = this.storage.partners.findOfferByTokenHash(sha256(token));
    const partner = offer && this.storage.partners.findPartner(offer.partnerId);
    // A token from another partner's link, or a code changed by hand: the link is not one we made.
    if (!offer || !partner || partner.advisorCode !== code) throw new ApiError(404, 'OFFER_NOT_FOUND', 'This offer link is not valid. Open the whole link your partner sent.');
    return { offer, partner };
  }

  private refuseUnusable(offer: OfferRow, organisationId: string | null, buyer?: { tenantId: string; objectId: string }): void {
    const now = this.clock();
    // Places held by other buyers still paying count as used.
    const held = buyer && offer.maxCustomers !== null ? this.storage.partners.otherOfferClaims(offer.id, buyer, now - OFFER_CLAIM_MS) : 0;
    const refusal = offerRefusal({ disabled: offer.disabledAt !== null, expiresAt: offer.expiresAt, maxCustomers: offer.maxCustomers, customers: this.storage.partners.offerCustomers(offer.id) + held }, now);
    if (refusal) throw offerError(refusal);
    if (organisationId && this.storage.partners.hasRedeemedOffer(offer.id, organisationId)) throw new ApiError(409, 'OFFER_ALREADY_REDEEMED', 'Your organisation has already used this offer.');
  }

  private usableRequest(caller: CallerIdentity, token: string, now: number): { row: RelationshipRow; partner: PartnerRow } {
    const row = this.storage.partners.findRelationshipByTokenHash(sha256(token));
    const partner = row && this.storage.partners.findPartner(row.partnerId);
    if (!row || !partner) throw new ApiError(404, 'PARTNER_REQUEST_NOT_FOUND', 'This request link is not valid. Check that you opened the whole link from the email.');
    if (row.status === 'withdrawn') throw new ApiError(410, 'PARTNER_REQUEST_WITHDRAWN', `${partner.name} withdrew this request.`);
    if (row.status !== 'pending') throw new ApiError(410, 'PARTNER_REQUEST_USED', 'This request was already answered.');
    if (row.requestExpiresAt <= now) throw new ApiError(410, 'PARTNER_REQUEST_EXPIRED', `This request was not answered within 90 days and has expired. Ask ${partner.name} for a new one.`);
    // Answered only by an account Entra vouches for at the addressed address, never by a claimed name.
    if (!(caller.verifiedEmails ?? []).includes(row.customerEmailCanonical)) {
      throw new ApiError(403, 'PARTNER_REQUEST_WRONG_ACCOUNT', `This request was sent to ${row.customerEmailDisplay}. Sign in with that Microsoft 365 account, then open the link again.`);
    }
    return { row, partner };
  }

  private offerLink(partner: PartnerRow, token: string): string {
    // The advisor code and the token travel in the fragment: never sent to a server or in a Referer header.
    return `${this.options.publicUrl}/portal.html#/offer?code=${encodeURIComponent(partner.advisorCode)}&token=${encodeURIComponent(token)}`;
  }

  private requestMail(partner: PartnerRow, row: RelationshipRow, token: string): OutgoingEmail {
    return partnerRequestEmail({ to: row.customerEmailDisplay, locale: resolveLocale(row.language), partner: partner.name, advisorCode: partner.advisorCode, permissions: row.permissions, days: row.durationDays, token, expiresAt: row.requestExpiresAt, publicUrl: this.options.publicUrl });
  }

  private partnerJournal(access: PartnerAccess, caller: CallerIdentity, action: string, target: string | null, detail: unknown, ip: string | null, at: number): void {
    this.storage.appendJournal({
      organisationId: access.partner.organisationId,
      subscriptionId: null,
      actor: { tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email ?? access.staff.emailDisplay },
      actorRole: `partner ${access.staff.role}`,
      onBehalfOf: null,
      category: 'partner',
      action,
      target,
      detail: detail === null ? null : JSON.stringify(detail),
      ip,
      at,
    });
  }

  /** Sends the emails queued by committed transactions. */
  private async flush(): Promise<void> {
    for (const mail of this.outgoing.splice(0)) await this.mailer.send(mail).catch((error: unknown) => this.log(error, `${mail.kind} email to ${mail.to} failed`));
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

function partnerView(row: PartnerRow, role: PartnerStaffRole): PartnerView {
  return { id: row.id, name: row.name, advisorCode: row.advisorCode, role, actions: partnerActions(role), createdAt: new Date(row.createdAt).toISOString() };
}

function staffView(row: PartnerStaffRow): PartnerStaffView {
  return { id: row.id, email: row.emailDisplay, role: row.role, signedIn: row.objectId !== null, since: new Date(row.createdAt).toISOString() };
}

function offerView(row: OfferRow & { customers: number }, interval: 'month' | 'year'): OfferView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name === '' ? null : row.name,
    plan: row.planId,
    interval,
    quantity: row.quantity,
    trialDays: row.trialDays,
    priceMinor: row.priceMinor,
    currency: row.currency,
    administration: row.adminDays === null ? null : { permissions: row.adminPermissions, durationDays: row.adminDays },
    maxCustomers: row.maxCustomers,
    customers: row.customers,
    disabled: row.disabledAt !== null,
    expiresAt: new Date(row.expiresAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

function relationshipView(row: RelationshipRow, partner: PartnerRow, now: number): PartnerRelationshipView {
  return {
    id: row.id,
    partner: partner.name,
    advisorCode: partner.advisorCode,
    customer: row.customerEmailDisplay,
    subscriptionId: row.subscriptionId,
    permissions: row.permissions,
    durationDays: row.durationDays,
    state: relationshipState(row, now) as RelationshipStateView,
    requestedBy: row.requestedByEmail,
    requestedAt: new Date(row.requestedAt).toISOString(),
    requestExpiresAt: new Date(row.requestExpiresAt).toISOString(),
    approvedAt: iso(row.approvedAt),
    expiresAt: iso(row.expiresAt),
    endedAt: iso(row.endedAt),
  };
}

function productKeyView(row: ProductKeyRow, now: number): ProductKeyView {
  return {
    id: row.id,
    batchId: row.batchId,
    hint: row.keyHint,
    plan: row.planId,
    seats: row.seats,
    termPeriods: row.termPeriods,
    status: row.status === 'unused' && row.expiresAt <= now ? 'expired' : row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    redeemedAt: iso(row.redeemedAt),
    redeemedSubscriptionId: row.redeemedSubscriptionId,
  };
}
