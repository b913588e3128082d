/**
 * Buying subscriptions (B1, B5): a cart of lines (plan, quantity), one payment for all of it, one
 * subscription and one invoice per line. The buyer's Microsoft 365 identity becomes the owner, the
 * buyer's tenant the organisation, and the buyer's domain its first approved domain; the card
 * becomes each new subscription's stored payment method (token, brand and last four digits only).
 *
 * The charge goes through ./idempotentCharge.ts like every payment: the Idempotency-Key (per
 * buyer) is claimed, the provider charged outside any transaction, the purchase recorded with the
 * stored answer; a replay returns that answer, the same key with another body is refused, and a
 * purchase cut by a crash is reconciled with the provider. When the bank asks for additional
 * authentication the answer is 202 with a payment action; completing it records the purchase
 * through `record` below and replaces the key's stored answer.
 */
import { randomUUID } from 'node:crypto';
import type { CartLine, PlanCatalogView } from '#shared/api/views.js';
import type { PlanConfig } from '../config.js';
import { ApiError } from '../http/apiError.js';
import { CONSUMER_TENANT_ID, NO_VERIFIED_ADDRESS, verifiedAddress } from '../identity/verifiedClaims.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { person } from '../journal/journal.js';
import { journalAs } from '../access/access.js';
import { openSubscription, organisationFor } from '../organisations/organisations.js';
import type { Repositories, UnitOfWork } from '../storage/unitOfWork.js';
import { invoiceTotals, type InvoiceTotals } from '#shared/billing/invoiceMath.js';
import { declinedResponse, issueInvoice, recordPayment, recurringLines } from './ledger.js';
import type { FinalCharge, IdempotentCharges, Recorded } from './idempotentCharge.js';
import { PaymentMethodInvalidError, type StoredPaymentMethod } from './paymentProvider.js';
import { periodEnd, requestedPlan } from './plans.js';
import { priceTiers, type VolumePricing } from '#shared/billing/pricing.js';

export interface CheckoutRequest {
  /** The cart; or the single-line shorthand `plan` + `quantity`. */
  lines?: CartLine[];
  plan?: string;
  quantity?: number;
  card: string;
}

export interface CheckoutResponse {
  statusCode: number;
  body: unknown;
}

export interface BillingOptions {
  plans: readonly PlanConfig[];
  currency: string;
  volume: VolumePricing;
  taxRateBp: number;
}

/** What a pending checkout needs to be completed after the buyer's authentication. */
export interface PendingCheckout {
  lines: CartLine[];
  method: StoredPaymentMethod;
  buyer: { tenantId: string; objectId: string; email: string; domain: string };
  ip: string | null;
  /** A partner's purchase offer the buyer followed (P2): recorded with the purchase by the fulfilment listener. */
  referral?: PurchaseReferral;
}

export interface PurchaseReferral {
  offerId: string;
  approveAdministration: boolean;
}

/** Runs inside the transaction that records a paid purchase (also one completed after authentication). */
export type FulfilmentListener = (
  tx: Repositories,
  pending: PendingCheckout,
  subscriptionIds: readonly string[],
  now: number,
) => Promise<void>;

const MAX_TOTAL_SEATS = 100_000;

export class CheckoutService {
  private readonly listeners: FulfilmentListener[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly charges: IdempotentCharges,
    private readonly options: BillingOptions,
  ) {
    charges.register<PendingCheckout>('checkout', {
      confirmable: true,
      record: (tx, pending, result, now) => this.record(tx, pending, result, now),
    });
  }

  onFulfilled(listener: FulfilmentListener): void {
    this.listeners.push(listener);
  }

  /** What the shop shows (B1): plans, per-seat prices and volume tiers, tax, and the vendor's trial limits. */
  catalogue(trial: { maxSeats: number; maxDays: number }): PlanCatalogView {
    const { currency, plans, volume, taxRateBp } = this.options;
    return {
      currency,
      taxRateBp,
      plans: plans.map((plan) => ({
        id: plan.id,
        interval: plan.interval,
        unitPriceMinor: plan.unitPriceMinor,
        tiers: priceTiers(plan, volume),
      })),
      trial: { maxSeats: trial.maxSeats, maxDays: trial.maxDays },
    };
  }

