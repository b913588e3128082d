/**
 * The credit a merged subscription leaves (issue 10, finding 3), pure: only money that was paid
 * for time not yet used. Each paid invoice of the source covered [periodStart, periodEnd) with the
 * money it took (`totalMinor`, after any credit it consumed, so credit is never given twice for the
 * same money); what is left of that span at `now` is credited in proportion, rounded down so the
 * credit never exceeds what was paid. Trials and the time a partner's product key paid for took
 * no money from this subscription: they leave none.
 */
export interface PaidSpan {
  totalMinor: number;
  periodStart: number;
  periodEnd: number;
}

/** A paid invoice's span with its id: the invoice a merge's credit note corrects. */
export interface PaidInvoiceSpan extends PaidSpan {
  invoiceId: string;
}

/** The unused paid part of one invoice at `now` (0 for time used up, a free invoice or an empty span). */
function unusedOf(invoice: PaidSpan, now: number): number {
  const length = BigInt(invoice.periodEnd - invoice.periodStart);
  if (length <= 0n || invoice.totalMinor <= 0 || invoice.periodEnd <= now) return 0;
  const left = BigInt(Math.min(invoice.periodEnd - now, invoice.periodEnd - invoice.periodStart));
  return Number((BigInt(invoice.totalMinor) * left) / length);
}

export function unusedPaidMinor(invoices: readonly PaidSpan[], now: number): number {
  return invoices.reduce((sum, invoice) => sum + unusedOf(invoice, now), 0);
}

/**
 * The same credit per invoice (the ones that leave any): a merge credits each and documents it
 * with a credit note against that invoice, so the sum is `unusedPaidMinor` exactly.
 */
export function unusedPaidByInvoice(
  invoices: readonly PaidInvoiceSpan[],
  now: number,
): Array<{ invoiceId: string; amountMinor: number }> {
  return invoices
    .map((invoice) => ({ invoiceId: invoice.invoiceId, amountMinor: unusedOf(invoice, now) }))
    .filter((credit) => credit.amountMinor > 0);
}
