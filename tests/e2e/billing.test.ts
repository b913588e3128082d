/**
 * Billing end to end in Chromium (B1–B4): a cart of two plans paid with a card that asks for
 * additional authentication, the buyer lands on the seats, assigns their own seat and is
 * licensed; a quantity increase with the live preview is charged exactly as shown and appears as
 * an invoice to the owner, while a delegate without `billing` sees no billing at all (and the API
 * refuses them); the owner sets the billing details invoices name (a VAT number of the wrong
 * country explained once Save is tried). Screenshots of checkout and billing in English, French
 * and German.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, screenshot, signIn, startServerProcess, type ServerProcess } from './support.js';

let server: ServerProcess;
let browser: Browser;
let ownerContext: BrowserContext;
let portal: Page;
let subscriptionId: string;

async function apiToken(email: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/dev/idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function api(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess({ TAX_RATE_BP: '810' }), launchChromium()]);
  ownerContext = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  portal = await ownerContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('buying and billing in the portal', () => {
  it("buys a cart of two plans with a card that needs the bank's confirmation (not before anything is typed) and lands on the seats", async () => {
    await portal.goto(`${server.baseUrl}/portal.html`);
    await signIn(portal, 'olivia@contoso.com');
    await portal.getByTestId('buy-button').click();
    await portal.getByTestId('quantity-monthly').fill('12');
    await portal.getByTestId('quantity-monthly').press('Tab');
    // Graduated volume price: 9 × €5.00 + 3 × €4.00.
    await expectText(portal.getByTestId('line-amount-monthly'), /€57\.00 per month/);
    await portal.getByTestId('add-annual').click();
    await portal.getByTestId('quantity-annual').fill('2');
    await portal.getByTestId('quantity-annual').press('Tab');
    await expectText(portal.getByTestId('line-amount-annual'), /€100\.00 per year/);
    await screenshot(portal, 'checkout-en-cart');
    await portal.getByTestId('to-review').click();
    // 5700 + 462 tax + 10000 + 810 tax.
    await expectText(portal.getByTestId('checkout-total'), /€169\.72/);
    await screenshot(portal, 'checkout-en-review');
    await portal.getByTestId('confirm-order').click();
    // Nothing typed yet: the payment step asks for the card without scolding (it said "Enter a card number." here).
    await portal.getByTestId('card').waitFor();
    expect(await portal.getByText('Enter a card number.').count()).toBe(0);
    await portal.getByTestId('pay').click();
    await expectText(portal.getByText('Enter a card number.'), /Enter a card number\./);
    // 4000 0025 0000 3155: the bank confirms the first payment; the saved card then pays quantity changes off-session.
    await portal.getByTestId('card').fill('4000 0025 0000 3155');
    await portal.getByTestId('pay').click();
    await expectText(portal.getByTestId('authenticate'), /Your bank asks you to confirm the payment of €169\.72/);
    await screenshot(portal, 'checkout-en-authenticate');
    await portal.getByTestId('auth-approve').click();
    await portal.waitForURL(/#\/subscriptions\/[0-9a-f-]{36}$/);
    subscriptionId = /subscriptions\/([0-9a-f-]{36})/.exec(portal.url())![1]!;
    await expectText(portal.getByTestId('tab-seats'), /Seats/);
  });

  it("assigns the buyer's own seat, and the license check answers licensed", async () => {
    await portal.getByTestId('assign-emails').fill('olivia@contoso.com');
    await portal.getByTestId('assign').click();
    await expectText(portal.getByTestId('assignment-results'), /assigned/);
    const check = await api('POST', '/api/v1/license/check', await apiToken('olivia@contoso.com'), {
      nonce: 'e2e-billing-nonce-0001',
    });
    expect(await check.json()).toMatchObject({ valid: true, code: 'ACTIVE', subscriptionId });
  });

  it('increases the quantity with a live preview, charged exactly as shown, and the invoice is listed for the owner', async () => {
    await portal.getByTestId('change-quantity').click();
    await portal.getByTestId('new-quantity').fill('15');
    await portal.getByTestId('new-quantity').press('Tab');
    await expectText(portal.getByTestId('quantity-due'), /Charged now: €\d+\.\d\d/);
    const due = /€\d+\.\d\d/.exec(await portal.getByTestId('quantity-due').innerText())![0];
    await expectText(portal.getByTestId('quantity-recurring'), /Then €69\.00 per month before tax/);
    await screenshot(portal.getByRole('dialog'), 'quantity-en-preview');
    await portal.getByTestId('confirm-quantity').click();
    await expectText(portal.getByTestId('quantity-notice'), /Done: 15 seats/);
    await portal.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await expectText(portal.getByRole('heading', { level: 2 }), /15 seats/);

    await portal.getByTestId('tab-billing').click();
    await expectText(portal.getByTestId('invoices'), /OM-\d{4}-\d{6}[\s\S]*Seat change[\s\S]*Purchase/);
    const firstRow = await portal.getByTestId('invoices').locator('tbody tr').first().innerText();
    expect(firstRow).toMatch(/^OM-\d{4}-\d{6}\b[\s\S]*Seat change[\s\S]*Paid/);
    expect(firstRow).toContain(due);
    await expectText(portal.getByTestId('payment-method'), /VISA ending in 3155/);
    await screenshot(portal, 'billing-en');
    const invoices = (await (
      await api('GET', `/api/v1/subscriptions/${subscriptionId}/invoices`, await apiToken('olivia@contoso.com'))
    ).json()) as { invoices: Array<{ kind: string; totalMinor: number }> };
    expect(invoices.invoices.map((i) => i.kind)).toEqual(['quantity_change', 'purchase']);
  });

  it('sets the billing details invoices name: a VAT number of the wrong country is explained once Save is tried, and nothing is kept until it is right', async () => {
    const owner = await apiToken('olivia@contoso.com');
    const profile = async () =>
      (await api('GET', `/api/v1/subscriptions/${subscriptionId}/billing-profile`, owner)).json();
    const form = portal.getByTestId('billing-profile');
    await expectText(
      portal.getByTestId('profile-tax'),
      /No billing details yet: invoices name the organisation and the owner's address\./,
    );
    await portal.getByTestId('profile-company').fill('Contoso GmbH');
    await portal.getByTestId('profile-address').fill('Hauptstraße 1\n10115 Berlin');
    await portal.getByTestId('profile-country').selectOption('DE');
    await expectText(form, /For example DE123456789\. Leave it empty if you buy as a consumer\./);
    await portal.getByTestId('profile-vat-id').fill('FR 12 345678901');
    await portal.getByTestId('profile-email').fill('billing@contoso.com');
    // Typed but not saved yet: no field is marked wrong.
    expect(await form.getByText(/is not a VAT number/).count()).toBe(0);
    await portal.getByTestId('save-profile').click();
    await expectText(
      form.getByText(/is not a VAT number/),
      /This is not a VAT number of Germany\. Check the country and the number \(for example DE123456789\), or leave it empty if you buy as a consumer\./,
    );
    await screenshot(form, 'billing-profile-en-wrong-vat');
    expect(await profile()).toEqual({ profile: null, tax: null });

    await portal.getByTestId('profile-vat-id').fill('DE 123 456 789');
    await portal.getByTestId('save-profile').click();
    await expectText(portal.getByTestId('billing-profile-notice'), /Saved\. The next invoices use these details\./);
    await expectText(
      portal.getByTestId('profile-tax'),
      /No VAT on invoices: as a business with a VAT number you account for it yourself \(reverse charge\)\./,
    );
    expect(await portal.getByTestId('profile-vat-id').inputValue()).toBe('DE123456789');
    await screenshot(form, 'billing-profile-en');
    expect(await profile()).toEqual({
      profile: {
        companyName: 'Contoso GmbH',
        address: 'Hauptstraße 1\n10115 Berlin',
        country: 'DE',
        vatId: 'DE123456789',
        billingEmail: 'billing@contoso.com',
        language: 'en',
      },
      tax: { treatment: 'eu_reverse_charge', rateBp: 0 },
    });
  });

  it('shows checkout and billing in French and German with every text translated', async () => {
    for (const [language, billing, cart] of [
      [
        'fr',
        /Coordonnées de facturation[\s\S]*Pas de TVA sur les factures[\s\S]*Enregistrer les coordonnées[\s\S]*Factures[\s\S]*Modification des licences[\s\S]*Réglée/,
        /par mois/,
      ],
      [
        'de',
        /Rechnungsangaben[\s\S]*Keine MwSt\. auf den Rechnungen[\s\S]*Rechnungsangaben speichern[\s\S]*Rechnungen[\s\S]*Lizenzänderung[\s\S]*Bezahlt/,
        /pro Monat/,
      ],
    ] as const) {
      await portal.getByTestId('language').selectOption(language);
      await expectText(portal.getByTestId('billing-tab'), billing);
      await screenshot(portal, `billing-${language}`);
      await portal.goto(`${server.baseUrl}/portal.html#/buy`);
      await portal.getByTestId('add-annual').click();
      await expectText(portal.getByTestId('line-amount-monthly'), cart);
      await screenshot(portal, `checkout-${language}-cart`);
      await portal.getByTestId('to-review').click();
      await screenshot(portal, `checkout-${language}-review`);
      await portal.goto(`${server.baseUrl}/portal.html#/subscriptions/${subscriptionId}`);
      await portal.getByTestId('tab-billing').click();
    }
    await portal.getByTestId('language').selectOption('en');
  });

  it('hides billing from a delegate without the billing permission, and the API refuses them', async () => {
    const owner = await apiToken('olivia@contoso.com');
    const invited = await api('POST', `/api/v1/subscriptions/${subscriptionId}/delegates`, owner, {
      email: 'it@contoso.com',
      permissions: ['assign', 'view', 'quantity'],
    });
    expect(invited.status).toBe(201);
    const outbox = (await (await fetch(`${server.baseUrl}/dev/outbox/messages`)).json()) as Array<{
      kind: string;
      text: string;
    }>;
    const token = /#\/accept\?token=([A-Za-z0-9_-]+)/.exec(outbox.find((m) => m.kind === 'invitation')!.text)![1];
    const delegate = await apiToken('it@contoso.com');
    expect((await api('POST', '/api/v1/invitations/accept', delegate, { token })).status).toBe(200);
    expect((await api('GET', `/api/v1/subscriptions/${subscriptionId}/invoices`, delegate)).status).toBe(403);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/portal.html#/subscriptions/${subscriptionId}`);
    await signIn(page, 'it@contoso.com');
    await expectText(page.getByTestId('tab-journal'), /journal/i);
    await expectText(page.getByTestId('change-quantity'), /Change seats/);
    expect(await page.getByTestId('tab-billing').count()).toBe(0);
    expect(await page.getByText(/OM-\d{4}-\d{6}/).count()).toBe(0);
    await context.close();
  });

  it('merges the annual subscription into the monthly one: its users keep a seat, it ends, its unused time is credited (A9)', async () => {
    const owner = await apiToken('olivia@contoso.com');
    const { subscriptions } = (await (await api('GET', '/api/v1/subscriptions', owner)).json()) as {
      subscriptions: Array<{ id: string; plan: string; status: string }>;
    };
    const annual = subscriptions.find((s) => s.plan === 'annual')!;
    expect(
      (
        await api('POST', `/api/v1/subscriptions/${annual.id}/assignments`, owner, {
          emails: ['ulla@contoso.com'],
          language: 'en',
        })
      ).status,
    ).toBe(200);

    await portal.goto(`${server.baseUrl}/portal.html#/subscriptions/${subscriptionId}`);
    await portal.getByTestId('consolidate').click();
    await portal.getByTestId(`consolidate-source-${annual.id}`).click();
    await expectText(portal.getByTestId('consolidate-summary'), /1 assigned seat moves here/);
    await screenshot(portal.getByRole('dialog'), 'consolidate-en');
    await portal.getByTestId('consolidate-confirm').click();
    await expectText(portal.getByTestId('consolidate-notice'), /Merged 1 subscription: 1 seat moved, now 15 seats/);
    await expectText(portal.getByTestId('consolidate-none'), /no other active subscription/);

    const after = (await (await api('GET', '/api/v1/subscriptions', owner)).json()) as {
      subscriptions: Array<{ id: string; status: string; assigned: number }>;
    };
    expect(after.subscriptions.find((s) => s.id === annual.id)?.status).toBe('cancelled');
    expect(after.subscriptions.find((s) => s.id === subscriptionId)?.assigned).toBe(2);
    const check = await api('POST', '/api/v1/license/check', await apiToken('ulla@contoso.com'), {
      nonce: 'e2e-billing-nonce-0002',
    });
    expect(await check.json()).toMatchObject({ valid: true, code: 'ACTIVE', subscriptionId });
    // Almost a whole year of two annual seats is unused: it becomes credit for the next invoices.
    const billing = (await (await api('GET', `/api/v1/subscriptions/${subscriptionId}/billing`, owner)).json()) as {
      creditMinor: number;
    };
    expect(billing.creditMinor).toBeGreaterThan(9_000);
  });
});
