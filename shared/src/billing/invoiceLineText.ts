/**
 * What an invoice line says, kept as data: the stored description is this JSON, and the invoice
 * page writes it in its reader's language (a French reader's invoice read "Outmerge monthly,
 * seats 1–9" and "Unused time on 5 × …" before). A description stored before this was plain
 * English text: it is shown as stored.
 */
import type { MessageKey, Translator } from '../i18n/translate.js';

export type InvoiceLineText =
  /** Seats of one price tier, for one period. */
  | { line: 'seats'; plan: string; from: number; to: number }
  /** The unused part of the period at the old quantity (a quantity change, a consolidation); `merged`: the subscription merged away. */
  | { line: 'unused'; plan: string; quantity: number; merged?: string }
  /** The rest of the period at the new quantity. */
  | { line: 'remaining'; plan: string; quantity: number }
  /** Renewal seats a product key paid for, one entry per key. */
  | { line: 'prepaid'; seats: number[] }
  /** Product keys bought by a partner. */
  | { line: 'productKey'; plan: string; seats: number; periods: number; interval: 'month' | 'year' }
  /** A credit balance used on this invoice; `merged`: from consolidated subscriptions. */
  | { line: 'credit'; merged?: boolean }
  /** A credit note's line: money given back on an invoice. */
  | { line: 'refund'; invoice: string }
  /** A credit note's line: an invoice's unused paid time, credited to the subscription it was merged into (`into`: its short id). */
  | { line: 'mergeCredit'; invoice: string; into: string };

export function describeInvoiceLine(text: InvoiceLineText): string {
  return JSON.stringify(text);
}

function parsed(description: string): InvoiceLineText | null {
  if (!description.startsWith('{"line":')) return null;
  try {
    return JSON.parse(description) as InvoiceLineText;
  } catch {
    return null;
  }
}

/** The line in the reader's language (`t`), or the stored text of an older line. */
export function invoiceLineText(description: string, t: Translator): string {
  const line = parsed(description);
  if (!line) return description;
  const plan = (id: string) => t(`plan.${id}` as MessageKey);
  switch (line.line) {
    case 'seats':
      return t('invoice.line.seats', { plan: plan(line.plan), from: line.from, to: line.to });
    case 'unused':
      return line.merged ? t('invoice.line.unusedMerged', { plan: plan(line.plan), quantity: line.quantity, subscription: line.merged }) : t('invoice.line.unused', { plan: plan(line.plan), quantity: line.quantity });
    case 'remaining':
      return t('invoice.line.remaining', { plan: plan(line.plan), quantity: line.quantity });
    case 'prepaid':
      return t('invoice.line.prepaid', { keys: line.seats.map((seats) => t('invoice.line.prepaidSeats', { seats })).join(', ') });
    case 'productKey':
      return t(line.interval === 'year' ? 'invoice.line.productKey.year' : 'invoice.line.productKey.month', { plan: plan(line.plan), seats: line.seats, periods: line.periods });
    case 'credit':
      return t(line.merged ? 'invoice.line.mergedCredit' : 'quantity.creditApplied');
    case 'refund':
      return t('creditNote.line.refund', { number: line.invoice });
    case 'mergeCredit':
      return t('creditNote.line.mergeCredit', { number: line.invoice, subscription: line.into });
  }
}
