import { describe, expect, it } from 'vitest';
import { renderInvoiceHtml } from './invoiceHtml.js';

const invoice = {
  id: 'i1',
  number: 'OM-2026-000007',
  subscriptionId: 's1',
  organisationId: 'o1',
  kind: 'purchase' as const,
  status: 'paid' as const,
  currency: 'CHF',
  subtotalMinor: 123456,
  taxRateBp: 810,
  taxMinor: 10000,
  totalMinor: 133456,
  periodStart: Date.UTC(2026, 0, 1),
  periodEnd: Date.UTC(2026, 1, 1),
  billTo: '"><script>alert(1)</script>@contoso.com',
  issuedAt: Date.UTC(2026, 0, 1),
  paidAt: Date.UTC(2026, 0, 1),
};

describe('printable invoice', () => {
  it('escapes every value and formats money in the reader\'s language', () => {
    const html = renderInvoiceHtml(invoice, [{ description: '<img src=x onerror=alert(1)> & co', quantity: 3, unitAmountMinor: 500, amountMinor: 1500 }], { organisation: "O'Brien & <Sons>", locale: 'fr' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; co');
    expect(html).toContain('O&#x27;Brien &amp; &lt;Sons&gt;');
    expect(html).toContain('Facture OM-2026-000007');
    expect(html).toMatch(/1\s234,56\sCHF/);
    expect(html).toContain('@media print');
  });
});
