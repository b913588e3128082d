/**
 * Invoices fit for European businesses: a subscription's billing profile (VAT number format
 * checked per country) decides the tax of its invoices — domestic VAT, EU reverse charge with its
 * mention, Switzerland, consumers at their country's rate — and each invoice names seller and
 * buyer with their VAT numbers, in the customer's language, with numbers that have no gaps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingProfileAnswer, InvoiceView, QuantityPreviewView } from '#shared/api/views.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let owner: string;
let n = 0;
const key = () => `profile-${++n}-${Math.random().toString(36).slice(2)}`;
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

const profile = (id: string, body: unknown, token = owner) =>
  server.call('PUT', `${base(id)}/billing-profile`, { token, body });
const grow = async (id: string, quantity: number) => {
  const preview = (
    await server.call('GET', `${base(id)}/quantity/preview?quantity=${quantity}`, { token: owner })
  ).json<QuantityPreviewView>();
  const changed = await server.call('POST', `${base(id)}/quantity`, {
    token: owner,
    body: { quantity, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor },
    headers: { 'idempotency-key': key() },
  });
  expect(changed.statusCode).toBe(200);
  return preview;
};
const invoices = async (id: string) =>
  (await server.call('GET', `${base(id)}/invoices`, { token: owner })).json<{ invoices: InvoiceView[] }>().invoices;
const html = async (id: string, invoiceId: string) =>
  (await server.call('GET', `${base(id)}/invoices/${invoiceId}/html`, { token: owner })).body;

describe('billing profile', () => {
  it('refuses a VAT number of the wrong shape for its country, and stores nothing', async () => {
    const id = await buySubscription(server, owner, 2);
    const refused = await profile(id, {
      companyName: 'Contoso GmbH',
      address: 'Hauptstraße 1\n10115 Berlin',
      country: 'DE',
      vatId: 'FR40303265045',
      billingEmail: 'billing@contoso.com',
      language: 'de',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'VAT_ID_INVALID', details: { country: 'DE' } } });
    expect((await server.call('GET', `${base(id)}/billing-profile`, { token: owner })).json()).toEqual({
      profile: null,
      tax: null,
    });
    const badEmail = await profile(id, {
      companyName: 'Contoso GmbH',
      address: 'Berlin',
      country: 'DE',
      vatId: null,
      billingEmail: 'not an address',
      language: 'de',
    });
    expect(badEmail.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('a German business with a VAT number: reverse charge, no VAT, the mention and both VAT numbers on a German invoice', async () => {
    const id = await buySubscription(server, owner, 2);
    const saved = await profile(id, {
      companyName: 'Contoso GmbH',
      address: 'Hauptstraße 1\n10115 Berlin',
      country: 'de',
      vatId: 'DE 123 456 789',
      billingEmail: 'Billing@Contoso.com',
      language: 'de',
    });
    expect(saved.json<BillingProfileAnswer>()).toEqual({
      profile: {
        companyName: 'Contoso GmbH',
        address: 'Hauptstraße 1\n10115 Berlin',
        country: 'DE',
        vatId: 'DE123456789',
        billingEmail: 'billing@contoso.com',
        language: 'de',
      },
      tax: { treatment: 'eu_reverse_charge', rateBp: 0 },
    });
    const preview = await grow(id, 4);
    expect(preview.taxMinor).toBe(0);
    const [latest] = await invoices(id);
    expect(latest).toMatchObject({ kind: 'quantity_change', taxMinor: 0 });
    const page = await html(id, latest!.id);
    expect(page).toContain('Outmerge SAS');
    expect(page).toContain('USt-IdNr.: FR40303265045');
    expect(page).toContain('USt-IdNr.: DE123456789');
    expect(page).toContain('Contoso GmbH');
    expect(page).toContain('Steuerschuldnerschaft des Leistungsempfängers');
    expect(page).toContain('Verbleibende Zeit für 4 Lizenzen, Outmerge Monatlich');
  });

  it("consumers pay their own country's VAT; a French business pays French VAT; Switzerland by VAT number", async () => {
    const cases: Array<[string, string | null, number, string]> = [
      ['FR', 'FR40303265045', 2000, 'domestic'],
      ['DE', null, 1900, 'eu_consumer'],
      ['CH', null, 810, 'ch_consumer'],
      ['CH', 'CHE-123.456.789 MWST', 0, 'ch_reverse_charge'],
      ['US', null, 0, 'outside_scope'],
    ];
    for (const [country, vatId, rateBp, treatment] of cases) {
      const id = await buySubscription(server, owner, 2);
      const saved = (
        await profile(id, {
          companyName: 'Fabrikam',
          address: 'Somewhere 1',
          country,
          vatId,
          billingEmail: 'billing@fabrikam.com',
          language: 'fr',
        })
      ).json<BillingProfileAnswer>();
      expect(saved.tax).toEqual({ treatment, rateBp });
      const preview = await grow(id, 3);
      expect(preview.taxRateBp).toBe(rateBp);
      expect(preview.taxMinor).toBe(Math.floor((preview.subtotalMinor * rateBp + 5000) / 10000));
      const [latest] = await invoices(id);
      const page = await html(id, latest!.id);
      expect(page).toContain('Temps restant sur 3 licences, Outmerge Mensuel');
    }
  });

  it('only those with the billing permission may change it', async () => {
    const id = await buySubscription(server, owner, 2);
    const stranger = await server.token('mallory@fabrikam.com');
    const refused = await profile(
      id,
      {
        companyName: 'Mallory',
        address: 'x',
        country: 'FR',
        vatId: null,
        billingEmail: 'm@fabrikam.com',
        language: 'en',
      },
      stranger,
    );
    expect(refused.statusCode).toBe(404);
    expect((await server.call('GET', `${base(id)}/billing-profile`, { token: stranger })).statusCode).toBe(404);
  });
});

describe('invoice numbers', () => {
  it('have no gaps: a declined payment takes no number, and every invoice of the year follows the one before', async () => {
    const id = await buySubscription(server, owner, 2);
    await server.call('PUT', `${base(id)}/payment-method`, { token: owner, body: { card: '4000 0000 0000 0341' } });
    const preview = (
      await server.call('GET', `${base(id)}/quantity/preview?quantity=5`, { token: owner })
    ).json<QuantityPreviewView>();
    const declined = await server.call('POST', `${base(id)}/quantity`, {
      token: owner,
      body: { quantity: 5, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor },
      headers: { 'idempotency-key': key() },
    });
    expect(declined.statusCode).toBe(402);
    await server.call('PUT', `${base(id)}/payment-method`, { token: owner, body: { card: '4242 4242 4242 4242' } });
    await grow(id, 6);
    const all = await server.services.uow.read.invoices.allInvoiceNumbers();
    const sequence = all.map((number) => Number(number.slice(-6)));
    expect(sequence).toEqual(sequence.map((_, i) => sequence[0]! + i));
  });
});
