/**
 * Product keys (P4): a partner buys keys of (plan, seats, term) through the charge helper under an
 * Idempotency-Key, priced by the billing engine and invoiced at once; the keys are in the first
 * answer and the buyer's email only (30 symbols, about 137 bits, stored as SHA-256). A customer
 * redeems a key once (./keyRules.ts): a new subscription, a trial turned into one, or prepaid
 * periods of an active subscription.
 */
import { randomUUID } from 'node:crypto';
import type { PartnerInvoiceView, ProductKeyView, SubscriptionStatus } from '#shared/api/views.js';
import { describeInvoiceLine, invoiceLineText } from '#shared/billing/invoiceLineText.js';
import { resolveLocale, translator, type Locale } from '#shared/i18n/translate.js';
import type { PartnerStaffRole } from '#shared/permissions/permissions.js';
import type { BillingOptions } from '../billing/checkoutService.js';
import type { FinalCharge, IdempotentCharges, Recorded } from '../billing/idempotentCharge.js';
import { renderInvoiceHtml } from '../billing/invoiceHtml.js';
import { invoiceNumber, invoiceTotals } from '#shared/billing/invoiceMath.js';
import { declinedResponse, recordPayment } from '../billing/ledger.js';
import { PaymentMethodInvalidError } from '../billing/paymentProvider.js';
import { periodEnd, requestedPlan } from '../billing/plans.js';
import { productKeysMinor, seatTotalMinor } from '#shared/billing/pricing.js';
import type { PlanConfig } from '../config.js';
import type { Outbox } from '../email/outbox.js';
import { productKeysEmail } from '../email/templates.js';
import { ApiError } from '../http/apiError.js';
import { NO_VERIFIED_ADDRESS, verifiedAddress } from '../identity/verifiedClaims.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { Journal, person } from '../journal/journal.js';
import { authorize, journal } from '../access/access.js';
import { openSubscription, organisationFor } from '../organisations/organisations.js';
import type {
  PartnerInvoiceRow,
  ProductKeyRow,
  Repositories,
  SubscriptionRow,
  UnitOfWork,
} from '../storage/unitOfWork.js';
import { refuseOwnCustomer, type TrialLimits } from './customerGuards.js';
import { keyRedemption } from './keyRules.js';
import { productKeyView } from './partnerViews.js';
import { PRODUCT_KEY_LIFETIME_MS, maskedProductKey, newProductKey, productKeyHash, readProductKey } from './rules.js';
import { partnerAccess, partnerJournal } from './staffAccess.js';

export interface KeyPurchaseRequest {
  plan: string;
  seats: number;
  termPeriods: number;
  count: number;
  card: string;
}

/** A key purchase waiting for the bank's answer, as stored with its payment action. */
interface PendingKeyPurchase extends Omit<KeyPurchaseRequest, 'card'> {
  partnerId: string;
  buyer: string;
  actor: { tenantId: string; objectId: string; email: string | null; role: PartnerStaffRole };
  ip: string | null;
}

type Outcome = { statusCode: number; body: unknown };

