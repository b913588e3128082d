/**
 * The billing engine after the purchase (B3, B4, B5, A9): quantity changes with an exact preview,
 * invoices, payment methods, paying an open invoice, renewals with past due and expiry, payment
 * actions (additional authentication), webhooks and consolidation.
 *
 * Every change that charges goes through ./idempotentCharge.ts: its `prepare` (in the claiming
 * transaction) authorises, validates, takes the subscription's billing lock and decides the
 * amount; its handler, registered here once per kind, records the provider's answer with the
 * journal entry, also when the bank confirms later or a claim cut by a crash is reconciled. A
 * client mistake throws inside `prepare`, which rolls the claim back: nothing changes and the
 * corrected request may reuse the key. Recording never re-checks the payer's permissions: the
 * payer was authorised when the payment started, and money received settles what it was for.
 */
import { describeInvoiceLine } from '#shared/billing/invoiceLineText.js';
import { randomUUID } from 'node:crypto';
import type {
  BillingSummaryView,
  PaymentMethodView,
  QuantityChangeResult,
  QuantityPreviewView,
} from '#shared/api/views.js';
import type { PlanConfig } from '../config.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { actorOf, authorize, journalAs, refuseIfEnded, type Access, type JournalActor } from '../access/access.js';
import type { JournalAction } from '#shared/journal/journalActions.js';
import type { InvoiceRow, Repositories, SubscriptionRow, UnitOfWork } from '../storage/unitOfWork.js';
import type { BillingOptions } from './checkoutService.js';
import type { FinalCharge, IdempotentCharges, Outcome, Recorded } from './idempotentCharge.js';
import { invoiceTotals, withTaxMinor, type DraftLine } from '#shared/billing/invoiceMath.js';
import { invoiceDocument, renderInvoiceHtml } from './invoiceHtml.js';
import { renderInvoicePdf } from './invoicePdf.js';
import {
  declinedResponse,
  declineMessage,
  invoiceView,
  issueInvoice,
  recordPayment,
  recurringLines,
} from './ledger.js';
import { PaymentMethodInvalidError, WebhookSignatureError, type StoredPaymentMethod } from './paymentProvider.js';
import { periodEnd } from './plans.js';
import { seatTotalMinor, tierLines } from '#shared/billing/pricing.js';
import { grantsForRenewal } from '../partners/keyRules.js';
import { unusedPaidByInvoice } from './consolidationCredit.js';
import { creditFromSource, mergeSourceInto } from './mergeSource.js';
import { invoiceContext, type InvoiceContext, type SellerIdentity } from './invoiceContext.js';
import { prorateChange, prorateTiers, type ProrationLines } from '#shared/billing/proration.js';
import { canBeMerged, isLive } from '#shared/billing/subscriptionState.js';
import { canonicalEmail } from '#shared/email/normalizeEmail.js';
import { formatMoney, resolveLocale, type Locale } from '#shared/i18n/translate.js';
import type { Outbox } from '../email/outbox.js';
import { paymentFailedEmail, subscriptionExpiredEmail } from '../email/templates.js';

export interface BillingServiceOptions extends BillingOptions {
  graceDays: number;
  /** Named on every invoice; with `vatRatesBp`, a billing profile's country and VAT number decide the tax. */
  seller?: SellerIdentity;
  vatRatesBp?: Readonly<Record<string, number>>;
  /** Links in the owner's emails (payment failed, expired) start here; without it no such email is sent. */
  publicUrl?: string;
}

/** How long a preview's proration date may be confirmed. */
export const PREVIEW_MAX_AGE_MS = 15 * 60 * 1000;
/** A billing lock outlives a crashed request by this much at most. */
const LOCK_MS = 2 * 60 * 1000;
const DAY_MS = 86_400_000;

interface QuantityPlan {
  preview: QuantityPreviewView;
  lines: DraftLine[];
  totals: ReturnType<typeof invoiceTotals> | null;
}

/** The most seats one subscription holds (quantity changes; the request schemas cap bodies the same). */
const MAX_SUBSCRIPTION_SEATS = 100_000;

