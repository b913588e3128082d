/**
 * Invoices, PDFs, credit notes and notices as a customer meets them (issue 15), in Chromium
 * against the real server process: a French business buys seats in the French portal (the payment
 * step does not scold before anything is typed), sets its billing details (the "Saved" notice,
 * kept as a message key, reads in French once the portal is switched to French), buys more seats,
 * and finds the invoice in its billing tab: the printable page and the downloaded PDF both name
 * seller and buyer with their VAT numbers, quantity × unit price (the purchase's seat lines, and
 * the prorated lines of a change with the part of the period they cover, which checks to the
 * cent), the period, the tax per rate and the totals, in French. The quantity dialog, the billing tab and a partner's offer say "before
 * tax" of the same price; a declined test card is not saved. A German business's invoice carries
 * the reverse-charge mention in German. An operator (OPERATOR_ACCOUNTS) refunds part of the French
 * invoice through the API, as operators have no portal screen; the customer's billing tab then
 * lists the credit note with its number, amount and the invoice it corrects, its page and PDF; the
 * portal is still in French after a reload, and the cancelled subscription offers no new card or
 * billing details.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedGuid, homeTenantOf } from '../../server/src/dev/identityProvider.js';
import type { CreditNoteView, InvoiceView } from '#shared/api/views.js';
import { englishIn } from '../helpers/englishLeaks.js';
import { pdfText } from '../helpers/pdfText.js';
import {
  SCREENSHOTS,
  devToken,
  expectText,
  launchChromium,
  screenshot,
  signIn,
  startServerProcess,
  type ServerProcess,
} from './support.js';

const OPERATOR = 'ops@outmerge.example';
const OPERATOR_ID = `${homeTenantOf('outmerge.example')}/${derivedGuid(`user:${homeTenantOf('outmerge.example')}:${OPERATOR}`)}`;
const BUYER = 'camille@lumiere.example';
const SELLER = {
  SELLER_NAME: 'Outmerge SAS',
  SELLER_ADDRESS: '5 rue de la Paix\n75002 Paris',
  SELLER_COUNTRY: 'FR',
  SELLER_VAT_ID: 'FR40303265045',
};
/** English an invoice shows when a word was not translated. */
const INVOICE_WORDS = ['seats', 'seat', 'monthly', 'invoice', 'tax', 'paid', 'period', 'remaining', 'unused', 'price'];

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let portal: Page;
let subscriptionId: string;
let invoice: InvoiceView;

async function api(
  method: string,
  route: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.baseUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The page a "View and print" button opens in a new tab, once it shows the document. */
async function openedDocument(page: Page, button: string): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId(button).click()]);
  await tab.waitForURL(/^blob:/);
  await tab.locator('h1').waitFor();
  return tab;
}

/** The file a button downloads, through the browser's download event: its name and text. */
async function downloaded(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const bytes = fs.readFileSync((await download.path())!);
  return { name: download.suggestedFilename(), bytes, text: await pdfText(bytes) };
}

