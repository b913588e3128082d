/**
 * Writing money to storage: invoices (numbered in the same transaction, so the sequence has no
 * gaps), their payments, and the views the API answers with. Callers run these inside
 * the transaction of the change (`uow.transaction`).
 */
import { randomUUID } from 'node:crypto';
import { describeInvoiceLine } from '#shared/billing/invoiceLineText.js';
import type { InvoiceView } from '#shared/api/views.js';
import type { PlanConfig } from '../config.js';
import type {
  InvoiceKind,
  InvoicePartiesRow,
  InvoiceRow,
  Repositories,
  SubscriptionRow,
} from '../storage/unitOfWork.js';
import { invoiceNumber, type DraftLine, type InvoiceTotals } from '#shared/billing/invoiceMath.js';
import { tierLines, type VolumePricing } from '#shared/billing/pricing.js';

/** One invoice line per price tier: "Outmerge Monthly, seats 1–9" in the reader's language (invoiceLineText.ts). */
export function recurringLines(plan: PlanConfig, volume: VolumePricing, quantity: number): DraftLine[] {
  let first = 1;
  return tierLines(plan, volume, quantity).map((line) => {
    const description = describeInvoiceLine({
      line: 'seats',
      plan: plan.id,
      from: first,
      to: first + line.quantity - 1,
    });
    first += line.quantity;
    return {
      description,
      quantity: line.quantity,
      unitAmountMinor: line.unitPriceMinor,
      amountMinor: line.amountMinor,
    };
  });
}

export async function issueInvoice(
  tx: Repositories,
  input: {
    subscription: Pick<SubscriptionRow, 'id' | 'organisationId' | 'ownerEmail'>;
    kind: InvoiceKind;
    currency: string;
    totals: InvoiceTotals;
    periodStart: number;
    periodEnd: number;
    at: number;
    paid: boolean;
    parties?: InvoicePartiesRow | null;
  },
): Promise<InvoiceRow> {
  const year = new Date(input.at).getUTCFullYear();
  const row: InvoiceRow = {
    id: randomUUID(),
    number: invoiceNumber(year, await tx.invoices.nextInvoiceSequence(year)),
    subscriptionId: input.subscription.id,
    organisationId: input.subscription.organisationId,
    kind: input.kind,
    status: input.paid ? 'paid' : 'open',
    currency: input.currency,
    subtotalMinor: input.totals.subtotalMinor,
    taxRateBp: input.totals.taxRateBp,
    taxMinor: input.totals.taxMinor,
    totalMinor: input.totals.totalMinor,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    billTo: input.subscription.ownerEmail,
    issuedAt: input.at,
    paidAt: input.paid ? input.at : null,
  };
  await tx.invoices.insertInvoice(row, input.totals.lines);
  // Who sold to whom, as they were now: the invoice never changes when the profile does.
  if (input.parties) await tx.billingProfiles.insertInvoiceParties(row.id, input.parties);
  if (input.totals.creditAppliedMinor > 0)
    await tx.invoices.consumeCredit(input.subscription.id, input.totals.creditAppliedMinor);
  return row;
}

export async function recordPayment(
  tx: Repositories,
  input: {
    subscriptionId: string | null;
    provider: string;
    reference: string;
    amountMinor: number;
    currency: string;
    status: 'succeeded' | 'declined';
    description: string;
    invoiceId: string | null;
    at: number;
  },
): Promise<void> {
  await tx.invoices.insertPayment({
    id: randomUUID(),
    subscriptionId: input.subscriptionId,
    provider: input.provider,
    providerReference: input.reference,
    amountMinor: input.amountMinor,
    currency: input.currency,
    status: input.status,
    description: input.description,
    createdAt: input.at,
    invoiceId: input.invoiceId,
  });
}

export function invoiceView(row: InvoiceRow): InvoiceView {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    currency: row.currency,
    subtotalMinor: row.subtotalMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    periodStart: new Date(row.periodStart).toISOString(),
    periodEnd: new Date(row.periodEnd).toISOString(),
    issuedAt: new Date(row.issuedAt).toISOString(),
    paidAt: row.paidAt === null ? null : new Date(row.paidAt).toISOString(),
  };
}

export function declineMessage(reason: string): string {
  switch (reason) {
    case 'insufficient_funds':
      return 'The card was declined for insufficient funds. Use another card.';
    case 'expired_card':
      return 'The card has expired. Use another card.';
    case 'authentication_failed':
      return 'The payment was not confirmed with your bank. Try again or use another card.';
    case 'authentication_required':
      return 'Your bank asks you to confirm this card, which cannot be done here. Use another card, or pay an open invoice with this one to confirm it.';
    default:
      return 'The card was declined. Use another card or contact your bank.';
  }
}

export function declinedResponse(reason: string): { statusCode: number; body: unknown } {
  return {
    statusCode: 402,
    body: { error: { code: 'PAYMENT_DECLINED', message: declineMessage(reason), details: { reason } } },
  };
}
