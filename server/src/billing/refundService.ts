/**
 * Refunds and credit notes (issue 15). Who refunds: the vendor's operators, never a customer —
 * SPEC B4 gives customers invoices and payment methods, not money back, and an endpoint a
 * customer could call would be a way to get seats without paying. Operators are the Entra
 * accounts listed in OPERATOR_ACCOUNTS as `tenantId/objectId` (a validated token's `tid`/`oid`,
 * never an address claim); anyone else is told the invoice does not exist.
 *
 * A refund goes through the one charge helper (./idempotentCharge.ts): claim (the rule of
 * ./refundRules.ts checked in the transaction that takes the subscription's billing lock, read
 * after the lock so that two operators cannot both give back the same money) →
 * `PaymentProvider.refund` outside any transaction with the Idempotency-Key → record: the credit
 * note, numbered in that transaction, the credit it used, the end of the service when asked,
 * and the journal entry.
 */
import { randomUUID } from 'node:crypto';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { ApiError } from '../http/apiError.js';
import { authorize } from '../access/access.js';
import { Journal } from '../journal/journal.js';
import type { CreditNoteRow, Repositories, UnitOfWork } from '../storage/unitOfWork.js';
import type { IdempotentCharges, Outcome } from './idempotentCharge.js';
import { creditNoteNumber, refundableMinor, splitGross } from './refundRules.js';
import { describeInvoiceLine } from '#shared/billing/invoiceLineText.js';
import { isLive } from '#shared/billing/subscriptionState.js';
import { invoiceDocument, renderInvoiceHtml } from './invoiceHtml.js';
import { renderInvoicePdf } from './invoicePdf.js';
import type { Locale } from '#shared/i18n/translate.js';
import type { CreditNoteView } from '#shared/api/views.js';

/** How long a refund may hold the subscription's billing lock while the provider answers. */
const LOCK_MS = 5 * 60_000;

interface PendingRefund {
  invoiceId: string;
  subscriptionId: string;
  amountMinor: number;
  creditUsedMinor: number;
  endService: boolean;
  operator: { tenantId: string; objectId: string; email: string | null };
}