/** A downloaded document kept beside the screenshots, to be looked at like them. */
function keep(bytes: Buffer, name: string): void {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOTS, name), bytes);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ ...SELLER, TAX_RATE_BP: '2000', OPERATOR_ACCOUNTS: OPERATOR_ID }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  portal = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('invoices, PDFs, credit notes and notices in the portal', () => {
  it('a French business buys five seats in the French portal; the payment step asks for the card without scolding first', async () => {
    await portal.goto(`${server.baseUrl}/portal.html`);
    await signIn(portal, BUYER);
    await portal.getByTestId('language').selectOption('fr');
    await portal.getByTestId('buy-button').click();
    await portal.getByTestId('quantity-monthly').fill('5');
    await portal.getByTestId('quantity-monthly').press('Tab');
    await expectText(portal.getByTestId('line-amount-monthly'), /25,00\s€ par mois/);
    await portal.getByTestId('to-review').click();
    // 2500 + 20 % tax.
    await expectText(portal.getByTestId('checkout-total'), /30,00\s€/);
    await portal.getByTestId('confirm-order').click();
    await portal.getByTestId('card').waitFor();
    expect(await portal.getByText('Saisis un numéro de carte.').count()).toBe(0);
    await portal.getByTestId('card').fill('4242 4242 4242 4242');
    await portal.getByTestId('pay').click();
    await portal.waitForURL(/#\/subscriptions\/[0-9a-f-]{36}$/);
    subscriptionId = /subscriptions\/([0-9a-f-]{36})/.exec(portal.url())![1]!;
    await expectText(portal.getByTestId('tab-seats'), /Licences/);
  });

  it('saves its billing details in English; the "Saved" notice then reads in French when the portal switches, without English left', async () => {
    await portal.getByTestId('language').selectOption('en');
    await portal.getByTestId('tab-billing').click();
    await portal.getByTestId('profile-company').fill('Lumière & Fils SARL');
    await portal.getByTestId('profile-address').fill('12 quai des Chartrons\n33000 Bordeaux');
    await portal.getByTestId('profile-country').selectOption('FR');
    await portal.getByTestId('profile-vat-id').fill('FR 32 123456789');
    await portal.getByTestId('profile-email').fill('compta@lumiere.example');
    await portal.getByTestId('profile-language').selectOption('fr');
    await portal.getByTestId('save-profile').click();
    await expectText(portal.getByTestId('billing-profile-notice'), /^Saved\. The next invoices use these details\.$/);
    await expectText(portal.getByTestId('profile-tax'), /Invoices carry VAT at 20%\./);

    await portal.getByTestId('language').selectOption('fr');
    await expectText(
      portal.getByTestId('billing-profile-notice'),
      /^Enregistré\. Les prochaines factures utiliseront ces coordonnées\.$/,
    );
    expect(englishIn(await portal.getByTestId('billing-profile-notice').innerText())).toEqual([]);
    expect(englishIn(await portal.getByTestId('billing-tab').innerText())).toEqual([]);
    await screenshot(portal.getByTestId('billing-profile'), 'invoices-fr-notice');
  });

  it('says "before tax" of the same price in the quantity dialog, the billing tab and a partner\'s offer', async () => {
    await portal.getByTestId('change-quantity').click();
    await portal.getByTestId('new-quantity').fill('8');
    await portal.getByTestId('new-quantity').press('Tab');
    await expectText(portal.getByTestId('quantity-recurring'), /^Ensuite 40,00\s€ par mois hors taxes$/);
    await screenshot(portal.getByRole('dialog'), 'invoices-fr-quantity');
    await portal.getByTestId('confirm-quantity').click();
    await expectText(portal.getByTestId('quantity-notice'), /8 licences/);
    await portal.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
    await portal.getByTestId('tab-billing').click();
    await expectText(portal.getByTestId('billing-tab'), /Prochain renouvellement le .+\s:\s40,00\s€ hors taxes\./);

    // Northwind, a partner, offers the same eight monthly seats: its offer page says the same.
    const partnerToken = await devToken(server.baseUrl, 'nora@northwind.example');
    const partner = (await (
      await api('POST', '/api/v1/partners', partnerToken, { name: 'Northwind Partners', language: 'en' })
    ).json()) as { id: string };
    const created = await api('POST', `/api/v1/partners/${partner.id}/offers`, partnerToken, {
      kind: 'purchase',
      plan: 'monthly',
      quantity: 8,
    });
    expect(created.status).toBe(201);
    const { link } = (await created.json()) as { link: string };
    const offerPage = await context.newPage();
    await offerPage.goto(link);
    await offerPage.getByTestId('language').selectOption('fr');
    await expectText(offerPage.getByTestId('offer-details'), /40,00\s€ par mois hors taxes/);
    await offerPage.close();
  });

  it('lists the invoice in the billing tab; its printable page names seller and buyer with VAT numbers, quantity × unit price, period, tax per rate and totals in French', async () => {
    const owner = await devToken(server.baseUrl, BUYER);
    const { invoices } = (await (
      await api('GET', `/api/v1/subscriptions/${subscriptionId}/invoices`, owner)
    ).json()) as { invoices: InvoiceView[] };
    invoice = invoices.find((i) => i.kind === 'quantity_change')!;
    expect(invoice.number).toMatch(/^OM-\d{4}-\d{6}$/);
    await expectText(
      portal.getByTestId('invoices'),
      new RegExp(`${invoice.number}[\\s\\S]*Modification des licences[\\s\\S]*Réglée`),
    );
    await screenshot(portal, 'invoices-fr-billing');

    const page = await openedDocument(portal, `invoice-${invoice.number}`);
    const text = await page.locator('body').innerText();
    expect(text).toContain(`Facture ${invoice.number}`);
    expect(text).toMatch(
      /Vendeur\s+Outmerge SAS\s+5 rue de la Paix\s+75002 Paris\s+France\s+N° de TVA\s:\sFR40303265045/,
    );
    expect(text).toMatch(
      /Facturé à\s+Lumière & Fils SARL\s+12 quai des Chartrons\s+33000 Bordeaux\s+France\s+N° de TVA\s:\sFR32123456789\s+compta@lumiere\.example/,
    );
    expect(text).toMatch(/Période\s:\sdu .+ au .+/);
    expect(text).toMatch(/Description\s+Qté\s+Prix unitaire\s+Montant/);
    expect(text).toMatch(
      /Temps non utilisé sur 5 licences, Outmerge Mensuel, pour .+ sur \d+ jours\s+5\s+5,00\s€\s+-25,00\s€\s+Temps restant sur 8 licences, Outmerge Mensuel, pour .+ sur \d+ jours\s+8\s+5,00\s€\s+40,00\s€/,
    );
    // A prorated line checks as unit price × quantity × the part of the period it names, to the cent.
    const [, days, hours, minutes, seconds, length] =
      /Temps restant sur 8 licences, Outmerge Mensuel, pour (?:(\d+)\sjours?)?\s?(?:(\d+)\sh)?\s?(?:(\d+)\smin)?\s?(?:(\d+)\ss)? sur (\d+) jours/.exec(
        text,
      )!;
    const remaining =
      Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
    expect(Math.round((500 * 8 * remaining) / (Number(length) * 86_400))).toBe(4000);
    expect(text).toMatch(/Sous-total\s+15,00\s€\s+TVA \(20\s%\)\s+3,00\s€\s+Total\s+18,00\s€/);
    expect(englishIn(text, INVOICE_WORDS)).toEqual([]);
    await page.setViewportSize({ width: 900, height: 1000 });
    await screenshot(page, 'invoices-fr-invoice-page');
    await page.close();

    // The purchase, issued before the billing details: its seats at their unit price.
    const purchase = invoices.find((i) => i.kind === 'purchase')!;
    const purchasePage = await openedDocument(portal, `invoice-${purchase.number}`);
    expect(await purchasePage.locator('body').innerText()).toMatch(
      /Outmerge Mensuel, licences 1 à 5\s+5\s+5,00\s€\s+25,00\s€[\s\S]*TVA \(20\s%\)\s+5,00\s€[\s\S]*Total\s+30,00\s€/,
    );
    await purchasePage.close();
  });

  it('downloads the invoice as a real PDF saying the same things in French', async () => {
    const pdf = await downloaded(portal, () => portal.getByTestId(`invoice-pdf-${invoice.number}`).click());
    expect(pdf.name).toBe(`${invoice.number}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    keep(pdf.bytes, 'invoices-fr-invoice.pdf');
    expect(pdf.text).toContain(`Facture ${invoice.number}`);
    expect(pdf.text).toContain('Outmerge SAS');
    expect(pdf.text).toContain('N° de TVA : FR40303265045');
    expect(pdf.text).toContain('Lumière & Fils SARL');
    expect(pdf.text).toContain('N° de TVA : FR32123456789');
    expect(pdf.text).toMatch(/Période : du .+ au .+/);
    expect(pdf.text.replace(/\s+/g, ' ')).toMatch(
      /8 5,00 € 40,00 € Temps restant sur 8 licences, Outmerge Mensuel, pour .+ sur \d+ jours/,
    );
    expect(pdf.text).toMatch(/TVA \(20 %\)/);
    expect(englishIn(pdf.text, INVOICE_WORDS)).toEqual([]);
  });

  it('refuses to save a declined test card as the payment method, says why in French, and keeps the card it had', async () => {
    await expectText(portal.getByTestId('payment-method'), /VISA se terminant par 4242/);
    await portal.getByTestId('replace-card').click();
    await portal.getByTestId('new-card').fill('4000 0000 0000 0002');
    await portal.getByTestId('save-card').click();
    await expectText(
      portal.getByTestId('billing-error'),
      /La carte a été refusée\. Utilise une autre carte ou contacte ta banque\./,
    );
    expect(await portal.getByTestId('billing-notice').count()).toBe(0);
    await expectText(portal.getByTestId('payment-method'), /VISA se terminant par 4242/);
    const billing = (await (
      await api('GET', `/api/v1/subscriptions/${subscriptionId}/billing`, await devToken(server.baseUrl, BUYER))
    ).json()) as { paymentMethod: { last4: string } };
    expect(billing.paymentMethod.last4).toBe('4242');
  });

  it('a German business with a VAT number: its invoice carries the reverse-charge mention in German, on the page and in the PDF', async () => {
    const email = 'jonas@brauhaus.example';
    const owner = await devToken(server.baseUrl, email);
    const bought = await api(
      'POST',
      '/api/v1/checkout',
      owner,
      { plan: 'monthly', quantity: 2, card: '4242 4242 4242 4242' },
      { 'idempotency-key': 'e2e15-brauhaus-checkout' },
    );
    expect(bought.status).toBe(201);
    const { subscriptionId: id } = (await bought.json()) as { subscriptionId: string };
    const profile = {
      companyName: 'Brauhaus Müller GmbH',
      address: 'Hauptstraße 1\n10115 Berlin',
      country: 'DE',
      vatId: 'DE123456789',
      billingEmail: 'buchhaltung@brauhaus.example',
      language: 'de',
    };
    expect((await api('PUT', `/api/v1/subscriptions/${id}/billing-profile`, owner, profile)).status).toBe(200);
    const preview = (await (
      await api('GET', `/api/v1/subscriptions/${id}/quantity/preview?quantity=4`, owner)
    ).json()) as { prorationDate: number; amountDueMinor: number };
    const changed = await api(
      'POST',
      `/api/v1/subscriptions/${id}/quantity`,
      owner,
      { quantity: 4, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor },
      { 'idempotency-key': 'e2e15-brauhaus-quantity' },
    );
    expect(changed.status).toBe(200);
    const { invoices } = (await (await api('GET', `/api/v1/subscriptions/${id}/invoices`, owner)).json()) as {
      invoices: InvoiceView[];
    };
    const latest = invoices.find((i) => i.kind === 'quantity_change')!;

    const german = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const page = await german.newPage();
    await page.goto(`${server.baseUrl}/portal.html#/subscriptions/${id}`);
    await signIn(page, email);
    await page.getByTestId('language').selectOption('de');
    await page.getByTestId('tab-billing').click();
    await expectText(
      page.getByTestId('invoices'),
      new RegExp(`${latest.number}[\\s\\S]*Lizenzänderung[\\s\\S]*Bezahlt`),
    );
    const document = await openedDocument(page, `invoice-${latest.number}`);
    const text = await document.locator('body').innerText();
    expect(text).toContain(`Rechnung ${latest.number}`);
    expect(text).toMatch(/Brauhaus Müller GmbH\s+Hauptstraße 1\s+10115 Berlin\s+Deutschland\s+USt-IdNr\.: DE123456789/);
    expect(text).toContain('Steuerschuldnerschaft des Leistungsempfängers');
    expect(text).toMatch(/MwSt\. \(0\s%\)\s+0,00\s€/);
    expect(englishIn(text, INVOICE_WORDS)).toEqual([]);
    await document.setViewportSize({ width: 900, height: 1000 });
    await screenshot(document, 'invoices-de-reverse-charge');
    await document.close();
    const pdf = await downloaded(page, () => page.getByTestId(`invoice-pdf-${latest.number}`).click());
    expect(pdf.text).toContain(`Rechnung ${latest.number}`);
    expect(pdf.text).toContain('USt-IdNr.: DE123456789');
    expect(pdf.text).toContain('Steuerschuldnerschaft des Leistungsempfängers');
    expect(englishIn(pdf.text, INVOICE_WORDS)).toEqual([]);
    keep(pdf.bytes, 'invoices-de-reverse-charge.pdf');
    await german.close();
  });

  it('an operator refunds part of the French invoice; the billing tab lists the credit note with its number, amount and invoice, its page and its PDF', async () => {
    const owner = await devToken(server.baseUrl, BUYER);
    const refund = (token: string, key: string) =>
      api(
        'POST',
        `/api/v1/operator/invoices/${invoice.id}/refunds`,
        token,
        { amountMinor: 500, endService: true },
        { 'idempotency-key': key },
      );
    // The customer is no operator: for them the invoice does not exist here.
    const refused = await refund(owner, 'e2e15-refund-by-customer');
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'INVOICE_NOT_FOUND' } });
    const done = await refund(await devToken(server.baseUrl, OPERATOR), 'e2e15-refund');
    expect(done.status).toBe(201);
    const note = (await done.json()) as CreditNoteView;
    expect(note).toMatchObject({ invoiceNumber: invoice.number, kind: 'refund', totalMinor: 500 });
    expect(note.number).toMatch(/^CN-\d{4}-000001$/);

    // The portal remembers the language picked (usePageLocale): French after a reload, without choosing it again.
    await portal.reload();
    // The refund ended the service: the page no longer announces a renewal.
    await expectText(portal.getByTestId('subscription-facts'), /^Annulé · Propriétaire\s:\scamille@lumiere\.example/);
    await portal.getByTestId('tab-billing').click();
    // Ended: no card to replace and billing details to read only, and the tab says why.
    await expectText(
      portal.getByTestId('billing-ended'),
      /^Cet abonnement est annulé\s:\ssa carte et ses coordonnées de facturation ne changent plus\./,
    );
    expect(await portal.getByTestId('replace-card').count()).toBe(0);
    expect(await portal.getByTestId('save-profile').count()).toBe(0);
    await expectText(
      portal.getByTestId('credit-notes'),
      new RegExp(`${note.number}[\\s\\S]*Corrige ${invoice.number} · Remboursé sur la carte[\\s\\S]*5,00\\s€`),
    );
    expect(englishIn(await portal.getByTestId('billing-tab').innerText())).toEqual([]);
    await screenshot(portal.getByTestId('billing-tab'), 'invoices-fr-credit-note-list');
    const corrected = await openedDocument(portal, `credit-note-invoice-${note.number}`);
    expect(await corrected.locator('h1').innerText()).toBe(`Facture ${invoice.number}`);
    await corrected.close();

    const page = await openedDocument(portal, `credit-note-${note.number}`);
    const text = await page.locator('body').innerText();
    expect(text).toContain(`Avoir ${note.number}`);
    expect(text).toMatch(/Outmerge · Émis le /);
    expect(text).toContain(`Corrige la facture ${invoice.number}`);
    expect(text).toMatch(/Facturé à\s+Lumière & Fils SARL/);
    expect(text).toMatch(
      new RegExp(`Remboursement de la facture ${invoice.number}[\\s\\S]*Total de l’avoir\\s+5,00\\s€`),
    );
    expect(englishIn(text, INVOICE_WORDS)).toEqual([]);
    await page.setViewportSize({ width: 900, height: 1000 });
    await screenshot(page, 'invoices-fr-credit-note');
    await page.close();

    const pdf = await downloaded(portal, () => portal.getByTestId(`credit-note-pdf-${note.number}`).click());
    expect(pdf.name).toBe(`${note.number}.pdf`);
    keep(pdf.bytes, 'invoices-fr-credit-note.pdf');
    expect(pdf.text).toContain(`Avoir ${note.number}`);
    expect(pdf.text).toContain(`Corrige la facture ${invoice.number}`);
    expect(pdf.text).toContain('5,00 €');
    expect(englishIn(pdf.text, INVOICE_WORDS)).toEqual([]);
  });
});
