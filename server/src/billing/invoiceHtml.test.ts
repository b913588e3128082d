import { describe, expect, it } from 'vitest';
import { invoiceDocument, renderInvoiceHtml } from './invoiceHtml.js';

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
  it("escapes every value and formats money in the reader's language", () => {
    const html = renderInvoiceHtml(
      invoice,
      [{ description: '<img src=x onerror=alert(1)> & co', quantity: 3, unitAmountMinor: 500, amountMinor: 1500 }],
      { organisation: "O'Brien & <Sons>", locale: 'fr' },
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; co');
    expect(html).toContain('O&#x27;Brien &amp; &lt;Sons&gt;');
    expect(html).toContain('Facture OM-2026-000007');
    expect(html).toMatch(/1\s234,56\sCHF/);
    expect(html).toContain('@media print');
  });

  it('names seller and buyer countries in the language of the invoice, not by their codes', () => {
    const parties = {
      seller: { name: 'Outmerge SAS', address: '5 rue de la Paix\n75002 Paris', country: 'FR', vatId: 'FR40303265045' },
      buyer: {
        name: 'Brauhaus Müller GmbH',
        address: 'Hauptstraße 1\n10115 Berlin',
        country: 'DE',
        vatId: 'DE123456789',
        email: 'buchhaltung@brauhaus.example',
      },
      taxTreatment: 'eu_reverse_charge',
      language: 'de' as const,
    };
    const document = invoiceDocument(invoice, [], { organisation: 'Brauhaus', locale: 'en', parties });
    expect(document.seller?.lines).toEqual([
      'Outmerge SAS',
      '5 rue de la Paix',
      '75002 Paris',
      'Frankreich',
      'USt-IdNr.: FR40303265045',
    ]);
    expect(document.buyer.lines).toEqual([
      'Brauhaus Müller GmbH',
      'Hauptstraße 1',
      '10115 Berlin',
      'Deutschland',
      'USt-IdNr.: DE123456789',
      'buchhaltung@brauhaus.example',
    ]);
  });

  it('says when a credit note was issued in its own grammar (French "avoir" is masculine: "Émis le")', () => {
    const note = { ...invoice, number: 'CN-2026-000001', status: 'issued' as const };
    expect(
      invoiceDocument(note, [], { organisation: 'Lumière', locale: 'fr', corrects: 'OM-2026-000002' }).meta,
    ).toMatch(/^Outmerge · Émis le /);
    expect(invoiceDocument(invoice, [], { organisation: 'Lumière', locale: 'fr' }).meta).toMatch(
      /^Outmerge · Émise le /,
    );
  });

  it("shows a prorated line's unit price and part of the period; one stored before them still renders, its unit price blank", () => {
    const day = 86_400;
    const lines = [
      {
        description:
          '{"line":"remaining","plan":"monthly","quantity":8,"seats":{"from":1,"to":8},"prorated":{"remaining":' +
          23 * day +
          ',"length":' +
          31 * day +
          '}}',
        quantity: 8,
        unitAmountMinor: 500,
        amountMinor: 2968,
      },
      {
        description: '{"line":"remaining","plan":"monthly","quantity":8}',
        quantity: 8,
        unitAmountMinor: null,
        amountMinor: 2968,
      },
    ];
    const document = invoiceDocument({ ...invoice, currency: 'EUR' }, lines, { organisation: 'Lumière', locale: 'de' });
    expect(
      document.lines.map((line) => ({
        ...line,
        unitPrice: line.unitPrice.replace(/\u00a0/g, ' '),
        amount: line.amount.replace(/\u00a0/g, ' '),
      })),
    ).toEqual([
      {
        description: 'Verbleibende Zeit für 8 Lizenzen, Outmerge Monatlich, für 23 von 31 Tagen',
        quantity: '8',
        unitPrice: '5,00 €',
        amount: '29,68 €',
      },
      {
        description: 'Verbleibende Zeit für 8 Lizenzen, Outmerge Monatlich',
        quantity: '8',
        unitPrice: '',
        amount: '29,68 €',
      },
    ]);
  });
});
