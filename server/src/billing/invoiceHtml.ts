/**
 * An invoice as a printable HTML page (B4): every value escaped, a print stylesheet, the
 * reader's language for the labels, the lines (invoiceLineText.ts) and the amounts (Intl).
 */
// Invoices are printed in the reader's language: every catalog is registered.
import '#shared/i18n/allCatalogs.js';
import { invoiceLineText } from '#shared/billing/invoiceLineText.js';
import { escapeHtml } from '#shared/html/escapeHtml.js';
import { formatDate, formatMoney, formatRate, translate, type Locale, type MessageKey } from '#shared/i18n/translate.js';
import type { InvoiceLineRow, InvoiceParty, InvoicePartiesRow, InvoiceRow } from '../storage/unitOfWork.js';

const TAX_NOTES: Record<string, MessageKey> = { eu_reverse_charge: 'invoice.taxNote.eu_reverse_charge', ch_reverse_charge: 'invoice.taxNote.ch_reverse_charge', outside_scope: 'invoice.taxNote.outside_scope' };

/**
 * `parties`: seller and buyer as issued (invoices from before billing profiles have none and
 * name the organisation and the owner's address). An issued invoice is read in the language it
 * was issued in; its stored line descriptions are in that language too.
 */
export function renderInvoiceHtml(invoice: InvoiceRow, lines: readonly InvoiceLineRow[], context: { organisation: string; locale: Locale; parties?: InvoicePartiesRow | undefined }): string {
  const locale = context.parties?.language ?? context.locale;
  const party = (p: InvoiceParty) =>
    [escapeHtml(p.name), ...p.address.split('\n').map(escapeHtml), p.country ? escapeHtml(p.country) : '', p.vatId ? t('invoice.vatId', { vatId: p.vatId }) : '', p.email ? escapeHtml(p.email) : ''].filter((part) => part !== '').join('<br>');
  const note = context.parties ? TAX_NOTES[context.parties.taxTreatment] : undefined;
  const t = (key: MessageKey, params?: Record<string, string | number>) => escapeHtml(translate(locale, key, params));
  const money = (minor: number) => escapeHtml(formatMoney(minor, invoice.currency, locale));
  const rows = lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(invoiceLineText(line.description, (key, params) => translate(locale, key, params)))}</td><td class="n">${line.quantity ?? ''}</td><td class="n">${line.unitAmountMinor === null ? '' : money(line.unitAmountMinor)}</td><td class="n">${money(line.amountMinor)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<title>${t('invoice.title', { number: invoice.number })}</title>
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
<h1>${t('invoice.title', { number: invoice.number })}</h1>
<div class="meta">Outmerge · ${t('invoice.issued', { date: formatDate(invoice.issuedAt, locale) })} · <span class="status">${t(invoice.status === 'paid' ? 'invoice.status.paid' : 'invoice.status.open')}</span></div>
${context.parties ? `<p><strong>${t('invoice.seller')}</strong><br>${party(context.parties.seller)}</p>` : ''}
<p><strong>${t('invoice.billTo')}</strong><br>${context.parties && context.parties.buyer.country ? party(context.parties.buyer) : `${escapeHtml(context.organisation)}<br>${escapeHtml(invoice.billTo)}`}</p>
<p>${t('invoice.period', { from: formatDate(invoice.periodStart, locale), to: formatDate(invoice.periodEnd, locale) })}</p>
<table>
<thead><tr><th>${t('invoice.description')}</th><th class="n">${t('invoice.quantity')}</th><th class="n">${t('invoice.unitPrice')}</th><th class="n">${t('invoice.amount')}</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
<tr><td colspan="3" class="n">${t('invoice.subtotal')}</td><td class="n">${money(invoice.subtotalMinor)}</td></tr>
<tr><td colspan="3" class="n">${t('invoice.tax', { rate: formatRate(invoice.taxRateBp, locale) })}</td><td class="n">${money(invoice.taxMinor)}</td></tr>
<tr class="total"><td colspan="3" class="n">${t('invoice.total')}</td><td class="n">${money(invoice.totalMinor)}</td></tr>
</tfoot>
</table>
${note ? `<p class="tax-note">${t(note)}</p>` : ''}
${invoice.paidAt === null ? '' : `<p>${t('invoice.paidOn', { date: formatDate(invoice.paidAt, locale) })}</p>`}
<p class="print">${t('invoice.print')}</p>
</body>
</html>
`;
}
