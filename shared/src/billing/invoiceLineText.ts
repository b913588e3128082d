/**
 * What an invoice line says, kept as data: the stored description is this JSON, and the invoice
 * page writes it in its reader's language (a French reader's invoice read "Outmerge monthly,
 * seats 1–9" and "Unused time on 5 × …" before). A description stored before this was plain
 * English text: it is shown as stored.
 */
import { formatDuration, type Locale, type MessageKey, type Translator } from '../i18n/translate.js';

/** The seats of one price tier a prorated line is for (when a change's seats span tiers, one line each). */
export interface TierSeats {
  from: number;
  to: number;
}

/** The part of the period a prorated line charges or credits, in whole seconds (proration.ts). */
export interface ProratedSpan {
  remaining: number;
  length: number;
}

export type InvoiceLineText =
  /** Seats of one price tier, for one period. */
  | { line: 'seats'; plan: string; from: number; to: number }
  /** The unused part of the period at the old quantity (a quantity change, a consolidation); `merged`: the subscription merged away. */
  | { line: 'unused'; plan: string; quantity: number; merged?: string; seats?: TierSeats; prorated?: ProratedSpan }
  /** The rest of the period at the new quantity; `seats` and `prorated` since unit prices on prorated lines (older lines have neither). */
  | { line: 'remaining'; plan: string; quantity: number; seats?: TierSeats; prorated?: ProratedSpan }
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

const DAY = 86_400;

/**
 * A prorated line's tier and part of the period, after what it is: "…, seats 10–12, for 23 of 31
 * days", so unit price × quantity × 23/31 is the line's amount (to the minor unit by the rule of
 * proration.ts's `prorateTiers`). A part that is not whole days is written to the second.
 */
function withProration(
  text: string,
  line: { quantity: number; seats?: TierSeats; prorated?: ProratedSpan },
  t: Translator,
  locale: Locale,
): string {
  let written = text;
  if (line.seats && (line.seats.from !== 1 || line.seats.to !== line.quantity))
    written = t('invoice.line.tierSeats', { line: written, from: line.seats.from, to: line.seats.to });
  const span = line.prorated;
  if (!span) return written;
  if (span.remaining % DAY === 0 && span.length % DAY === 0)
    return t('invoice.line.proratedDays', {
      line: written,
      remaining: span.remaining / DAY,
      length: span.length / DAY,
    });
  // Periods are whole days (months and years in UTC); anything else is written as a span of its own.
  if (span.length % DAY === 0)
    return t('invoice.line.prorated', {
      line: written,
      remaining: formatDuration(span.remaining, locale),
      length: span.length / DAY,
    });
  return t('invoice.line.proratedSpan', {
    line: written,
    remaining: formatDuration(span.remaining, locale),
    length: formatDuration(span.length, locale),
  });
}

/** The line in the reader's language (`t`, `locale`), or the stored text of an older line. */
export function invoiceLineText(description: string, t: Translator, locale: Locale): string {
  const line = parsed(description);
  if (!line) return description;
  const plan = (id: string) => t(`plan.${id}` as MessageKey);
  switch (line.line) {
    case 'seats':
      return t('invoice.line.seats', { plan: plan(line.plan), from: line.from, to: line.to });
    case 'unused':
      return withProration(
        line.merged
          ? t('invoice.line.unusedMerged', {
              plan: plan(line.plan),
              quantity: line.quantity,
              subscription: line.merged,
            })
          : t('invoice.line.unused', { plan: plan(line.plan), quantity: line.quantity }),
        line,
        t,
        locale,
      );
    case 'remaining':
      return withProration(
        t('invoice.line.remaining', { plan: plan(line.plan), quantity: line.quantity }),
        line,
        t,
        locale,
      );
    case 'prepaid':
      return t('invoice.line.prepaid', {
        keys: line.seats.map((seats) => t('invoice.line.prepaidSeats', { seats })).join(', '),
      });
    case 'productKey':
      return t(line.interval === 'year' ? 'invoice.line.productKey.year' : 'invoice.line.productKey.month', {
        plan: plan(line.plan),
        seats: line.seats,
        periods: line.periods,
      });
    case 'credit':
      return t(line.merged ? 'invoice.line.mergedCredit' : 'quantity.creditApplied');
    case 'refund':
      return t('creditNote.line.refund', { number: line.invoice });
    case 'mergeCredit':
      return t('creditNote.line.mergeCredit', { number: line.invoice, subscription: line.into });
  }
}
