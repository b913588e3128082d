/**
 * Refunds and credit notes (issue 15). Who refunds: the vendor's operators, never a customer —
 * SPEC B4 gives customers invoices and payment methods, not money back, and an endpoint a
 * customer could call would be a way to get seats without paying. Operators are the Entra
 * accounts listed in OPERATOR_ACCOUNTS as `tenantId/objectId` (a validated token's `tid`/`oid`,
 * never an address claim); anyone else is told the invoice does not exist.
 *
 * A refund goes through the one charge helper (./idempotentCharge.ts): claim (the rule of
 * ./refundRules.ts checked in the transaction that takes the subscription's billing lock) →
 * `PaymentProvider.refund` outside any transaction with the Idempotency-Key → record: the credit
 * note, numbered in that transaction, the credit it used, the end of the service when asked,
 * and the journal entry.
 */
import { randomUUID } from 'node:crypto';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { ApiError } from '../http/apiError.js';
import { authorize } from '../access/access.js';
import { Journal } from '../journal/journal.js';
import type { Storage } from '../storage/storage.js';
import type { CreditNoteRow } from '../storage/creditNoteStorage.js';
import type { IdempotentCharges, Outcome } from './idempotentCharge.js';
import { creditNoteNumber, refundableMinor, splitGross } from './refundRules.js';
import { describeInvoiceLine } from '../../../shared/src/billing/invoiceLineText.js';
import { isLive } from '../../../shared/src/billing/subscriptionState.js';
import { invoiceDocument, renderInvoiceHtml } from './invoiceHtml.js';
import { renderInvoicePdf } from './invoicePdf.js';
import type { Locale } from '../../../shared/src/i18n/translate.js';
import type { CreditNoteView } from '../../../shared/src/api/views.js';


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
    private readonly storage: Storage,
    private readonly charges: IdempotentCharges,
    private readonly operators: ReadonlySet<string>,
    private readonly clock: () => number = Date.now,
  ) {
    charges.register<PendingRefund>('refund', {
      record: (pending, result, now) => ({ outcome: this.record(pending, result.reference, now) }),
      release: (pending) => this.storage.billing.releaseLock(pending.subscriptionId),
    });
  }

  private isOperator(caller: CallerIdentity): boolean {
    return this.operators.has(`${caller.tenantId}/${caller.objectId}`);
  }

  async refund(caller: CallerIdentity, invoiceId: string, request: { amountMinor: number; endService: boolean }, key: string): Promise<Outcome> {
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
      },
      prepare: (now) => {
        const subscriptionId = this.storage.creditNotes.invoiceSubscription(invoiceId);
        const subscription = subscriptionId ? this.storage.findSubscription(subscriptionId) : undefined;
        const invoice = subscription && this.storage.billing.findInvoice(subscription.id, invoiceId);
        if (!subscription || !invoice) throw notFound();
        const payment = this.storage.creditNotes.invoicePayment(invoice.id);
        if (invoice.status !== 'paid' || !payment) throw new ApiError(409, 'REFUND_REFUSED', 'Only an invoice paid by card can be refunded.');
        const creditBalance = this.storage.billing.creditBalance(subscription.id);
        const allowed = refundableMinor(
          { paidMinor: payment.amountMinor, alreadyCreditedMinor: this.storage.creditNotes.creditedOn(invoice.id), creditBalanceMinor: creditBalance, live: isLive(subscription.status), spans: this.storage.entitlements.paidSpans(subscription.id) },
          request.endService,
          now,
        );
        if (request.amountMinor > allowed) {
          throw new ApiError(409, 'REFUND_TOO_LARGE', `At most ${allowed} (minor units) can be refunded on this invoice${request.endService ? '' : ' while the subscription goes on; ending it also gives back its unused paid time'}.`, { refundableMinor: allowed });
        }
        if (!this.storage.billing.acquireLock(subscription.id, now, now + 5 * 60_000)) throw new ApiError(409, 'BILLING_BUSY', 'A payment for this subscription is under way. Try again in a minute.');
        return {
          refund: { reference: payment.reference, amountMinor: request.amountMinor, currency: invoice.currency },
          pending: { invoiceId: invoice.id, subscriptionId: subscription.id, amountMinor: request.amountMinor, creditUsedMinor: Math.min(creditBalance, request.amountMinor), endService: request.endService, operator: { tenantId: caller.tenantId, objectId: caller.objectId, email: caller.email } },
        };
      },
      refusedMethod: (error) => new ApiError(409, 'REFUND_REFUSED', `The payment provider refused the refund: ${error.message}`),
    });
  }

  private record(pending: PendingRefund, reference: string, now: number): Outcome {
    this.storage.billing.releaseLock(pending.subscriptionId);
    const subscription = this.storage.findSubscription(pending.subscriptionId)!;
    const invoice = this.storage.billing.findInvoice(pending.subscriptionId, pending.invoiceId)!;
    const { subtotalMinor, taxMinor } = splitGross(pending.amountMinor, invoice.taxRateBp);
    const note: CreditNoteRow = {
      id: randomUUID(),
      number: creditNoteNumber(new Date(now).getUTCFullYear(), this.storage.creditNotes.nextSequence(new Date(now).getUTCFullYear())),
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
    this.storage.creditNotes.insert(note);
    // Credit given back as money cannot also pay the next invoice.
    const credit = Math.min(pending.creditUsedMinor, this.storage.billing.creditBalance(subscription.id));
    if (credit > 0) this.storage.billing.consumeCredit(subscription.id, credit);
    if (pending.endService && isLive(subscription.status)) {
      // Seats check in as cancelled from now: the time given back is no longer licensed.
      this.storage.billing.setStatus(subscription.id, 'cancelled', { endedAt: now, graceUntil: null });
      this.storage.billing.setPendingQuantity(subscription.id, null);
    }
    Journal.record(this.storage, {
      organisationId: subscription.organisationId,
      subscriptionId: subscription.id,
      actor: { role: 'vendor' },
      action: 'invoice.refunded',
      target: invoice.number,
      detail: { creditNote: note.number, amountMinor: note.totalMinor, endedService: pending.endService, operator: pending.operator.email },
      ip: null,
      at: now,
    });
    return { statusCode: 201, body: this.view(note, invoice.number) };
  }

  private view(note: CreditNoteRow, invoiceNumber: string): CreditNoteView {
    return { id: note.id, number: note.number, invoiceNumber, kind: note.kind, currency: note.currency, totalMinor: note.totalMinor, endedService: note.endedService, issuedAt: new Date(note.issuedAt).toISOString() };
  }

  list(caller: CallerIdentity, subscriptionId: string): CreditNoteView[] {
    authorize(this.storage, caller, subscriptionId, 'billing.view');
    return this.storage.creditNotes.list(subscriptionId).map((note) => this.view(note, this.storage.billing.findInvoice(subscriptionId, note.invoiceId)?.number ?? ''));
  }

  private document(caller: CallerIdentity, subscriptionId: string, creditNoteId: string, locale: Locale) {
    const { subscription } = authorize(this.storage, caller, subscriptionId, 'billing.view');
    const note = this.storage.creditNotes.find(subscriptionId, creditNoteId);
    const invoice = note && this.storage.billing.findInvoice(subscriptionId, note.invoiceId);
    if (!note || !invoice) throw new ApiError(404, 'CREDIT_NOTE_NOT_FOUND', 'No credit note with this id in this subscription.');
    const organisation = this.storage.findOrganisationByTenant(subscription.ownerTenantId);
    const row = { ...note, status: 'issued' as const, periodStart: invoice.periodStart, periodEnd: invoice.periodEnd, billTo: invoice.billTo, paidAt: note.kind === 'refund' ? note.issuedAt : null };
    const lines = [{ description: note.description, quantity: null, unitAmountMinor: null, amountMinor: note.subtotalMinor }];
    // Seller and buyer as on the invoice it corrects, in its language.
    return { number: note.number, row, lines, context: { organisation: organisation?.name ?? '', locale, parties: this.storage.billingProfiles.invoiceParties(invoice.id), corrects: invoice.number } };
  }

  html(caller: CallerIdentity, subscriptionId: string, creditNoteId: string, locale: Locale): string {
    const { row, lines, context } = this.document(caller, subscriptionId, creditNoteId, locale);
    return renderInvoiceHtml(row, lines, context);
  }

  async pdf(caller: CallerIdentity, subscriptionId: string, creditNoteId: string, locale: Locale): Promise<{ number: string; pdf: Uint8Array }> {
    const { number, row, lines, context } = this.document(caller, subscriptionId, creditNoteId, locale);
    return { number, pdf: await renderInvoicePdf(invoiceDocument(row, lines, context)) };
  }
}