  /** The invoice each cart line would get. */
  quote(lines: readonly CartLine[]): Array<{ line: CartLine; plan: PlanConfig; totals: InvoiceTotals }> {
    return lines.map((line) => {
      const plan = requestedPlan(this.options.plans, line.plan);
      return {
        line,
        plan,
        totals: invoiceTotals(recurringLines(plan, this.options.volume, line.quantity), 0, this.options.taxRateBp),
      };
    });
  }

  async purchase(
    caller: CallerIdentity,
    request: CheckoutRequest,
    idempotencyKey: string,
    ip: string | null,
    referral?: PurchaseReferral,
  ): Promise<CheckoutResponse> {
    const lines = cartOf(request);
    const quotes = this.quote(lines);
    // Personal Microsoft accounts share one tenant and belong to no organisation: seats bought there could never be used.
    if (caller.tenantId === CONSUMER_TENANT_ID)
      throw new ApiError(
        403,
        'CONSUMER_ACCOUNT',
        'Outmerge licenses organisations: sign in with your work or school account to buy seats.',
      );
    // The owner's address (invoices, renewal warnings, the organisation's name and domain) is one Entra vouches for, never a claimed name.
    const buyerEmail = verifiedAddress(caller);
    if (!buyerEmail) throw new ApiError(400, 'VALIDATION_FAILED', NO_VERIFIED_ADDRESS);
    const amountMinor = quotes.reduce((sum, q) => sum + q.totals.totalMinor, 0);
    // The card becomes a payment method first: a real provider's is a token the browser already made.
    // Under the purchase's own key, so that a retried purchase presents the same payment method.
    const method = await this.charges.provider
      .createPaymentMethod(request.card, {
        idempotencyKey: `checkout:${caller.tenantId}:${caller.objectId}:${idempotencyKey}`,
        customer: { email: buyerEmail.display, name: buyerEmail.domain },
      })
      .catch((error: unknown) => {
        throw error instanceof PaymentMethodInvalidError
          ? new ApiError(400, 'PAYMENT_CARD_INVALID', error.message)
          : error;
      });
    const pending: PendingCheckout = {
      lines,
      method,
      buyer: {
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        email: buyerEmail.display,
        domain: buyerEmail.domain,
      },
      ip,
      ...(referral ? { referral } : {}),
    };
    return this.charges.run<PendingCheckout>({
      kind: 'checkout',
      scope: `checkout:${caller.tenantId}:${caller.objectId}`,
      key: idempotencyKey,
      request: [lines, request.card.replace(/[\s-]/g, ''), ...(referral ? [referral] : [])],
      what: 'purchase',
      payer: { tenantId: caller.tenantId, objectId: caller.objectId },
      // The card becomes the subscriptions' payment method once paid: the provider keeps it for renewals then.
      prepare: async () => ({
        charge: {
          amountMinor,
          currency: this.options.currency,
          paymentMethodToken: method.token,
          description: cartDescription(lines),
          offSession: false,
          savePaymentMethod: true,
        },
        pending,
      }),
      refusedMethod: (error) => new ApiError(400, 'PAYMENT_CARD_INVALID', error.message),
    });
  }

  /** The provider's answer about a purchase, recorded (at once, after the bank's confirmation, or when a claim is reconciled). */
  private async record(
    tx: Repositories,
    pending: PendingCheckout,
    result: FinalCharge,
    now: number,
  ): Promise<Recorded> {
    if (result.status === 'succeeded') return { outcome: await this.fulfil(tx, pending, result.reference, now) };
    const amountMinor = this.quote(pending.lines).reduce((sum, q) => sum + q.totals.totalMinor, 0);
    await recordPayment(tx, {
      subscriptionId: null,
      provider: this.charges.provider.name,
      reference: result.reference,
      amountMinor,
      currency: this.options.currency,
      status: 'declined',
      description: cartDescription(pending.lines),
      invoiceId: null,
      at: now,
    });
    return { outcome: declinedResponse(result.reason) };
  }