export class RefundService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly charges: IdempotentCharges,
    private readonly operators: ReadonlySet<string>,
    private readonly clock: () => number = Date.now,
  ) {
    charges.register<PendingRefund>('refund', {
      record: async (tx, pending, result, now) => ({ outcome: await this.record(tx, pending, result.reference, now) }),
      release: (tx, pending) => tx.subscriptions.releaseBillingLock(pending.subscriptionId),
    });
  }

  /** From the validated token's tid/oid (OPERATOR_ACCOUNTS is read in lower case), never from an address claim. */
  private isOperator(caller: CallerIdentity): boolean {
    return this.operators.has(`${caller.tenantId}/${caller.objectId}`.toLowerCase());
  }

  async refund(
    caller: CallerIdentity,
    invoiceId: string,
    request: { amountMinor: number; endService: boolean },
    key: string,
  ): Promise<Outcome> {
    const notFound = () => new ApiError(404, 'INVOICE_NOT_FOUND', 'No invoice with this id.');
    return this.charges.run<PendingRefund>({
      kind: 'refund',
      scope: `refund:${invoiceId}`,
      key,
      request,
      what: 'refund',
      payer: { tenantId: caller.tenantId, objectId: caller.objectId },
      guard: () => {
        if (!this.isOperator(caller)) throw notFound();
        return Promise.resolve();
      },
      prepare: async (tx, now) => {
        const subscriptionId = await tx.creditNotes.invoiceSubscription(invoiceId);
        // Locked first: what was paid, credited and refunded is read after, so it cannot change before the claim is written.
        const subscription = subscriptionId ? await tx.subscriptions.lock(subscriptionId) : undefined;
        const invoice = subscription && (await tx.invoices.findInvoice(subscription.id, invoiceId));
        if (!subscription || !invoice) throw notFound();
        const payment = await tx.creditNotes.invoicePayment(invoice.id);
        if (invoice.status !== 'paid' || !payment)
          throw new ApiError(409, 'REFUND_REFUSED', 'Only an invoice paid by card can be refunded.');
        if (!(await tx.subscriptions.acquireBillingLock(subscription.id, now, now + LOCK_MS)))
          throw new ApiError(
            409,
            'BILLING_BUSY',
            'A payment for this subscription is under way. Try again in a minute.',
          );
        const creditBalance = await tx.invoices.creditBalance(subscription.id);
        const allowed = refundableMinor(
          {
            paidMinor: payment.amountMinor,
            alreadyCreditedMinor: await tx.creditNotes.creditedOn(invoice.id),
            creditBalanceMinor: creditBalance,
            live: isLive(subscription.status),
            spans: await tx.invoices.paidSpans(subscription.id),
          },
          request.endService,
          now,
        );
        // Thrown before the claim is written: the transaction rolls back, and the billing lock with it.
        if (request.amountMinor > allowed) {
          throw new ApiError(
            409,
            'REFUND_TOO_LARGE',
            `At most ${allowed} (minor units) can be refunded on this invoice${request.endService ? '' : ' while the subscription goes on; ending it also gives back its unused paid time'}.`,
            { refundableMinor: allowed },
          );
        }
        return {
          refund: { reference: payment.reference, amountMinor: request.amountMinor, currency: invoice.currency },
          pending: {
            invoiceId: invoice.id,
            subscriptionId: subscription.id,
            amountMinor: request.amountMinor,
            creditUsedMinor: Math.min(creditBalance, request.amountMinor),
            endService: request.endService,
            operator: { tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email },
          },
        };
      },
      refusedMethod: (error) =>
        new ApiError(409, 'REFUND_REFUSED', `The payment provider refused the refund: ${error.message}`),
    });
  }

  private async record(tx: Repositories, pending: PendingRefund, reference: string, now: number): Promise<Outcome> {
    await tx.subscriptions.releaseBillingLock(pending.subscriptionId);
    const subscription = await tx.subscriptions.lock(pending.subscriptionId);
    const invoice = await tx.invoices.findInvoice(pending.subscriptionId, pending.invoiceId);
    if (!subscription || !invoice) throw new Error(`Invoice ${pending.invoiceId} disappeared while being refunded.`);
    const { subtotalMinor, taxMinor } = splitGross(pending.amountMinor, invoice.taxRateBp);
    const year = new Date(now).getUTCFullYear();
    const note: CreditNoteRow = {
      id: randomUUID(),
      number: creditNoteNumber(year, await tx.creditNotes.nextSequence(year)),
      invoiceId: invoice.id,
      subscriptionId: subscription.id,
      kind: 'refund',
      currency: invoice.currency,
      subtotalMinor,
      taxRateBp: invoice.taxRateBp,
      taxMinor,
      totalMinor: pending.amountMinor,
      description: describeInvoiceLine({ line: 'refund', invoice: invoice.number }),
      providerReference: reference,
      endedService: pending.endService,
      issuedAt: now,
    };
    await tx.creditNotes.insert(note);
    // Credit given back as money cannot also pay the next invoice.
    const credit = Math.min(pending.creditUsedMinor, await tx.invoices.creditBalance(subscription.id));
    if (credit > 0) await tx.invoices.consumeCredit(subscription.id, credit);
    if (pending.endService && isLive(subscription.status)) {
      // Seats check in as cancelled from now: the time given back is no longer licensed.
      await tx.subscriptions.setStatus(subscription.id, 'cancelled', { endedAt: now, graceUntil: null });
      await tx.subscriptions.setPendingQuantity(subscription.id, null);
    }
    await Journal.record(tx, {
      organisationId: subscription.organisationId,
      subscriptionId: subscription.id,
      actor: { role: 'vendor' },
      action: 'invoice.refunded',
      target: invoice.number,
      detail: {
        creditNote: note.number,
        amountMinor: note.totalMinor,
        endedService: pending.endService,
        operator: pending.operator.email,
      },
      ip: null,
      at: now,
    });
    return { statusCode: 201, body: this.view(note, invoice.number) };
  }

  private view(note: CreditNoteRow, invoiceNumber: string): CreditNoteView {
    return {
      id: note.id,
      number: note.number,
      invoiceNumber,
      kind: note.kind,
      currency: note.currency,
      totalMinor: note.totalMinor,
      endedService: note.endedService,
      issuedAt: new Date(note.issuedAt).toISOString(),
    };
  }

  async list(caller: CallerIdentity, subscriptionId: string): Promise<CreditNoteView[]> {
    const read = this.uow.read;
    await authorize(read, caller, subscriptionId, 'billing.view');
    const views: CreditNoteView[] = [];
    for (const note of await read.creditNotes.list(subscriptionId))
      views.push(this.view(note, (await correctedInvoice(read, note))?.number ?? ''));
    return views;
  }

  private async document(caller: CallerIdentity, subscriptionId: string, creditNoteId: string, locale: Locale) {
    const read = this.uow.read;
    const { subscription } = await authorize(read, caller, subscriptionId, 'billing.view');
    const note = await read.creditNotes.find(subscriptionId, creditNoteId);
    const invoice = note && (await correctedInvoice(read, note));
    if (!note || !invoice)
      throw new ApiError(404, 'CREDIT_NOTE_NOT_FOUND', 'No credit note with this id in this subscription.');
    const organisation = await read.organisations.findByTenant(subscription.ownerTenantId);
    const row = {
      ...note,
      status: 'issued' as const,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      billTo: invoice.billTo,
      paidAt: note.kind === 'refund' ? note.issuedAt : null,
    };
    const lines = [
      { description: note.description, quantity: null, unitAmountMinor: null, amountMinor: note.subtotalMinor },
    ];
    // Seller and buyer as on the invoice it corrects, in its language.
    return {
      number: note.number,
      row,
      lines,
      context: {
        organisation: organisation?.name ?? '',
        locale,
        parties: await read.billingProfiles.invoiceParties(invoice.id),
        corrects: invoice.number,
      },
    };
  }

  async html(caller: CallerIdentity, subscriptionId: string, creditNoteId: string, locale: Locale): Promise<string> {
    const { row, lines, context } = await this.document(caller, subscriptionId, creditNoteId, locale);
    return renderInvoiceHtml(row, lines, context);
  }

  async pdf(
    caller: CallerIdentity,
    subscriptionId: string,
    creditNoteId: string,
    locale: Locale,
  ): Promise<{ number: string; pdf: Uint8Array }> {
    const { number, row, lines, context } = await this.document(caller, subscriptionId, creditNoteId, locale);
    return { number, pdf: await renderInvoicePdf(invoiceDocument(row, lines, context)) };
  }
}

/**
 * The invoice a credit note corrects: the subscription's own (a refund), or, for a merge's credit,
 * the merged subscription's invoice whose unused paid time the note credits to this one.
 */
async function correctedInvoice(read: Repositories, note: CreditNoteRow) {
  const owner =
    note.kind === 'refund' ? note.subscriptionId : await read.creditNotes.invoiceSubscription(note.invoiceId);
  return owner === undefined ? undefined : read.invoices.findInvoice(owner, note.invoiceId);
}
