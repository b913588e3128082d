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

export function unusedPaidMinor(invoices: readonly PaidSpan[], now: number): number {
  let credit = 0n;
  for (const invoice of invoices) {
    const length = BigInt(invoice.periodEnd - invoice.periodStart);
    if (length <= 0n || invoice.totalMinor <= 0 || invoice.periodEnd <= now) continue;
    const left = BigInt(Math.min(invoice.periodEnd - now, invoice.periodEnd - invoice.periodStart));
    credit += (BigInt(invoice.totalMinor) * left) / length;
  }
  return Number(credit);
}
