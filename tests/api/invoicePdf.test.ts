/**
 * Invoices as PDF downloads (issue 15): the same content as the printable page — seller and buyer
 * with their VAT numbers, unit price and quantity per line, period, tax per rate, totals, the
 * reverse-charge mention — in the language of the invoice, for those who may see billing only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceView, QuantityPreviewView } from '#shared/api/views.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';
import { invitationToken } from '../helpers/outbox.js';
import { pdfText } from '../helpers/pdfText.js';

let server: TestServer;
let owner: string;
let n = 0;
const key = () => `pdf-${++n}-${Math.random().toString(36).slice(2)}`;
const base = (id: string) => `/api/v1/subscriptions/${id}`;

beforeAll(async () => {
  server = await startTestServer({
    RENEWAL_INTERVAL_SECONDS: '0',
    SELLER_NAME: 'Outmerge SAS',
    SELLER_ADDRESS: '5 rue de la Paix\n75002 Paris',
    SELLER_COUNTRY: 'FR',
    SELLER_VAT_ID: 'FR40303265045',
  });
  owner = await server.token('olivia@contoso.com');
});
afterAll(() => server.close());

const invoices = async (id: string) =>
  (await server.call('GET', `${base(id)}/invoices`, { token: owner })).json<{ invoices: InvoiceView[] }>().invoices;
const pdf = (id: string, invoiceId: string, token = owner, lang = '') =>
  server.call('GET', `${base(id)}/invoices/${invoiceId}/pdf${lang ? `?lang=${lang}` : ''}`, { token });

describe('invoice PDF', () => {
  it('a German business: both VAT numbers, the reverse-charge mention, quantity and unit price, in German', async () => {
    const id = await buySubscription(server, owner, 2);
    await server.call('PUT', `${base(id)}/billing-profile`, {
      token: owner,
      body: {
        companyName: 'Contoso GmbH',
        address: 'Hauptstraße 1\n10115 Berlin',
        country: 'DE',
        vatId: 'DE123456789',
        billingEmail: 'billing@contoso.com',
        language: 'de',
      },
    });
    const preview = (
      await server.call('GET', `${base(id)}/quantity/preview?quantity=4`, { token: owner })
    ).json<QuantityPreviewView>();
    expect(
      (
        await server.call('POST', `${base(id)}/quantity`, {
          token: owner,
          body: { quantity: 4, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor },
          headers: { 'idempotency-key': key() },
        })
      ).statusCode,
    ).toBe(200);
    const [latest] = await invoices(id);
    const response = await pdf(id, latest!.id, owner, 'en');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${latest!.number}.pdf"`);
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(response.rawPayload);
    // Issued in German (the billing profile's language), whatever the reader's.
    expect(text).toContain(`Rechnung ${latest!.number}`);
    expect(text).toContain('Outmerge SAS');
    expect(text).toContain('USt-IdNr.: FR40303265045');
    expect(text).toContain('Contoso GmbH');
    expect(text).toContain('USt-IdNr.: DE123456789');
    expect(text).toContain('Steuerschuldnerschaft des Leistungsempfängers');
    // A description wraps within its column.
    expect(text.replace(/\s+/g, ' ')).toContain('Verbleibende Zeit für 4 Lizenzen, Outmerge Monatlich');
    expect(text).toMatch(/Zeitraum: /);
    expect(text).toContain('Gesamt');
  });

  it('names and addresses in Polish, Czech, Greek and Cyrillic letters as written, not as "?"', async () => {
    const id = await buySubscription(server, owner, 2);
    expect(
      (
        await server.call('PUT', `${base(id)}/billing-profile`, {
          token: owner,
          body: {
            companyName: 'Przedsiębiorstwo Żółć Dvořák Sp. z o.o.',
            address: 'ul. Piotrkowska 1, 90-001 Łódź\nΑθήνα — Москва',
            country: 'PL',
            vatId: 'PL5260250995',
            billingEmail: 'faktury@contoso.com',
            language: 'en',
          },
        })
      ).statusCode,
    ).toBe(200);
    await server.call('POST', `${base(id)}/quantity`, {
      token: owner,
      body: await (async () => {
        const preview = (
          await server.call('GET', `${base(id)}/quantity/preview?quantity=3`, { token: owner })
        ).json<QuantityPreviewView>();
        return { quantity: 3, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor };
      })(),
      headers: { 'idempotency-key': key() },
    });
    const [latest] = await invoices(id);
    const text = await pdfText((await pdf(id, latest!.id)).rawPayload);
    expect(text).toContain('Przedsiębiorstwo Żółć Dvořák Sp. z o.o.');
    expect(text).toContain('ul. Piotrkowska 1, 90-001 Łódź');
    expect(text).toContain('Αθήνα — Москва');
    expect(text).not.toContain('?');
  });

  it("an invoice without a billing profile: seat lines with quantity and unit price, tax per rate, in the reader's language", async () => {
    const id = await buySubscription(server, owner, 3);
    const [purchase] = await invoices(id);
    const text = await pdfText((await pdf(id, purchase!.id, owner, 'fr')).rawPayload);
    expect(text).toContain(`Facture ${purchase!.number}`);
    expect(text).toContain('Outmerge Mensuel, licences 1 à 3');
    expect(text).toMatch(/^3$/m);
    expect(text).toMatch(/TVA \(/);
    expect(text).toMatch(/€/);
  });

  it('only those who may see billing download it; another organisation cannot even find it', async () => {
    const id = await buySubscription(server, owner, 2);
    const [purchase] = await invoices(id);
    const stranger = await server.token('mallory@fabrikam.example');
    expect((await pdf(id, purchase!.id, stranger)).json()).toMatchObject({ error: { code: 'SUBSCRIPTION_NOT_FOUND' } });
    await server.call('POST', `${base(id)}/delegates`, {
      token: owner,
      body: { email: 'sam@contoso.com', permissions: ['view', 'assign'] },
    });
    const delegate = await server.token('sam@contoso.com');
    expect(
      (
        await server.call('POST', '/api/v1/invitations/accept', {
          token: delegate,
          body: { token: await invitationToken(server, 'sam@contoso.com') },
        })
      ).statusCode,
    ).toBe(200);
    const refused = await pdf(id, purchase!.id, delegate);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/json');
    expect((await pdf(id, '00000000-0000-4000-8000-000000000000')).json()).toMatchObject({
      error: { code: 'INVOICE_NOT_FOUND' },
    });
  });
});
