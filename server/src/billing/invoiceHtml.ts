/**
 * An invoice or credit note as a printable HTML page (B4, B7): every value escaped, a print
 * stylesheet, the language it was issued in (else the reader's) for the labels, the lines
 * (invoiceLineText.ts) and the amounts (Intl). `invoiceDocument` is what the page says, as plain
 * text; the PDF (invoicePdf.ts) lays out the same document, so both say the same things.
 */
// Invoices are printed in the reader's language: every catalog is registered.
import '#shared/i18n/allCatalogs.js';
import { invoiceLineText } from '#shared/billing/invoiceLineText.js';
import { escapeHtml } from '#shared/html/escapeHtml.js';
import {
  formatDate,
  formatMoney,
  formatRate,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '#shared/i18n/translate.js';
import type { InvoiceLineRow, InvoiceParty, InvoicePartiesRow } from '../storage/unitOfWork.js';

/** The mention a tax treatment requires on the document (the reverse charge's, Article 226(11a) of the VAT Directive). */
export const TAX_NOTES: Readonly<Record<string, MessageKey>> = {
  eu_reverse_charge: 'invoice.taxNote.eu_reverse_charge',
  ch_reverse_charge: 'invoice.taxNote.ch_reverse_charge',
  outside_scope: 'invoice.taxNote.outside_scope',
};

/** What an invoice and a credit note share: the amounts, the period, who it was for, when. */
export interface DocumentRow {
  number: string;
  status: 'open' | 'paid' | 'issued';
  currency: string;
  subtotalMinor: number;
  taxRateBp: number;
  taxMinor: number;
  totalMinor: number;
  periodStart: number;
  periodEnd: number;
  billTo: string;
  issuedAt: number;
  paidAt: number | null;
}

export interface DocumentContext {
  organisation: string;
  locale: Locale;
  /** Seller and buyer as issued; documents from before billing profiles have none. */
  parties?: InvoicePartiesRow | undefined;
  /** A credit note: the number of the invoice it corrects. */
  corrects?: string;
}

export interface InvoiceDocument {
  locale: Locale;
  issuedAt: number;
  title: string;
  meta: string;
  status: string | null;
  corrects: string | null;
  seller: { label: string; lines: string[] } | null;
  buyer: { label: string; lines: string[] };
  period: string;
  headings: { description: string; quantity: string; unitPrice: string; amount: string };
  lines: Array<{ description: string; quantity: string; unitPrice: string; amount: string }>;
  totals: Array<{ label: string; amount: string; strong?: boolean }>;
  taxNote: string | null;
  paid: string | null;
}

/**
 * What the document says, in the language it was issued in (the billing profile's, kept with its
 * parties) or else the reader's; its stored line descriptions are data written in that language.
 */
export function invoiceDocument(
  row: DocumentRow,
  lines: readonly InvoiceLineRow[],
  context: DocumentContext,
): InvoiceDocument {
  const locale = context.parties?.language ?? context.locale;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const money = (minor: number) => formatMoney(minor, row.currency, locale);
  // The country as the address line a reader expects ("Allemagne", "Deutschland"), not its ISO code.
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const country = (code: string) => (code === '' ? '' : (countries.of(code) ?? code));
  const party = (p: InvoiceParty) =>
    [
      p.name,
      ...p.address.split('\n'),
      country(p.country),
      p.vatId ? t('invoice.vatId', { vatId: p.vatId }) : '',
      p.email ?? '',
    ].filter((part) => part !== '');
  const note = context.parties ? TAX_NOTES[context.parties.taxTreatment] : undefined;
  const credit = context.corrects !== undefined;
  return {
    locale,
    issuedAt: row.issuedAt,
    title: t(credit ? 'creditNote.title' : 'invoice.title', { number: row.number }),
    meta: `Outmerge · ${t(credit ? 'creditNote.issued' : 'invoice.issued', { date: formatDate(row.issuedAt, locale) })}`,
    status: row.status === 'issued' ? null : t(row.status === 'paid' ? 'invoice.status.paid' : 'invoice.status.open'),
    corrects: credit ? t('creditNote.corrects', { number: context.corrects ?? '' }) : null,
    seller: context.parties ? { label: t('invoice.seller'), lines: party(context.parties.seller) } : null,
    buyer: {
      label: t('invoice.billTo'),
      lines:
        context.parties && context.parties.buyer.country
          ? party(context.parties.buyer)
          : [context.organisation, row.billTo].filter((part) => part !== ''),
    },
    period: t('invoice.period', { from: formatDate(row.periodStart, locale), to: formatDate(row.periodEnd, locale) }),
    headings: {
      description: t('invoice.description'),
      quantity: t('invoice.quantity'),
      unitPrice: t('invoice.unitPrice'),
      amount: t('invoice.amount'),
    },
    lines: lines.map((line) => ({
      description: invoiceLineText(line.description, (key, params) => translate(locale, key, params), locale),
      quantity: line.quantity === null ? '' : String(line.quantity),
      unitPrice: line.unitAmountMinor === null ? '' : money(line.unitAmountMinor),
      amount: money(line.amountMinor),
    })),
    totals: [
      { label: t('invoice.subtotal'), amount: money(row.subtotalMinor) },
      { label: t('invoice.tax', { rate: formatRate(row.taxRateBp, locale) }), amount: money(row.taxMinor) },
      { label: t(credit ? 'creditNote.total' : 'invoice.total'), amount: money(row.totalMinor), strong: true },
    ],
    taxNote: note ? t(note) : null,
    paid:
      row.paidAt === null
        ? null
        : t(credit ? 'creditNote.refundedOn' : 'invoice.paidOn', { date: formatDate(row.paidAt, locale) }),
  };
}

export function renderInvoiceHtml(
  row: DocumentRow,
  lines: readonly InvoiceLineRow[],
  context: DocumentContext,
): string {
  const d = invoiceDocument(row, lines, context);
  const e = escapeHtml;
  const block = (lines: string[]) => lines.map(e).join('<br>');
  const rows = d.lines
    .map(
      (line) =>
        `<tr><td>${e(line.description)}</td><td class="n">${e(line.quantity)}</td><td class="n">${e(line.unitPrice)}</td><td class="n">${e(line.amount)}</td></tr>`,
    )
    .join('\n');
  const totals = d.totals
    .map(
      (total) =>
        `<tr${total.strong ? ' class="total"' : ''}><td colspan="3" class="n">${e(total.label)}</td><td class="n">${e(total.amount)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${e(d.locale)}">
<head>
<meta charset="utf-8">
<title>${e(d.title)}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; color: #242424; margin: 40px auto; max-width: 760px; padding: 0 24px; }
  h1 { font-size: 24px; margin: 0 0 4px; }
  .meta { color: #616161; margin-bottom: 24px; }
  .status { display: inline-block; padding: 2px 8px; border-radius: 4px; background: #f0f0f0; font-weight: 600; }
  table { width: 100%; border-collapse: collapse; margin: 16px 0; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
  .n { text-align: right; white-space: nowrap; }
  tfoot td { border: none; }
  tfoot tr.total td { font-weight: 700; border-top: 2px solid #242424; }
  .print { margin-top: 24px; }
  @media print {
    body { margin: 0; max-width: none; }
    .print { display: none; }
    a { color: inherit; text-decoration: none; }
    @page { margin: 20mm; }
  }
</style>
</head>
<body>
<h1>${e(d.title)}</h1>
<div class="meta">${e(d.meta)}${d.status ? ` · <span class="status">${e(d.status)}</span>` : ''}</div>
${d.corrects ? `<p class="corrects"><strong>${e(d.corrects)}</strong></p>` : ''}
${d.seller ? `<p><strong>${e(d.seller.label)}</strong><br>${block(d.seller.lines)}</p>` : ''}
<p><strong>${e(d.buyer.label)}</strong><br>${block(d.buyer.lines)}</p>
<p>${e(d.period)}</p>
<table>
<thead><tr><th>${e(d.headings.description)}</th><th class="n">${e(d.headings.quantity)}</th><th class="n">${e(d.headings.unitPrice)}</th><th class="n">${e(d.headings.amount)}</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
${totals}
</tfoot>
</table>
${d.taxNote ? `<p class="tax-note">${e(d.taxNote)}</p>` : ''}
${d.paid ? `<p>${e(d.paid)}</p>` : ''}
<p class="print">${e(translate(d.locale, 'invoice.print'))}</p>
</body>
</html>
`;
}