export class BillingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly charges: IdempotentCharges,
    private readonly options: BillingServiceOptions,
    private readonly clock: () => number = Date.now,
    private readonly outbox: Outbox,
  ) {
    charges.register<PendingQuantity>('quantity', {
      record: (tx, p, result, now) => this.recordQuantity(tx, p, result, now),
      release: (tx, p) => tx.subscriptions.releaseBillingLock(p.subscriptionId),
    });
    charges.register<PendingInvoicePayment>('invoice', {
      confirmable: true,
      record: async (tx, p, result, now) => ({ outcome: await this.settleInvoice(tx, p, result, now) }),
      release: (tx, p) => tx.subscriptions.releaseBillingLock(p.subscriptionId),
    });
    charges.register<PendingConsolidation>('consolidation', {
      record: (tx, p, result, now) => this.recordConsolidation(tx, p, result, now),
      release: (tx, p) => this.releaseConsolidationLocks(tx, p),
    });
    charges.register<PendingRenewal>('renewal', {
      record: (tx, p, result) => this.recordRenewal(tx, p, result),
      release: (tx, p) => this.renewalNotCharged(tx, p),
    });
  }

  private get provider() {
    return this.charges.provider;
  }

  /**
   * The owner hears of a failed renewal and of the expiry, in the language of their own seat
   * (English without one): written into the outbox in the transaction that changed the status.
   */
  private async tellOwner(
    tx: Repositories,
    subscriptionId: string,
    what: 'past_due' | 'expired',
    at: number,
  ): Promise<void> {
    const subscription = await tx.subscriptions.find(subscriptionId);
    const publicUrl = this.options.publicUrl;
    if (!publicUrl || !subscription) return;
    const to = subscription.ownerEmail;
    const locale = resolveLocale(
      (await tx.subscriptions.findLiveSeatByEmail(subscriptionId, canonicalEmail(to) ?? ''))?.language,
    );
    const base = { to, locale, plan: subscription.planId, quantity: subscription.quantity, subscriptionId, publicUrl };
    if (what === 'expired') return this.outbox.add(tx, subscriptionExpiredEmail(base), at);
    const invoice = await tx.invoices.openInvoice(subscriptionId);
    const graceUntil = (await tx.subscriptions.billingState(subscriptionId))?.graceUntil ?? at;
    await this.outbox.add(
      tx,
      paymentFailedEmail({
        ...base,
        amount: invoice ? formatMoney(invoice.totalMinor, invoice.currency, locale) : '',
        invoice: invoice?.number ?? '',
        graceUntil,
      }),
      at,
    );
  }

  private plan(id: string): PlanConfig {
    const plan = this.options.plans.find((p) => p.id === id);
    if (!plan) throw new Error(`Plan ${id} is not configured`);
    return plan;
  }

  /** Tax rate, language and parties of the subscription's next invoice (its billing profile). */
  private context(repos: Repositories, subscriptionId: string): Promise<InvoiceContext> {
    return invoiceContext(repos, subscriptionId, this.options);
  }

  private async currencyOf(repos: Repositories, subscriptionId: string): Promise<string> {
    return (await repos.subscriptions.billingState(subscriptionId))?.currency ?? this.options.currency;
  }

  private async lock(tx: Repositories, subscriptionId: string, now: number): Promise<void> {
    if (!(await tx.subscriptions.acquireBillingLock(subscriptionId, now, now + LOCK_MS)))
      throw new ApiError(
        409,
        'BILLING_BUSY',
        'Another payment for this subscription is being processed. Try again in a moment.',
      );
  }

  // --- quantity (B3) ----------------------------------------------------------------------

  private async quantityPlan(
    repos: Repositories,
    subscription: SubscriptionRow,
    newQuantity: number,
    at: number,
  ): Promise<QuantityPlan> {
    if (!isLive(subscription.status))
      throw new ApiError(
        409,
        'SUBSCRIPTION_NOT_ACTIVE',
        'Only an active subscription can change its quantity. Pay the open invoice first.',
      );
    // A trial is the vendor's gift of a fixed size: its period is not a paid period to prorate against.
    if (subscription.status === 'trial' && newQuantity > subscription.quantity) throw trialSeatsFixed();
    if (newQuantity < subscription.assignedCount) {
      throw new ApiError(
        409,
        'QUANTITY_BELOW_ASSIGNED',
        `${subscription.assignedCount} seats are assigned: remove seats before going below that number.`,
        { assigned: subscription.assignedCount },
      );
    }
    const plan = this.plan(subscription.planId);
    const currency = await this.currencyOf(repos, subscription.id);
    const recurringMinor = seatTotalMinor(plan, this.options.volume, newQuantity);
    const context = await this.context(repos, subscription.id);
    const effective =
      newQuantity > subscription.quantity ? 'now' : newQuantity < subscription.quantity ? 'renewal' : 'none';
    const base = {
      quantity: subscription.quantity,
      newQuantity,
      assigned: subscription.assignedCount,
      effective,
      prorationDate: new Date(at).toISOString(),
      currency,
      taxRateBp: context.rateBp,
      recurringMinor,
      recurringTotalMinor: withTaxMinor(recurringMinor, context.rateBp),
      periodEnd: new Date(subscription.periodEnd).toISOString(),
    } as const;
    if (effective !== 'now') {
      return {
        preview: {
          ...base,
          creditMinor: 0,
          debitMinor: 0,
          creditAppliedMinor: 0,
          subtotalMinor: 0,
          taxMinor: 0,
          amountDueMinor: 0,
        },
        lines: [],
        totals: null,
      };
    }
    const oldTotal = seatTotalMinor(plan, this.options.volume, subscription.quantity);
    const change = prorateChange(
      oldTotal,
      recurringMinor,
      { start: subscription.periodStart, end: subscription.periodEnd },
      at,
    );
    const lines = this.changeLines(plan, subscription.quantity, newQuantity, change);
    const totals = invoiceTotals(lines, await repos.invoices.creditBalance(subscription.id), context.rateBp);
    return {
      preview: {
        ...base,
        creditMinor: change.creditMinor,
        debitMinor: change.debitMinor,
        creditAppliedMinor: totals.creditAppliedMinor,
        subtotalMinor: totals.subtotalMinor,
        taxMinor: totals.taxMinor,
        amountDueMinor: totals.totalMinor,
      },
      lines,
      totals,
    };
  }

  /**
   * The lines of a prorated change, stored as data and written in the invoice's language when read:
   * the old quantity's unused time and the new quantity's remaining time, each one line per price
   * tier at the tier's full-period unit price with the part of the period it covers, so every line
   * reads as unit × quantity × fraction. They add up to exactly the credit and debit charged
   * (`prorateTiers`: the rounding rule).
   */
  private changeLines(plan: PlanConfig, from: number, to: number, change: ProrationLines): DraftLine[] {
    const prorated = { remaining: change.remaining, length: change.length };
    const linesOf = (kind: 'unused' | 'remaining', quantity: number, sign: 1 | -1, charged: number): DraftLine[] => {
      const tiers = prorateTiers(tierLines(plan, this.options.volume, quantity), change.remaining, change.length);
      // The lines are what is charged, never another rounding of it.
      if (sign * tiers.reduce((sum, tier) => sum + tier.amountMinor, 0) !== charged)
        throw new Error('Prorated invoice lines do not add up to the amount charged');
      return tiers.map((tier) => ({
        description: describeInvoiceLine({
          line: kind,
          plan: plan.id,
          quantity,
          seats: { from: tier.from, to: tier.to },
          prorated,
        }),
        quantity: tier.quantity,
        unitAmountMinor: tier.unitPriceMinor,
        // `+ 0`: a credit of nothing is 0, not −0 (which Intl writes "-0.00").
        amountMinor: sign * tier.amountMinor + 0,
      }));
    };
    return [...linesOf('unused', from, -1, change.creditMinor), ...linesOf('remaining', to, 1, change.debitMinor)];
  }

  async previewQuantity(
    caller: CallerIdentity,
    subscriptionId: string,
    quantity: number,
  ): Promise<QuantityPreviewView> {
    if (quantity > MAX_SUBSCRIPTION_SEATS)
      throw new ApiError(400, 'VALIDATION_FAILED', 'A subscription holds at most 100,000 seats.');
    const access = await authorize(this.uow.read, caller, subscriptionId, 'quantity.change');
    return (
      await this.quantityPlan(this.uow.read, access.subscription, quantity, Math.floor(this.clock() / 1000) * 1000)
    ).preview;
  }

  async changeQuantity(
    caller: CallerIdentity,
    subscriptionId: string,
    request: { quantity: number; prorationDate: string; expectedAmountMinor: number },
    key: string,
    ip: string | null,
  ): Promise<Outcome> {
    return this.charges.run<PendingQuantity>({
      kind: 'quantity',
      scope: `quantity:${subscriptionId}:${caller.tenantId}:${caller.objectId}`,
      key,
      request: [request.quantity, request.prorationDate, request.expectedAmountMinor],
      what: 'quantity change',
      payer: { tenantId: caller.tenantId, objectId: caller.objectId },
      guard: async (tx, now) => void (await authorize(tx, caller, subscriptionId, 'quantity.change', now)),
      prepare: async (tx, now) => {
        await tx.subscriptions.lock(subscriptionId);
        const access = await authorize(tx, caller, subscriptionId, 'quantity.change', now);
        const at = Date.parse(request.prorationDate);
        if (!Number.isFinite(at) || at > now + 1000 || now - at > PREVIEW_MAX_AGE_MS)
          throw new ApiError(
            409,
            'QUANTITY_PREVIEW_EXPIRED',
            'The preview is too old. Look at the new preview and confirm again.',
          );
        const plan = await this.quantityPlan(tx, access.subscription, request.quantity, at);
        if (plan.preview.amountDueMinor !== request.expectedAmountMinor) {
          throw new ApiError(
            409,
            'QUANTITY_PREVIEW_STALE',
            'The subscription changed since the preview. Look at the new preview and confirm again.',
            { amountDueMinor: plan.preview.amountDueMinor },
          );
        }
        const pending: PendingQuantity = { subscriptionId, actor: actorOf(access), plan, ip };
        if (plan.preview.amountDueMinor === 0) return { done: await this.applyQuantity(tx, pending, null, now) };
        const method = await tx.invoices.currentPaymentMethod(subscriptionId);
        if (!method)
          throw new ApiError(
            409,
            'PAYMENT_METHOD_MISSING',
            'The subscription has no payment method. Add one in Billing.',
          );
        await this.lock(tx, subscriptionId, now);
        const charge = {
          amountMinor: plan.preview.amountDueMinor,
          currency: plan.preview.currency,
          paymentMethodToken: method.token,
          description: `Outmerge quantity ${plan.preview.quantity} → ${plan.preview.newQuantity}`,
          offSession: true,
        };
        return { charge, pending };
      },
      refusedMethod: storedMethodRefused,
    });
  }

  private async recordQuantity(
    tx: Repositories,
    pending: PendingQuantity,
    result: FinalCharge,
    now: number,
  ): Promise<Recorded> {
    await tx.subscriptions.releaseBillingLock(pending.subscriptionId);
    if (result.status === 'succeeded') return { outcome: await this.applyQuantity(tx, pending, result.reference, now) };
    const { preview } = pending.plan;
    await recordPayment(tx, {
      subscriptionId: pending.subscriptionId,
      provider: this.provider.name,
      reference: result.reference,
      amountMinor: preview.amountDueMinor,
      currency: preview.currency,
      status: 'declined',
      description: 'Quantity change',
      invoiceId: null,
      at: now,
    });
    await journalAs(tx, await this.subscriptionRow(tx, pending.subscriptionId), pending.actor, {
      action: 'quantity.payment_failed',
      target: pending.subscriptionId,
      detail: { from: preview.quantity, to: preview.newQuantity, reason: result.reason },
      ip: pending.ip,
      at: now,
    });
    return { outcome: declinedResponse(result.reason) };
  }

  private async subscriptionRow(tx: Repositories, id: string): Promise<SubscriptionRow> {
    const subscription = await tx.subscriptions.lock(id);
    if (!subscription) throw new Error(`Subscription ${id} disappeared while being paid for.`);
    return subscription;
  }

  private async applyQuantity(
    tx: Repositories,
    pending: PendingQuantity,
    reference: string | null,
    now: number,
  ): Promise<Outcome> {
    const subscription = await this.subscriptionRow(tx, pending.subscriptionId);
    const { preview, totals } = pending.plan;
    let invoice: InvoiceRow | null = null;
    if (preview.effective === 'now') {
      await tx.subscriptions.setQuantity(subscription.id, preview.newQuantity, null);
      if (totals) {
        invoice = await issueInvoice(tx, {
          subscription,
          kind: 'quantity_change',
          currency: preview.currency,
          totals,
          periodStart: Date.parse(preview.prorationDate),
          periodEnd: subscription.periodEnd,
          at: now,
          paid: true,
          parties: (await this.context(tx, subscription.id)).parties,
        });
        if (reference)
          await recordPayment(tx, {
            subscriptionId: subscription.id,
            provider: this.provider.name,
            reference,
            amountMinor: preview.amountDueMinor,
            currency: preview.currency,
            status: 'succeeded',
            description: `Outmerge quantity ${preview.quantity} → ${preview.newQuantity}`,
            invoiceId: invoice.id,
            at: now,
          });
      }
    } else {
      await tx.subscriptions.setPendingQuantity(
        subscription.id,
        preview.effective === 'renewal' ? preview.newQuantity : null,
      );
    }
    const action =
      preview.effective === 'now'
        ? 'quantity.increased'
        : preview.effective === 'renewal'
          ? 'quantity.decrease_scheduled'
          : 'quantity.unchanged';
    await journalAs(tx, subscription, pending.actor, {
      action,
      target: subscription.id,
      detail: {
        from: preview.quantity,
        to: preview.newQuantity,
        amountMinor: preview.amountDueMinor,
        currency: preview.currency,
        invoice: invoice?.number ?? null,
      },
      ip: pending.ip,
      at: now,
    });
    const body: QuantityChangeResult = {
      quantity: preview.effective === 'now' ? preview.newQuantity : preview.quantity,
      pendingQuantity: preview.effective === 'renewal' ? preview.newQuantity : null,
      effective: preview.effective,
      chargedMinor: reference ? preview.amountDueMinor : 0,
      currency: preview.currency,
      invoiceNumber: invoice?.number ?? null,
    };
    return { statusCode: 200, body };
  }

  // --- invoices and payment methods (B4) ----------------------------------------------------

  async summary(caller: CallerIdentity, subscriptionId: string): Promise<BillingSummaryView> {
    const read = this.uow.read;
    const { subscription } = await authorize(read, caller, subscriptionId, 'billing.view');
    const [state, method, open, creditMinor, context] = await Promise.all([
      read.subscriptions.billingState(subscriptionId),
      read.invoices.currentPaymentMethod(subscriptionId),
      read.invoices.openInvoice(subscriptionId),
      read.invoices.creditBalance(subscriptionId),
      this.context(read, subscriptionId),
    ]);
    return {
      status: subscription.status,
      currency: state?.currency ?? this.options.currency,
      plan: subscription.planId,
      quantity: subscription.quantity,
      pendingQuantity: state?.pendingQuantity ?? null,
      recurringMinor: seatTotalMinor(
        this.plan(subscription.planId),
        this.options.volume,
        state?.pendingQuantity ?? subscription.quantity,
      ),
      taxRateBp: context.rateBp,
      periodEnd: new Date(subscription.periodEnd).toISOString(),
      graceUntil: state?.graceUntil ? new Date(state.graceUntil).toISOString() : null,
      creditMinor,
      paymentMethod: method ? { brand: method.brand, last4: method.last4 } : null,
      openInvoice: open ? invoiceView(open) : null,
    };
  }

  async invoices(caller: CallerIdentity, subscriptionId: string) {
    await authorize(this.uow.read, caller, subscriptionId, 'billing.view');
    return (await this.uow.read.invoices.listInvoices(subscriptionId)).map(invoiceView);
  }

  async invoiceHtml(
    caller: CallerIdentity,
    subscriptionId: string,
    invoiceId: string,
    locale: Locale,
  ): Promise<string> {
    const { row, lines, context } = await this.invoiceForReader(caller, subscriptionId, invoiceId, locale);
    return renderInvoiceHtml(row, lines, context);
  }

  /** The same invoice as a PDF download (invoicePdf.ts), with the same permission as the page. */
  async invoicePdf(
    caller: CallerIdentity,
    subscriptionId: string,
    invoiceId: string,
    locale: Locale,
  ): Promise<{ number: string; pdf: Uint8Array }> {
    const { row, lines, context } = await this.invoiceForReader(caller, subscriptionId, invoiceId, locale);
    return { number: row.number, pdf: await renderInvoicePdf(invoiceDocument(row, lines, context)) };
  }

  /** An invoice with what its page needs; only for those allowed to see the subscription's billing (B4). */
  private async invoiceForReader(caller: CallerIdentity, subscriptionId: string, invoiceId: string, locale: Locale) {
    const read = this.uow.read;
    const { subscription } = await authorize(read, caller, subscriptionId, 'billing.view');
    const invoice = await read.invoices.findInvoice(subscriptionId, invoiceId);
    if (!invoice) throw new ApiError(404, 'INVOICE_NOT_FOUND', 'No invoice with this id in this subscription.');
    const organisation = await read.organisations.findByTenant(subscription.ownerTenantId);
    return {
      row: invoice,
      lines: await read.invoices.invoiceLines(invoice.id),
      context: {
        organisation: organisation?.name ?? '',
        locale,
        parties: await read.billingProfiles.invoiceParties(invoice.id),
      },
    };
  }

  /**
   * Replaces the card used for renewals and quantity changes. The provider checks the card with
   * the bank first (Stripe: a SetupIntent): a declined card is answered 402 and the stored card
   * stays as it was.
   */
  async replacePaymentMethod(
    caller: CallerIdentity,
    subscriptionId: string,
    card: string,
    ip: string | null,
  ): Promise<PaymentMethodView> {
    const { subscription } = await authorize(this.uow.read, caller, subscriptionId, 'billing.manage');
    // Before the bank is asked: an ended subscription has nothing to charge the card for.
    refuseIfEnded(subscription);
    let saved;
    try {
      saved = await this.provider.savePaymentMethod(card, {
        idempotencyKey: `payment-method:${subscriptionId}:${randomUUID()}`,
        customer: { email: subscription.ownerEmail, name: subscription.ownerEmail },
      });
    } catch (error) {
      if (error instanceof PaymentMethodInvalidError) throw new ApiError(400, 'PAYMENT_CARD_INVALID', error.message);
      throw error;
    }
    if (saved.status === 'declined') {
      const reason = saved.reason;
      await this.uow.transaction(async (tx) => {
        const access = await authorize(tx, caller, subscriptionId, 'billing.manage');
        await journalAs(tx, access.subscription, actorOf(access), {
          action: 'payment_method.declined',
          target: subscriptionId,
          detail: { reason },
          ip,
          at: this.clock(),
        });
      });
      throw new ApiError(402, 'PAYMENT_DECLINED', declineMessage(reason), { reason });
    }
    const method = saved.method;
    return this.uow.transaction(async (tx) => {
      const now = this.clock();
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'billing.manage');
      refuseIfEnded(access.subscription);
      await tx.invoices.setPaymentMethod({
        id: randomUUID(),
        subscriptionId,
        provider: this.provider.name,
        token: method.token,
        brand: method.brand,
        last4: method.last4,
        createdAt: now,
      });
      await journalAs(tx, access.subscription, actorOf(access), {
        action: 'payment_method.replaced',
        target: subscriptionId,
        detail: { brand: method.brand, last4: method.last4 },
        ip,
        at: now,
      });
      return { brand: method.brand, last4: method.last4 };
    });
  }

  /** Pays an open invoice (a failed renewal) with a new card or the stored one; reactivates the subscription. */
  async payInvoice(
    caller: CallerIdentity,
    subscriptionId: string,
    invoiceId: string,
    card: string | undefined,
    key: string,
    ip: string | null,
  ): Promise<Outcome> {
    await authorize(this.uow.read, caller, subscriptionId, 'billing.manage');
    // A new card becomes a payment method first: a real provider's is a token the browser already made.
    const newMethod =
      card === undefined
        ? null
        : await this.provider
            .createPaymentMethod(card, {
              idempotencyKey: `invoice:${invoiceId}:${caller.tenantId}:${caller.objectId}:${key}`,
            })
            .catch((error: unknown) => {
              throw error instanceof PaymentMethodInvalidError
                ? new ApiError(400, 'PAYMENT_CARD_INVALID', error.message)
                : error;
            });
    return this.charges.run<PendingInvoicePayment>({
      kind: 'invoice',
      scope: `invoice:${invoiceId}:${caller.tenantId}:${caller.objectId}`,
      key,
      request: [invoiceId, card?.replace(/[\s-]/g, '') ?? null],
      what: 'payment',
      payer: { tenantId: caller.tenantId, objectId: caller.objectId },
      guard: async (tx, now) => void (await authorize(tx, caller, subscriptionId, 'billing.manage', now)),
      prepare: async (tx, now) => {
        await tx.subscriptions.lock(subscriptionId);
        const access = await authorize(tx, caller, subscriptionId, 'billing.manage', now);
        const invoice = await tx.invoices.findInvoice(subscriptionId, invoiceId);
        if (!invoice) throw new ApiError(404, 'INVOICE_NOT_FOUND', 'No invoice with this id in this subscription.');
        if (invoice.status !== 'open')
          throw new ApiError(409, 'INVOICE_NOT_OPEN', `Invoice ${invoice.number} is already paid.`);
        const method = newMethod ?? (await tx.invoices.currentPaymentMethod(subscriptionId));
        if (!method) throw new ApiError(409, 'PAYMENT_METHOD_MISSING', 'Enter a card to pay with.');
        await this.lock(tx, subscriptionId, now);
        return {
          charge: {
            amountMinor: invoice.totalMinor,
            currency: invoice.currency,
            paymentMethodToken: method.token,
            description: `Invoice ${invoice.number}`,
            offSession: false,
            savePaymentMethod: newMethod !== null,
          },
          pending: { subscriptionId, invoiceId, method: newMethod, actor: actorOf(access), ip },
        };
      },
      refusedMethod: storedMethodRefused,
    });
  }

  /** Records the payment of an invoice: money received settles the invoice it was for, whoever may manage billing by now. */
  private async settleInvoice(
    tx: Repositories,
    pending: PendingInvoicePayment,
    charge: FinalCharge,
    now: number,
  ): Promise<Outcome> {
    await tx.subscriptions.releaseBillingLock(pending.subscriptionId);
    const subscription = await this.subscriptionRow(tx, pending.subscriptionId);
    const invoice = await tx.invoices.findInvoice(pending.subscriptionId, pending.invoiceId);
    if (!invoice) throw new Error(`Invoice ${pending.invoiceId} disappeared while being paid.`);
    const entry = (action: JournalAction, detail: unknown) =>
      journalAs(tx, subscription, pending.actor, { action, target: invoice.number, detail, ip: pending.ip, at: now });
    if (charge.status !== 'succeeded') {
      await recordPayment(tx, {
        subscriptionId: pending.subscriptionId,
        provider: this.provider.name,
        reference: charge.reference,
        amountMinor: invoice.totalMinor,
        currency: invoice.currency,
        status: 'declined',
        description: `Invoice ${invoice.number}`,
        invoiceId: invoice.id,
        at: now,
      });
      await entry('invoice.payment_failed', { reason: charge.reason });
      return declinedResponse(charge.reason);
    }
    await tx.invoices.markInvoicePaid(invoice.id, now);
    await recordPayment(tx, {
      subscriptionId: pending.subscriptionId,
      provider: this.provider.name,
      reference: charge.reference,
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
      status: 'succeeded',
      description: `Invoice ${invoice.number}`,
      invoiceId: invoice.id,
      at: now,
    });
    if (pending.method)
      await tx.invoices.setPaymentMethod({
        id: randomUUID(),
        subscriptionId: pending.subscriptionId,
        provider: this.provider.name,
        token: pending.method.token,
        brand: pending.method.brand,
        last4: pending.method.last4,
        createdAt: now,
      });
    await entry('invoice.paid', { amountMinor: invoice.totalMinor, currency: invoice.currency });
    if (
      (subscription.status === 'past_due' || subscription.status === 'expired') &&
      !(await tx.invoices.openInvoice(subscription.id))
    ) {
      await tx.subscriptions.setStatus(subscription.id, 'active', { graceUntil: null });
      await journalAs(tx, subscription, pending.actor, {
        action: 'subscription.reactivated',
        target: subscription.id,
        detail: { from: subscription.status },
        ip: pending.ip,
        at: now,
      });
    }
    const paid = await tx.invoices.findInvoice(pending.subscriptionId, pending.invoiceId);
    return { statusCode: 200, body: { status: 'paid', invoice: invoiceView(paid ?? invoice) } };
  }

  // --- payment actions (additional authentication) and webhooks -----------------------------

  async completeAction(caller: CallerIdentity, actionId: string, approved: boolean): Promise<Outcome> {
    const action = await this.uow.read.invoices.findPaymentAction(actionId);
    if (!action || action.tenantId !== caller.tenantId || action.objectId !== caller.objectId)
      throw new ApiError(404, 'PAYMENT_ACTION_NOT_FOUND', 'No payment waiting for confirmation with this id.');
    if (action.status !== 'pending' && action.response) return JSON.parse(action.response) as Outcome;
    let result;
    try {
      result = await this.provider.completeAction(action.providerReference, { approved });
    } catch (error) {
      if (error instanceof PaymentMethodInvalidError)
        throw new ApiError(
          404,
          'PAYMENT_ACTION_NOT_FOUND',
          'The payment provider no longer knows this payment. Start again.',
        );
      throw error;
    }
    if (result.status === 'requires_action')
      return {
        statusCode: 202,
        body: {
          status: 'requires_action',
          actionId,
          amountMinor: action.amountMinor,
          currency: action.currency,
          ...(result.clientSecret ? { clientSecret: result.clientSecret } : {}),
        },
      };
    const finished = await this.charges.finishAction(action.id, result);
    await this.outbox.deliver();
    return finished.outcome;
  }

  /**
   * A provider webhook: signature and timestamp verified, each event id handled once. An event is
   * marked processed in the transaction that records its effect, never before: an event about a
   * payment Outmerge does not know yet (its claim was cut by a crash and is being reconciled) is
   * refused, so that the provider sends it again.
   */
  async handleWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<{ received: true; duplicate: boolean }> {
    const header = headers[this.provider.webhookSignatureHeader];
    let event;
    try {
      event = this.provider.verifyWebhook(
        rawBody,
        typeof header === 'string' ? header : undefined,
        Math.floor(this.clock() / 1000),
      );
    } catch (error) {
      if (error instanceof WebhookSignatureError)
        throw new ApiError(400, 'WEBHOOK_SIGNATURE_INVALID', 'The webhook signature is missing, wrong or too old.', {
          reason: error.reason,
        });
      throw error;
    }
    if (!event) throw new ApiError(400, 'VALIDATION_FAILED', 'The webhook body is not an event.');
    if (event.type === 'other') {
      // Nothing Outmerge acts on: seen is handled.
      const fresh = await this.uow.transaction((tx) =>
        tx.invoices.recordWebhookEvent(event.id, event.providerType, this.clock()),
      );
      return { received: true, duplicate: !fresh };
    }
    const action = await this.uow.read.invoices.findPaymentActionByReference(event.reference);
    if (!action) {
      // Recorded without a payment action (a claim reconciled after the bank had answered): the effect is there.
      if (await this.uow.read.invoices.paymentRecorded(event.reference)) {
        const fresh = await this.uow.transaction((tx) =>
          tx.invoices.recordWebhookEvent(event.id, event.type, this.clock()),
        );
        return { received: true, duplicate: !fresh };
      }
      throw new ApiError(
        404,
        'PAYMENT_ACTION_NOT_FOUND',
        'No payment waiting for confirmation has this reference yet; send the event again later.',
      );
    }
    const result: FinalCharge =
      event.type === 'payment_action.succeeded'
        ? { status: 'succeeded', reference: event.reference }
        : { status: 'declined', reference: event.reference, reason: 'authentication_failed' };
    const finished = await this.charges.finishAction(action.id, result, { id: event.id, type: event.type });
    // Emails of the finished purchase go out after the answer to the provider.
    void this.outbox.deliver();
    return { received: true, duplicate: finished.duplicate };
  }

  // --- renewals, past due, expiry -----------------------------------------------------------

  /**
   * Rolls every subscription whose period has ended into the next one (several periods when the
   * job did not run for a while), charging the stored payment method off-session. A failed
   * charge leaves the invoice open and the subscription past due until `graceDays` after the
   * period began; then it expires (its seats check in as SUBSCRIPTION_EXPIRED) until the open
   * invoice is paid. The server runs this periodically; tests call it with a clock.
   */
  async runRenewals(now: number = this.clock()): Promise<{ renewed: number; pastDue: number; expired: number }> {
    const counts = { renewed: 0, pastDue: 0, expired: 0 };
    const seen = new Set<string>();
    for (;;) {
      const due = (await this.uow.read.subscriptions.due(now, 100)).filter((s) => !seen.has(s.id));
      if (due.length === 0) return counts;
      for (const { id } of due) {
        seen.add(id);
        for (let periods = 0; periods < 400; periods++) {
          const outcome = await this.renewOrExpire(id, now);
          if (outcome !== 'renewed') {
            if (outcome === 'past_due') counts.pastDue++;
            if (outcome === 'expired') counts.expired++;
            break;
          }
          counts.renewed++;
        }
      }
    }
  }

  private async renewOrExpire(
    subscriptionId: string,
    now: number,
  ): Promise<'renewed' | 'past_due' | 'expired' | 'nothing'> {
    const current = await this.uow.read.subscriptions.find(subscriptionId);
    if (!current) return 'nothing';
    const done = (renewal: 'renewed' | 'past_due' | 'expired' | 'nothing') =>
      ({ done: { statusCode: 200, body: { renewal } }, store: false }) as const;
    let outcome: Outcome;
    try {
      outcome = await this.charges.run<PendingRenewal>({
        kind: 'renewal',
        // One claim per period renewed: the key is the end of the period being renewed.
        scope: `renewal:${subscriptionId}`,
        key: String(current.periodEnd),
        request: [subscriptionId, current.periodEnd],
        what: 'renewal',
        payer: { tenantId: current.ownerTenantId, objectId: current.ownerObjectId },
        prepare: async (tx) => {
          // Locked: every instance's renewal job may reach this subscription; one decides, the others then find nothing due.
          const subscription = await tx.subscriptions.lock(subscriptionId);
          const state = await tx.subscriptions.billingState(subscriptionId);
          if (!subscription || !state) return done('nothing');
          if (subscription.status === 'past_due' && state.graceUntil !== null && state.graceUntil <= now) {
            await this.stop(
              tx,
              subscription,
              'expired',
              {},
              'subscription.expired',
              { graceUntil: new Date(state.graceUntil).toISOString() },
              now,
            );
            return done('expired');
          }
          if (
            !isLive(subscription.status) ||
            subscription.periodEnd > now ||
            subscription.periodEnd !== current.periodEnd
          )
            return done('nothing');
          // A trial without a payment method ends at its end (P2): nothing was bought, so no invoice and no grace.
          const method = await tx.invoices.currentPaymentMethod(subscriptionId);
          if (subscription.status === 'trial' && !method) {
            await this.stop(
              tx,
              subscription,
              'expired',
              { endedAt: subscription.periodEnd },
              'trial.expired',
              { trialEnd: new Date(subscription.periodEnd).toISOString() },
              now,
            );
            return done('expired');
          }
          if (!(await tx.subscriptions.acquireBillingLock(subscriptionId, now, now + LOCK_MS))) return done('nothing');
          const plan = this.plan(subscription.planId);
          const quantity =
            state.pendingQuantity === null
              ? subscription.quantity
              : Math.max(state.pendingQuantity, subscription.assignedCount);
          const start = subscription.periodEnd;
          const end = periodEnd(start, plan.interval);
          // Product keys redeemed on the subscription pay their seats for one more period each (partners/keyRules.ts).
          const { used: grants, coverMinor } = grantsForRenewal(
            quantity,
            await tx.keys.openKeyGrants(subscriptionId),
            (seats) => seatTotalMinor(plan, this.options.volume, seats),
          );
          const context = await this.context(tx, subscriptionId);
          const lines = [
            ...recurringLines(plan, this.options.volume, quantity),
            ...(coverMinor > 0
              ? [
                  {
                    description: describeInvoiceLine({ line: 'prepaid', seats: grants.map((g) => g.seats) }),
                    quantity: null,
                    unitAmountMinor: null,
                    amountMinor: -coverMinor,
                  },
                ]
              : []),
          ];
          const totals = invoiceTotals(lines, await tx.invoices.creditBalance(subscriptionId), context.rateBp);
          const invoice = await issueInvoice(tx, {
            subscription,
            kind: 'renewal',
            currency: state.currency,
            totals,
            periodStart: start,
            periodEnd: end,
            at: now,
            paid: totals.totalMinor === 0,
            parties: context.parties,
          });
          await tx.keys.useKeyGrantPeriod(grants.map((grant) => grant.productKeyId));
          await tx.subscriptions.setQuantity(subscriptionId, quantity, null);
          await tx.subscriptions.setPeriod(subscriptionId, start, end);
          const pending: PendingRenewal = {
            subscriptionId,
            invoiceId: invoice.id,
            quantity,
            wasTrial: subscription.status === 'trial',
            at: now,
          };
          if (totals.totalMinor === 0) {
            if (subscription.status === 'trial') await tx.subscriptions.setStatus(subscriptionId, 'active');
            await tx.subscriptions.releaseBillingLock(subscriptionId);
            await this.systemJournal(
              tx,
              subscription,
              'subscription.renewed',
              { invoice: invoice.number, quantity, amountMinor: 0 },
              now,
            );
            return done('renewed');
          }
          if (!method) {
            // Nothing to charge (a subscription made from a key whose term is over): it ends at its end, no
            // grace. Grace is for a payment that failed; the open invoice can still be paid to go on.
            await tx.subscriptions.releaseBillingLock(subscriptionId);
            await this.stop(
              tx,
              subscription,
              'expired',
              { endedAt: start, graceUntil: null },
              'subscription.expired',
              { invoice: invoice.number, reason: 'no_payment_method' },
              now,
            );
            return done('expired');
          }
          return {
            charge: {
              amountMinor: invoice.totalMinor,
              currency: invoice.currency,
              paymentMethodToken: method.token,
              description: `Invoice ${invoice.number}`,
              offSession: true,
            },
            pending,
          };
        },
        refusedMethod: () => new RenewalNotCharged(),
      });
    } catch (error) {
      // Refused outright: past due (the release did it). Anything else may have charged: the claim is reconciled after its lease.
      return error instanceof RenewalNotCharged ? 'past_due' : 'nothing';
    }
    return (outcome.body as { renewal: 'renewed' | 'past_due' | 'expired' | 'nothing' }).renewal;
  }

  private async recordRenewal(tx: Repositories, pending: PendingRenewal, result: FinalCharge): Promise<Recorded> {
    const invoice = await tx.invoices.findInvoice(pending.subscriptionId, pending.invoiceId);
    if (!invoice) throw new Error(`Invoice ${pending.invoiceId} disappeared while being paid.`);
    await recordPayment(tx, {
      subscriptionId: pending.subscriptionId,
      provider: this.provider.name,
      reference: result.reference,
      amountMinor: invoice.totalMinor,
      currency: invoice.currency,
      status: result.status,
      description: `Invoice ${invoice.number}`,
      invoiceId: invoice.id,
      at: pending.at,
    });
    if (result.status !== 'succeeded') {
      await this.pastDue(tx, pending, result.reason);
      return { outcome: { statusCode: 200, body: { renewal: 'past_due' } } };
    }
    await tx.subscriptions.releaseBillingLock(pending.subscriptionId);
    // A trial with a payment method converts to paid at its end (P2).
    if (pending.wasTrial) await tx.subscriptions.setStatus(pending.subscriptionId, 'active');
    await tx.invoices.markInvoicePaid(invoice.id, pending.at);
    await this.systemJournal(
      tx,
      await this.subscriptionRow(tx, pending.subscriptionId),
      pending.wasTrial ? 'trial.converted' : 'subscription.renewed',
      { invoice: invoice.number, quantity: pending.quantity, amountMinor: invoice.totalMinor },
      pending.at,
    );
    return { outcome: { statusCode: 200, body: { renewal: 'renewed' } } };
  }

  /** The renewal was not charged (the provider never took it): its invoice stays open and the subscription is past due. */
  private renewalNotCharged(tx: Repositories, pending: PendingRenewal): Promise<void> {
    return this.pastDue(tx, pending, 'provider_error');
  }

  private async pastDue(tx: Repositories, pending: PendingRenewal, reason: string): Promise<void> {
    await tx.subscriptions.releaseBillingLock(pending.subscriptionId);
    const invoice = await tx.invoices.findInvoice(pending.subscriptionId, pending.invoiceId);
    if (!invoice) throw new Error(`Invoice ${pending.invoiceId} disappeared while being paid.`);
    const graceUntil = invoice.periodStart + this.options.graceDays * DAY_MS;
    const detail = { invoice: invoice.number, reason, graceUntil: new Date(graceUntil).toISOString() };
    // The grace the vendor gives (PAST_DUE_GRACE_DAYS) may be over already: then no unpaid day more.
    const subscription = await this.subscriptionRow(tx, pending.subscriptionId);
    if (graceUntil <= pending.at)
      await this.stop(tx, subscription, 'expired', { graceUntil: null }, 'subscription.expired', detail, pending.at);
    else await this.stop(tx, subscription, 'past_due', { graceUntil }, 'renewal.payment_failed', detail, pending.at);
  }

  /** The renewal job suspends or ends a subscription: its status, the system's journal entry and the owner's email, in one transaction. */
  private async stop(
    tx: Repositories,
    subscription: SubscriptionRow,
    status: 'past_due' | 'expired',
    fields: { graceUntil?: number | null; endedAt?: number | null },
    action: JournalAction,
    detail: unknown,
    at: number,
  ): Promise<void> {
    await tx.subscriptions.setStatus(subscription.id, status, fields);
    await this.systemJournal(tx, subscription, action, detail, at);
    await this.tellOwner(tx, subscription.id, status, at);
  }

  private systemJournal(
    tx: Repositories,
    subscription: SubscriptionRow,
    action: JournalAction,
    detail: unknown,
    at: number,
  ): Promise<void> {
    return journalAs(tx, subscription, { role: 'system' }, { action, target: subscription.id, detail, ip: null, at });
  }

  // --- consolidation (A9) --------------------------------------------------------------------

  /**
   * Merges individual subscriptions of the organisation into `targetId`: their people keep a seat
   * (moved into the target, whose quantity grows as needed, prorated), the sources end
   * (cancelled) and their unused time becomes a credit on the target's next invoice, which
   * offsets the growth first.
   */
  async consolidate(
    caller: CallerIdentity,
    targetId: string,
    sourceIds: readonly string[],
    key: string,
    ip: string | null,
  ): Promise<Outcome> {
    return this.charges.run<PendingConsolidation>({
      kind: 'consolidation',
      scope: `consolidate:${targetId}:${caller.tenantId}:${caller.objectId}`,
      key,
      request: [...sourceIds].sort(),
      what: 'consolidation',
      payer: { tenantId: caller.tenantId, objectId: caller.objectId },
      guard: async (tx, now) => void (await authorize(tx, caller, targetId, 'subscription.consolidate', now)),
      prepare: async (tx, now) => {
        // The target and its sources locked in one order (by id), so two merges never wait for each other in a circle.
        for (const id of [...new Set([targetId, ...sourceIds])].sort()) await tx.subscriptions.lock(id);
        const target = await authorize(tx, caller, targetId, 'subscription.consolidate', now);
        const plan = await this.consolidationPlan(tx, caller, target, sourceIds, now);
        const pending: PendingConsolidation = { targetId, sourceIds: [...sourceIds], actor: actorOf(target), plan, ip };
        if (plan.totals === null || plan.totals.totalMinor === 0)
          return { done: await this.applyConsolidation(tx, pending, null, now) };
        const method = await tx.invoices.currentPaymentMethod(targetId);
        if (!method)
          throw new ApiError(
            409,
            'PAYMENT_METHOD_MISSING',
            'The subscription has no payment method. Add one in Billing.',
          );
        await this.lock(tx, targetId, now);
        // The sources too: no seat may be assigned to them while the growth they cause is being charged.
        for (const source of plan.sources) await this.lock(tx, source.id, now);
        return {
          charge: {
            amountMinor: plan.totals.totalMinor,
            currency: plan.currency,
            paymentMethodToken: method.token,
            description: 'Outmerge consolidation',
            offSession: true,
          },
          pending,
        };
      },
      refusedMethod: storedMethodRefused,
    });
  }

  private async releaseConsolidationLocks(tx: Repositories, pending: PendingConsolidation): Promise<void> {
    await tx.subscriptions.releaseBillingLock(pending.targetId);
    for (const source of pending.plan.sources) await tx.subscriptions.releaseBillingLock(source.id);
  }

  private async recordConsolidation(
    tx: Repositories,
    pending: PendingConsolidation,
    result: FinalCharge,
    now: number,
  ): Promise<Recorded> {
    await this.releaseConsolidationLocks(tx, pending);
    if (result.status === 'succeeded')
      return { outcome: await this.applyConsolidation(tx, pending, result.reference, now) };
    const amountMinor = pending.plan.totals?.totalMinor ?? 0;
    await recordPayment(tx, {
      subscriptionId: pending.targetId,
      provider: this.provider.name,
      reference: result.reference,
      amountMinor,
      currency: pending.plan.currency,
      status: 'declined',
      description: 'Outmerge consolidation',
      invoiceId: null,
      at: now,
    });
    await journalAs(tx, await this.subscriptionRow(tx, pending.targetId), pending.actor, {
      action: 'consolidation.payment_failed',
      target: pending.targetId,
      detail: { sources: pending.sourceIds, reason: result.reason },
      ip: pending.ip,
      at: now,
    });
    return { outcome: declinedResponse(result.reason) };
  }

  private async consolidationPlan(
    tx: Repositories,
    caller: CallerIdentity,
    target: Access,
    sourceIds: readonly string[],
    now: number,
  ) {
    const subscription = target.subscription;
    if (!isLive(subscription.status))
      throw new ApiError(409, 'SUBSCRIPTION_NOT_ACTIVE', 'Only an active subscription can take in others.');
    if (sourceIds.length === 0 || new Set(sourceIds).size !== sourceIds.length || sourceIds.includes(subscription.id)) {
      throw new ApiError(
        400,
        'CONSOLIDATION_INVALID',
        'Name each subscription to merge once, and not the target itself.',
      );
    }
    const currency = await this.currencyOf(tx, subscription.id);
    const sources: SubscriptionRow[] = [];
    for (const id of sourceIds) {
      const source = (await authorize(tx, caller, id, 'subscription.consolidate')).subscription;
      if (source.organisationId !== subscription.organisationId)
        throw new ApiError(409, 'CONSOLIDATION_INVALID', 'Only subscriptions of the same organisation can be merged.');
      if (!canBeMerged(source.status))
        throw new ApiError(409, 'CONSOLIDATION_INVALID', `Subscription ${id} has ended and cannot be merged.`);
      if ((await this.currencyOf(tx, id)) !== currency)
        throw new ApiError(
          409,
          'CONSOLIDATION_INVALID',
          'Only subscriptions billed in the same currency can be merged.',
        );
      sources.push(source);
    }
    const targetEmails = new Set((await tx.subscriptions.listLiveSeats(subscription.id)).map((s) => s.emailCanonical));
    const moving = new Set<string>();
    for (const source of sources)
      for (const seat of await tx.subscriptions.listLiveSeats(source.id))
        if (!targetEmails.has(seat.emailCanonical)) moving.add(seat.emailCanonical);
    const needed = subscription.assignedCount + moving.size;
    const newQuantity = Math.max(subscription.quantity, needed);
    if (subscription.status === 'trial' && newQuantity > subscription.quantity) throw trialSeatsFixed();
    const credits = [];
    for (const source of sources) {
      // Only money actually paid for time not yet used (billing/consolidationCredit.ts), per paid
      // invoice so that each is documented by a credit note: a trial, the time a product key paid
      // for, and an unpaid (past-due) period leave none.
      const byInvoice = unusedPaidByInvoice(await tx.invoices.paidSpans(source.id), now);
      credits.push({ source, amountMinor: byInvoice.reduce((sum, c) => sum + c.amountMinor, 0), byInvoice });
    }
    const creditTotal = credits.reduce((sum, c) => sum + c.amountMinor, 0);
    let lines: DraftLine[] = [];
    let totals = null;
    if (newQuantity > subscription.quantity) {
      const plan = this.plan(subscription.planId);
      const change = prorateChange(
        seatTotalMinor(plan, this.options.volume, subscription.quantity),
        seatTotalMinor(plan, this.options.volume, newQuantity),
        { start: subscription.periodStart, end: subscription.periodEnd },
        now,
      );
      const context = await this.context(tx, subscription.id);
      lines = this.changeLines(plan, subscription.quantity, newQuantity, change);
      totals = invoiceTotals(
        lines,
        (await tx.invoices.creditBalance(subscription.id)) + creditTotal,
        context.rateBp,
        describeInvoiceLine({ line: 'credit', merged: true }),
      );
    }
    return { sources, credits, newQuantity, lines, totals, currency };
  }

  private async applyConsolidation(
    tx: Repositories,
    pending: PendingConsolidation,
    reference: string | null,
    now: number,
  ): Promise<Outcome> {
    const { plan, actor, ip } = pending;
    for (const id of [...new Set([pending.targetId, ...plan.sources.map((s) => s.id)])].sort())
      await tx.subscriptions.lock(id);
    const subscription = await this.subscriptionRow(tx, pending.targetId);
    // Credited first (with their credit notes): the consolidation invoice below uses the credit.
    const credited = [];
    for (const credit of plan.credits) {
      // A claim written before credits were kept per invoice (recorded after an upgrade) credits its total as it was computed, without a credit note.
      const legacy = credit as typeof credit & { description?: string };
      if (credit.byInvoice === undefined && legacy.amountMinor > 0)
        await tx.invoices.insertCredit({
          id: randomUUID(),
          subscriptionId: subscription.id,
          description: legacy.description ?? '',
          amountMinor: legacy.amountMinor,
          remainingMinor: legacy.amountMinor,
          createdAt: now,
        });
      credited.push({
        source: credit.source,
        credit:
          credit.byInvoice === undefined
            ? { creditMinor: legacy.amountMinor, creditNotes: [] }
            : await creditFromSource(tx, {
                target: subscription,
                source: credit.source,
                credits: credit.byInvoice,
                now,
              }),
      });
    }
    if (plan.newQuantity > subscription.quantity)
      await tx.subscriptions.setQuantity(subscription.id, plan.newQuantity, null);
    let invoice: InvoiceRow | null = null;
    if (plan.totals) {
      invoice = await issueInvoice(tx, {
        subscription,
        kind: 'consolidation',
        currency: plan.currency,
        totals: plan.totals,
        periodStart: now,
        periodEnd: subscription.periodEnd,
        at: now,
        paid: true,
        parties: (await this.context(tx, subscription.id)).parties,
      });
      if (reference)
        await recordPayment(tx, {
          subscriptionId: subscription.id,
          provider: this.provider.name,
          reference,
          amountMinor: plan.totals.totalMinor,
          currency: plan.currency,
          status: 'succeeded',
          description: 'Outmerge consolidation',
          invoiceId: invoice.id,
          at: now,
        });
    }
    const targetSeats = new Set((await tx.subscriptions.listLiveSeats(subscription.id)).map((s) => s.emailCanonical));
    let moved = 0;
    // Each source's credit (with its credit notes), seats and end: billing/mergeSource.ts, as an accepted invitation does.
    for (const { source, credit } of credited)
      moved += (
        await mergeSourceInto(tx, { target: subscription, source, credited: credit, targetSeats, actor, ip, now })
      ).moved;
    // Seats assigned to a source between the two transactions still move (people keep their seat); the quantity follows.
    if (targetSeats.size > plan.newQuantity)
      await tx.subscriptions.setQuantity(subscription.id, targetSeats.size, null);
    await journalAs(tx, subscription, actor, {
      action: 'subscription.consolidated',
      target: subscription.id,
      detail: {
        sources: plan.sources.map((s) => s.id),
        seatsMoved: moved,
        quantity: plan.newQuantity,
        creditMinor: plan.credits.reduce((sum, c) => sum + c.amountMinor, 0),
        chargedMinor: reference ? (plan.totals?.totalMinor ?? 0) : 0,
        invoice: invoice?.number ?? null,
      },
      ip,
      at: now,
    });
    return {
      statusCode: 200,
      body: {
        subscriptionId: subscription.id,
        quantity: plan.newQuantity,
        seatsMoved: moved,
        cancelled: plan.sources.map((s) => s.id),
        creditMinor: await tx.invoices.creditBalance(subscription.id),
        chargedMinor: reference ? (plan.totals?.totalMinor ?? 0) : 0,
        currency: plan.currency,
        invoiceNumber: invoice?.number ?? null,
      },
    };
  }
}

