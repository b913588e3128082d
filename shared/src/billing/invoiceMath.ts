/**
 * Invoice arithmetic (B4). Pure; integer minor units.
 *
 * An invoice is a list of lines (debits and credits). A credit balance (from consolidation)
 * offsets the positive subtotal and never makes it negative; what is left stays for the next
 * invoice. Tax is charged on the subtotal after credits at the invoice's rate in basis points,
 * rounded by the one rule in ./tax.ts. Numbers are gap-free per calendar year: OM-2026-000001.
 */
import { describeInvoiceLine } from './invoiceLineText.js';
import { safeMoney } from './pricing.js';
import { taxFor } from './tax.js';

export interface DraftLine {
  description: string;
  quantity: number | null;
  unitAmountMinor: number | null;
  amountMinor: number;
}

export interface InvoiceTotals {
  lines: DraftLine[];
  subtotalMinor: number;
  taxRateBp: number;
  taxMinor: number;
  totalMinor: number;
  creditAppliedMinor: number;
  creditLeftMinor: number;
}

/** A subtotal with its tax on top: what the buyer pays for it. */
export function withTaxMinor(subtotalMinor: number, taxRateBp: number): number {
  return safeMoney(subtotalMinor + taxFor(subtotalMinor, taxRateBp));
}

export function invoiceTotals(
  lines: readonly DraftLine[],
  creditBalanceMinor: number,
  taxRateBp: number,
  creditDescription = describeInvoiceLine({ line: 'credit' }),
): InvoiceTotals {
  for (const line of lines) safeMoney(line.amountMinor);
  const charges = safeMoney(lines.reduce((sum, line) => sum + line.amountMinor, 0));
  if (charges < 0) throw new RangeError('An invoice cannot total less than zero before credits');
  const creditAppliedMinor = Math.min(Math.max(0, creditBalanceMinor), charges);
  const all =
    creditAppliedMinor > 0
      ? [
          ...lines,
          { description: creditDescription, quantity: null, unitAmountMinor: null, amountMinor: -creditAppliedMinor },
        ]
      : [...lines];
  const subtotalMinor = charges - creditAppliedMinor;
  return {
    lines: all,
    subtotalMinor,
    taxRateBp,
    taxMinor: taxFor(subtotalMinor, taxRateBp),
    totalMinor: withTaxMinor(subtotalMinor, taxRateBp),
    creditAppliedMinor,
    creditLeftMinor: Math.max(0, creditBalanceMinor) - creditAppliedMinor,
  };
}

export function invoiceNumber(year: number, sequence: number): string {
  return `OM-${year}-${String(sequence).padStart(6, '0')}`;
}
