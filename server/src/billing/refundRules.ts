/**
 * How much of an invoice may be given back (issue 15), pure. Read as an attacker: a refund must
 * never leave seats ACTIVE that were not paid for (value for money, SPEC §7). So money goes back
 * only where no seat-day stands on it:
 * - never more than the invoice's payment minus what credit notes already gave back (Stripe
 *   refuses the same: "Refund amount is greater than unrefunded amount on charge");
 * - while the service goes on, only the subscription's credit balance (money paid and not yet
 *   used: a merged subscription's unused time, waiting for the next invoice);
 * - with `endService`, also the unused paid time of a live subscription (consolidationCredit.ts's
 *   rule, to the second, rounded down), and the subscription ends at once.
 */
import { unusedPaidMinor, type PaidSpan } from './consolidationCredit.js';

export interface RefundPosition {
  paidMinor: number;
  alreadyCreditedMinor: number;
  creditBalanceMinor: number;
  live: boolean;
  spans: readonly PaidSpan[];
}

export function refundableMinor(position: RefundPosition, endService: boolean, now: number): number {
  const unrefunded = Math.max(0, position.paidMinor - position.alreadyCreditedMinor);
  const unused = endService && position.live ? unusedPaidMinor(position.spans, now) : 0;
  return Math.min(unrefunded, position.creditBalanceMinor + unused);
}

/** A gross amount given back split into its net and tax at the invoice's rate (the tax is what is left, so they add up exactly). */
export function splitGross(grossMinor: number, rateBp: number): { subtotalMinor: number; taxMinor: number } {
  const subtotal = Number(
    (BigInt(grossMinor) * 10_000n * 2n + BigInt(10_000 + rateBp)) / (BigInt(10_000 + rateBp) * 2n),
  );
  return { subtotalMinor: subtotal, taxMinor: grossMinor - subtotal };
}

export function creditNoteNumber(year: number, sequence: number): string {
  return `CN-${year}-${String(sequence).padStart(6, '0')}`;
}