function trialSeatsFixed(): ApiError {
  return new ApiError(
    409,
    'TRIAL_SEATS_FIXED',
    'A trial keeps the seats it was given. Buy a subscription for more seats, or add a card and the trial becomes a paid subscription at its end.',
  );
}

/** What recording a quantity change needs (kept with its claim; see ./idempotentCharge.ts). */
interface PendingQuantity {
  subscriptionId: string;
  actor: JournalActor;
  plan: QuantityPlan;
  ip: string | null;
}

interface PendingInvoicePayment {
  subscriptionId: string;
  invoiceId: string;
  /** The new card's method, stored as the subscription's when the payment succeeds. */
  method: StoredPaymentMethod | null;
  actor: JournalActor;
  ip: string | null;
}

interface PendingConsolidation {
  targetId: string;
  sourceIds: string[];
  actor: JournalActor;
  plan: Awaited<ReturnType<BillingService['consolidationPlan']>>;
  ip: string | null;
}

interface PendingRenewal {
  subscriptionId: string;
  invoiceId: string;
  quantity: number;
  wasTrial: boolean;
  /** When the renewal ran (the job's clock). */
  at: number;
}

/** A renewal whose stored payment method the provider refused: nothing was charged, the subscription is past due. */
class RenewalNotCharged extends Error {}

function storedMethodRefused(): ApiError {
  return new ApiError(
    409,
    'PAYMENT_METHOD_MISSING',
    'The stored payment method cannot be used. Replace it in Billing.',
  );
}