  /** Records a paid purchase; runs inside the caller's transaction. */
  async fulfil(tx: Repositories, pending: PendingCheckout, reference: string, now: number): Promise<CheckoutResponse> {
    const quotes = this.quote(pending.lines);
    const organisation = await organisationFor(tx, pending.buyer.tenantId, pending.buyer.domain, now);
    const subscriptionIds: string[] = [];
    const invoiceNumbers: string[] = [];
    let firstEnd = 0;
    for (const { line, plan, totals } of quotes) {
      const subscriptionId = randomUUID();
      const end = periodEnd(now, plan.interval);
      firstEnd ||= end;
      const subscription = {
        id: subscriptionId,
        organisationId: organisation.id,
        planId: plan.id,
        quantity: line.quantity,
        status: 'active' as const,
        periodStart: now,
        periodEnd: end,
        ownerTenantId: pending.buyer.tenantId,
        ownerObjectId: pending.buyer.objectId,
        ownerEmail: pending.buyer.email,
        createdAt: now,
      };
      await openSubscription(tx, subscription);
      await tx.subscriptions.setCurrency(subscriptionId, this.options.currency);
      await tx.invoices.setPaymentMethod({
        id: randomUUID(),
        subscriptionId,
        provider: this.charges.provider.name,
        token: pending.method.token,
        brand: pending.method.brand,
        last4: pending.method.last4,
        createdAt: now,
      });
      const invoice = await issueInvoice(tx, {
        subscription,
        kind: 'purchase',
        currency: this.options.currency,
        totals,
        periodStart: now,
        periodEnd: end,
        at: now,
        paid: true,
      });
      await recordPayment(tx, {
        subscriptionId,
        provider: this.charges.provider.name,
        reference,
        amountMinor: totals.totalMinor,
        currency: this.options.currency,
        status: 'succeeded',
        description: `Outmerge ${plan.id} × ${line.quantity}`,
        invoiceId: invoice.id,
        at: now,
      });
      await journalAs(tx, subscription, person(pending.buyer, 'owner', pending.buyer.email), {
        action: 'subscription.purchased',
        target: subscriptionId,
        detail: {
          plan: plan.id,
          quantity: line.quantity,
          amountMinor: totals.totalMinor,
          currency: this.options.currency,
          invoice: invoice.number,
          card: `${pending.method.brand} ${pending.method.last4}`,
        },
        ip: pending.ip,
        at: now,
      });
      subscriptionIds.push(subscriptionId);
      invoiceNumbers.push(invoice.number);
    }
    for (const listener of this.listeners) await listener(tx, pending, subscriptionIds, now);
    const amountMinor = quotes.reduce((sum, q) => sum + q.totals.totalMinor, 0);
    const [first] = pending.lines;
    return {
      statusCode: 201,
      body: {
        status: 'active',
        subscriptionId: subscriptionIds[0],
        subscriptionIds,
        plan: first?.plan,
        quantity: first?.quantity,
        amountMinor,
        currency: this.options.currency,
        periodEnd: new Date(firstEnd).toISOString(),
        invoiceNumbers,
      },
    };
  }
}

function cartDescription(lines: readonly CartLine[]): string {
  return lines.map((l) => `Outmerge ${l.plan} × ${l.quantity}`).join(', ');
}

/** The cart of a request: `lines`, or the shorthand `plan` + `quantity`; plans distinct, seats within bounds. */
export function cartOf(request: CheckoutRequest): CartLine[] {
  const shorthand = request.plan !== undefined || request.quantity !== undefined;
  if (request.lines !== undefined && shorthand)
    throw new ApiError(400, 'VALIDATION_FAILED', 'Send either "lines" or "plan" and "quantity", not both.');
  let lines: CartLine[];
  if (request.lines !== undefined) lines = request.lines;
  else if (request.plan !== undefined && request.quantity !== undefined)
    lines = [{ plan: request.plan, quantity: request.quantity }];
  else throw new ApiError(400, 'VALIDATION_FAILED', 'Send the cart as "lines": [{"plan", "quantity"}].');
  if (new Set(lines.map((l) => l.plan)).size !== lines.length)
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'Each plan may appear once in the cart; change the quantity of its line instead.',
    );
  if (lines.reduce((sum, l) => sum + l.quantity, 0) > MAX_TOTAL_SEATS)
    throw new ApiError(400, 'VALIDATION_FAILED', `A cart holds at most ${MAX_TOTAL_SEATS} seats.`);
  return lines.map((l) => ({ plan: l.plan, quantity: l.quantity }));
}