export class ProductKeyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly charges: IdempotentCharges,
    private readonly outbox: Outbox,
    private readonly options: BillingOptions & { publicUrl: string; trials: TrialLimits },
    private readonly clock: () => number = Date.now,
  ) {
    // Key purchases are recorded here whenever the answer comes: at once, after the bank's confirmation, or on reconciliation.
    charges.register<PendingKeyPurchase>('product_keys', {
      confirmable: true,
      record: (tx, pending, result, now) => this.settleKeyPurchase(tx, pending, result, now),
    });
  }

  /**
   * Buys `count` keys of (plan, seats, term) with a card: priced by the billing engine (seats at
   * the plan's graduated price, times the term, tax on top), charged through the provider under
   * the Idempotency-Key. The keys are in the first answer only; a replay gets their hints.
   */
  async buyKeys(
    caller: CallerIdentity,
    partnerId: string,
    request: KeyPurchaseRequest,
    key: string,
    ip: string | null,
  ): Promise<Outcome> {
    const plan = requestedPlan(this.options.plans, request.plan);
    const totals = this.keyTotals(plan, request);
    await partnerAccess(this.uow.read, caller, partnerId, 'keys.buy');
    // The card becomes a payment method first: a real provider's is a token the browser already made.
    const method = await this.charges.provider
      .createPaymentMethod(request.card, {
        idempotencyKey: `product-keys:${partnerId}:${caller.tenantId}:${caller.objectId}:${key}`,
      })
      .catch((error: unknown) => {
        throw error instanceof PaymentMethodInvalidError
          ? new ApiError(400, 'PAYMENT_CARD_INVALID', error.message)
          : error;
      });
    return this.charges.run<PendingKeyPurchase>({
      kind: 'product_keys',
      scope: `product-keys:${partnerId}:${caller.tenantId}:${caller.objectId}`,
      key,
      request: [request.plan, request.seats, request.termPeriods, request.count, request.card.replace(/[\s-]/g, '')],
      what: 'purchase',
      payer: { tenantId: caller.tenantId, objectId: caller.objectId },
      guard: async (tx) => void (await partnerAccess(tx, caller, partnerId, 'keys.buy')),
      prepare: async (tx) => {
        const access = await partnerAccess(tx, caller, partnerId, 'keys.buy');
        // The keys are emailed to the address the staff member was bound on (a verified one), never to a claimed name.
        const pending: PendingKeyPurchase = {
          partnerId,
          plan: plan.id,
          seats: request.seats,
          termPeriods: request.termPeriods,
          count: request.count,
          buyer: access.staff.emailDisplay,
          actor: {
            tenantId: caller.tenantId,
            objectId: caller.objectId,
            email: access.staff.emailDisplay,
            role: access.staff.role,
          },
          ip,
        };
        return {
          charge: {
            amountMinor: totals.totalMinor,
            currency: this.options.currency,
            paymentMethodToken: method.token,
            description: paymentDescription(totals.lines[0]?.description),
            offSession: false,
          },
          pending,
        };
      },
      refusedMethod: (error) => new ApiError(400, 'PAYMENT_CARD_INVALID', error.message),
    });
  }

  /** What `count` keys of (plan, seats, term) cost: the plan's graduated price of the seats, times the term, tax on top. */
  private keyTotals(plan: PlanConfig, purchase: { seats: number; termPeriods: number; count: number }) {
    const { perKeyMinor, subtotalMinor } = productKeysMinor(
      seatTotalMinor(plan, this.options.volume, purchase.seats),
      purchase,
    );
    const description = describeInvoiceLine({
      line: 'productKey',
      plan: plan.id,
      seats: purchase.seats,
      periods: purchase.termPeriods,
      interval: plan.interval,
    });
    return invoiceTotals(
      [{ description, quantity: purchase.count, unitAmountMinor: perKeyMinor, amountMinor: subtotalMinor }],
      0,
      this.options.taxRateBp,
    );
  }

  /**
   * The end of a key purchase, at once or when the bank answered: on success a paid invoice, the
   * keys (stored hashed), the journal and the buyer's email; the answer holds the keys, the stored
   * answer (replayed for the same Idempotency-Key) only their last groups. In a transaction.
   */
  private async settleKeyPurchase(
    tx: Repositories,
    purchase: PendingKeyPurchase,
    charge: FinalCharge,
    now: number,
  ): Promise<Required<Recorded>> {
    const plan = requestedPlan(this.options.plans, purchase.plan);
    const partner = await tx.partners.findPartner(purchase.partnerId);
    // The partner paid: its keys are made even if its organisation changed meanwhile (there is no deleting partners).
    if (!partner) throw new Error(`Partner ${purchase.partnerId} disappeared while buying keys.`);
    const totals = this.keyTotals(plan, purchase);
    const description = paymentDescription(totals.lines[0]?.description);
    if (charge.status !== 'succeeded') {
      await recordPayment(tx, {
        subscriptionId: null,
        provider: this.charges.provider.name,
        reference: charge.reference,
        amountMinor: totals.totalMinor,
        currency: this.options.currency,
        status: 'declined',
        description,
        invoiceId: null,
        at: now,
      });
      const declined = declinedResponse(charge.reason);
      return { outcome: declined, stored: declined };
    }
    // A paid invoice in the same yearly sequence as subscription invoices (B4), billed to the buyer.
    const year = new Date(now).getUTCFullYear();
    const invoice: PartnerInvoiceRow = {
      id: randomUUID(),
      number: invoiceNumber(year, await tx.invoices.nextInvoiceSequence(year)),
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
    await tx.invoices.insertPartnerInvoice(invoice, totals.lines);
    await recordPayment(tx, {
      subscriptionId: null,
      provider: this.charges.provider.name,
      reference: charge.reference,
      amountMinor: totals.totalMinor,
      currency: this.options.currency,
      status: 'succeeded',
      description,
      invoiceId: null,
      at: now,
    });
    const batchId = randomUUID();
    const keys: string[] = [];
    const rows: ProductKeyRow[] = [];
    const hashed: Array<{ row: ProductKeyRow; keyHash: string }> = [];
    for (let i = 0; i < purchase.count; i++) {
      const productKey = newProductKey();
      const row: ProductKeyRow = {
        id: randomUUID(),
        partnerId: partner.id,
        batchId,
        keyHint: productKey.slice(-5),
        planId: plan.id,
        seats: purchase.seats,
        termPeriods: purchase.termPeriods,
        status: 'unused',
        createdAt: now,
        expiresAt: now + PRODUCT_KEY_LIFETIME_MS,
        redeemedAt: null,
        redeemedSubscriptionId: null,
        redeemedByEmail: null,
      };
      hashed.push({ row, keyHash: productKeyHash(productKey) });
      keys.push(productKey);
      rows.push(row);
    }
    await tx.keys.insertProductKeys(hashed);
    const buyer = {
      role: 'partner' as const,
      tenantId: purchase.actor.tenantId,
      objectId: purchase.actor.objectId,
      email: purchase.actor.email ?? purchase.buyer,
      partner: { id: partner.id, staffRole: purchase.actor.role },
      onBehalfOf: null,
    };
    await partnerJournal(
      tx,
      partner,
      buyer,
      'product_keys.purchased',
      batchId,
      {
        plan: plan.id,
        seats: purchase.seats,
        termPeriods: purchase.termPeriods,
        count: purchase.count,
        amountMinor: totals.totalMinor,
        currency: this.options.currency,
      },
      purchase.ip,
      now,
    );
    const body = {
      batchId,
      invoiceNumber: invoice.number,
      plan: plan.id,
      seats: purchase.seats,
      termPeriods: purchase.termPeriods,
      amountMinor: totals.totalMinor,
      currency: this.options.currency,
      expiresAt: new Date(now + PRODUCT_KEY_LIFETIME_MS).toISOString(),
    };
    // The buyer's durable copy: only the keys' hashes stay here.
    await this.outbox.add(
      tx,
      productKeysEmail({
        to: purchase.buyer,
        locale: resolveLocale(partner.language),
        partner: partner.name,
        plan: plan.id,
        seats: purchase.seats,
        periods: purchase.termPeriods,
        interval: plan.interval,
        keys,
        expiresAt: now + PRODUCT_KEY_LIFETIME_MS,
        publicUrl: this.options.publicUrl,
      }),
      now,
    );
    return {
      outcome: { statusCode: 201, body: { ...body, keys, emailedTo: purchase.buyer } },
      stored: {
        statusCode: 201,
        body: { ...body, keys: rows.map((r) => maskedProductKey(r.keyHint)), keysShownOnce: true },
      },
    };
  }

  /** The partner's invoices (product keys), newest first: for those who may buy. */
  async listInvoices(caller: CallerIdentity, partnerId: string): Promise<PartnerInvoiceView[]> {
    await partnerAccess(this.uow.read, caller, partnerId, 'keys.buy');
    return (await this.uow.read.invoices.listPartnerInvoices(partnerId)).map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      currency: row.currency,
      totalMinor: row.totalMinor,
      taxMinor: row.taxMinor,
      issuedAt: new Date(row.issuedAt).toISOString(),
    }));
  }

  /** A partner invoice as a printable page, in the reader's language. */
  async invoiceHtml(caller: CallerIdentity, partnerId: string, invoiceId: string, locale: Locale): Promise<string> {
    const access = await partnerAccess(this.uow.read, caller, partnerId, 'keys.buy');
    const found = await this.uow.read.invoices.findPartnerInvoice(partnerId, invoiceId);
    if (!found) throw new ApiError(404, 'INVOICE_NOT_FOUND', 'No such invoice for this partner.');
    const { invoice, lines } = found;
    // The same page as a subscription's invoice; a key purchase covers no period but its day.
    return renderInvoiceHtml({ ...invoice, periodStart: invoice.issuedAt, periodEnd: invoice.issuedAt }, lines, {
      organisation: access.partner.name,
      locale,
    });
  }

  async listKeys(caller: CallerIdentity, partnerId: string): Promise<ProductKeyView[]> {
    await partnerAccess(this.uow.read, caller, partnerId, 'partner.view');
    const now = this.clock();
    return (await this.uow.read.keys.listProductKeys(partnerId, 5000)).map((row) => productKeyView(row, now));
  }

  /**
   * A customer redeems a key (rules in ./keyRules.ts): a new subscription of the key's seats, a
   * running trial turned into one, or the key's seats prepaid in an active subscription's next
   * renewals. The key's grant (seats × periods, and how many periods are used) is recorded, so
   * what a key paid for and what it gave can be counted.
   */
  redeemKey(
    caller: CallerIdentity,
    request: { key: string; subscriptionId?: string },
    ip: string | null,
  ): Promise<{
    subscriptionId: string;
    created: boolean;
    plan: string;
    quantity: number;
    status: SubscriptionStatus;
    periodEnd: string;
    prepaidPeriods: number;
  }> {
    const reading = readProductKey(request.key);
    if (!reading.ok && reading.problem === 'shape')
      throw new ApiError(
        400,
        'PRODUCT_KEY_INVALID',
        'A product key has 30 letters and digits in 6 groups: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX (keys bought earlier have 5 groups).',
      );
    // The right shape but not a key (a character keys never contain, such as O or 0): the key is wrong, not its format.
    if (!reading.ok)
      throw new ApiError(
        404,
        'PRODUCT_KEY_NOT_FOUND',
        `This product key is not valid: product keys never contain ${reading.characters.join(', ')}. Check it character by character.`,
        { characters: reading.characters },
      );
    const canonical = reading.key;
    const email = verifiedAddress(caller);
    if (!email) throw new ApiError(400, 'VALIDATION_FAILED', NO_VERIFIED_ADDRESS);
    return this.uow.transaction(async (tx) => {
      const now = this.clock();
      const key = await tx.keys.findProductKeyByHash(productKeyHash(canonical));
      if (!key)
        throw new ApiError(
          404,
          'PRODUCT_KEY_NOT_FOUND',
          'This product key is not valid. Check it character by character.',
        );
      if (key.status === 'redeemed')
        throw new ApiError(410, 'PRODUCT_KEY_USED', 'This product key has already been used.');
      if (key.expiresAt <= now)
        throw new ApiError(410, 'PRODUCT_KEY_EXPIRED', 'This product key has expired. Ask your partner for a new one.');
      const partner = await tx.partners.findPartner(key.partnerId);
      if (!partner) throw new ApiError(404, 'PRODUCT_KEY_NOT_FOUND', 'This product key is not valid.');
      await refuseOwnCustomer(tx, partner.id, caller, this.options.trials);
      const plan = requestedPlan(this.options.plans, key.planId);
      let subscription: SubscriptionRow;
      let created: boolean;
      let periodsUsedNow = 1;
      if (request.subscriptionId) {
        await tx.subscriptions.lock(request.subscriptionId);
        const access = await authorize(tx, caller, request.subscriptionId, 'billing.manage', now);
        subscription = access.subscription;
        const decision = keyRedemption(
          {
            planId: subscription.planId,
            status: subscription.status,
            quantity: subscription.quantity,
            assigned: subscription.assignedCount,
          },
          key,
        );
        if (decision.kind === 'refuse') throw this.keyError(decision.code, key, subscription);
        if (decision.kind === 'convert_trial') {
          // The trial ends now; the key's seats for its term start now, as a new subscription from a key would.
          const end = periodEnd(now, plan.interval);
          await tx.subscriptions.setQuantity(subscription.id, decision.quantity, null);
          await tx.subscriptions.setPeriod(subscription.id, now, end);
          await tx.subscriptions.setStatus(subscription.id, 'active');
          subscription = {
            ...subscription,
            quantity: decision.quantity,
            periodStart: now,
            periodEnd: end,
            status: 'active',
          };
        } else {
          periodsUsedNow = 0;
        }
        if (!(await tx.subscriptions.partnerOfRecordId(subscription.id)))
          await tx.subscriptions.setPartnerOfRecord(subscription.id, partner.id);
        await journal(tx, access, {
          action: 'subscription.extended',
          target: subscription.id,
          detail: {
            productKey: key.keyHint,
            partner: partner.name,
            seats: key.seats,
            periods: key.termPeriods,
            fromTrial: decision.kind === 'convert_trial',
            quantity: subscription.quantity,
            periodEnd: new Date(subscription.periodEnd).toISOString(),
          },
          ip,
          at: now,
        });
        created = false;
      } else {
        const organisation = await organisationFor(tx, caller.tenantId, email.domain, now);
        const end = periodEnd(now, plan.interval);
        const row = {
          id: randomUUID(),
          organisationId: organisation.id,
          planId: plan.id,
          quantity: key.seats,
          status: 'active' as const,
          periodStart: now,
          periodEnd: end,
          ownerTenantId: caller.tenantId,
          ownerObjectId: caller.objectId,
          ownerEmail: email.display,
          createdAt: now,
        };
        await openSubscription(tx, row);
        await tx.subscriptions.setCurrency(row.id, this.options.currency);
        await tx.subscriptions.setPartnerOfRecord(row.id, partner.id);
        await Journal.record(tx, {
          organisationId: organisation.id,
          subscriptionId: row.id,
          actor: person(caller, 'owner', email.display),
          action: 'subscription.created_from_key',
          target: row.id,
          detail: {
            productKey: key.keyHint,
            partner: partner.name,
            plan: plan.id,
            quantity: key.seats,
            periods: key.termPeriods,
            periodEnd: new Date(end).toISOString(),
          },
          ip,
          at: now,
        });
        subscription = { ...row, assignedCount: 0 };
        created = true;
      }
      // Redeemed first: of two redemptions at once (two instances), the second finds it used and rolls back.
      if (!(await tx.keys.redeemProductKey(key.id, subscription.id, email.display, now)))
        throw new ApiError(410, 'PRODUCT_KEY_USED', 'This product key has already been used.');
      await tx.keys.insertKeyGrant({
        productKeyId: key.id,
        subscriptionId: subscription.id,
        seats: key.seats,
        periods: key.termPeriods,
        periodsUsed: periodsUsedNow,
        createdAt: now,
      });
      await partnerJournal(
        tx,
        partner,
        person(caller, 'customer', email.display),
        'product_key.redeemed',
        key.keyHint,
        { subscriptionId: subscription.id, created, batchId: key.batchId },
        ip,
        now,
      );
      const prepaidPeriods = key.termPeriods - periodsUsedNow;
      return {
        subscriptionId: subscription.id,
        created,
        plan: plan.id,
        quantity: subscription.quantity,
        status: subscription.status,
        periodEnd: new Date(subscription.periodEnd).toISOString(),
        prepaidPeriods,
      };
    });
  }

  private keyError(
    code: 'PRODUCT_KEY_PLAN_MISMATCH' | 'SUBSCRIPTION_NOT_ACTIVE' | 'PRODUCT_KEY_SEATS_MISMATCH',
    key: ProductKeyRow,
    subscription: SubscriptionRow,
  ): ApiError {
    switch (code) {
      case 'PRODUCT_KEY_PLAN_MISMATCH':
        return new ApiError(
          409,
          code,
          `This key is for the ${key.planId} plan; the subscription is ${subscription.planId}. Redeem it without a subscription to start a new one.`,
        );
      case 'SUBSCRIPTION_NOT_ACTIVE':
        return new ApiError(
          409,
          code,
          'Only an active subscription or a running trial can take a key; redeem the key without a subscription to start a new one.',
        );
      default:
        return subscription.status === 'trial'
          ? new ApiError(
              409,
              code,
              `This key is for ${key.seats} seats and ${subscription.assignedCount} people hold a seat of this trial: remove seats first, or redeem the key without a subscription.`,
              { keySeats: key.seats, assigned: subscription.assignedCount },
            )
          : new ApiError(
              409,
              code,
              `This key prepays ${key.seats} seats; the subscription has ${subscription.quantity}. Increase the quantity first, or redeem the key without a subscription.`,
              { keySeats: key.seats, quantity: subscription.quantity },
            );
    }
  }
}

/** A payment's description for the provider and the payment records: the invoice line in English (the provider's dashboard is the vendor's). */
function paymentDescription(line: string | undefined): string {
  return line === undefined ? 'Product keys' : invoiceLineText(line, translator('en'), 'en');
}
