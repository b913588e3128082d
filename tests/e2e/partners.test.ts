/**
 * Partners end to end in Chromium (P1–P5): someone at Northwind makes their organisation a
 * partner and creates a purchase offer asking for delegated administration; a Fabrikam person, in
 * another browser, follows the link, reads the offer before signing in, signs in and buys; as the
 * subscription's owner they approve the partner's request from the emailed link; the partner
 * opens the customer from its customer list and assigns a seat; the customer ends the partner's
 * access from Delegates, and the partner's next assignment is refused with a message that says
 * why. The partner buys a product key, sees it once, and a customer redeems it. Screenshots of the
 * customer list, offers, offer page and approval page in English, French and German.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, screenshot, signIn, startServerProcess, type ServerProcess } from './support.js';

let server: ServerProcess;
let browser: Browser;
let partnerContext: BrowserContext;
let customerContext: BrowserContext;
let partner: Page;
let customer: Page;
let partnerId: string;
let offerHash: string;
let subscriptionId: string;

const LANGUAGES = ['en', 'fr', 'de'] as const;

/** Screenshots of the page in each language, each once a text of that language shows. */
async function inEveryLanguage(
  page: Page,
  name: string,
  check: Record<(typeof LANGUAGES)[number], { testId: string; pattern: RegExp }>,
): Promise<void> {
  for (const language of LANGUAGES) {
    await page.getByTestId('language').selectOption(language);
    await expectText(page.getByTestId(check[language].testId), check[language].pattern);
    await screenshot(page, `${name}-${language}`);
  }
  await page.getByTestId('language').selectOption('en');
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
  partnerContext = await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale: 'en-US' });
  customerContext = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  partner = await partnerContext.newPage();
  customer = await customerContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('partners in the portal', () => {
  it('a Northwind person makes their organisation a partner and creates a purchase offer asking for delegated administration', async () => {
    await partner.goto(`${server.baseUrl}/portal.html`);
    await signIn(partner, 'nora@northwind.example');
    await partner.getByTestId('become-partner-button').click();
    await partner.getByTestId('partner-name').fill('Northwind Partners');
    await partner.getByTestId('become-partner').click();
    await expectText(partner.getByTestId('advisor-code'), /advisor code .*P[A-Z0-9]{9}/);
    partnerId = /#\/partners\/([0-9a-f-]{36})\//.exec(partner.url())![1]!;
    await expectText(partner.getByTestId('customers-empty'), /No customers yet/);

    await partner.getByTestId('partner-tab-offers').click();
    await expectText(partner.getByTestId('offers-empty'), /No offers yet/);
    await partner.getByTestId('offer-kind-purchase').click();
    await partner.getByTestId('offer-name').fill('Spring offer');
    await partner.getByTestId('offer-seats').fill('5');
    await partner.getByTestId('offer-ask-administration').click();
    // The engine's price for 5 monthly seats, shown before the link exists.
    await expectText(partner.getByTestId('offer-price'), /Price shown to the customer: €25\.00 per month before tax/);
    await partner.getByTestId('create-offer').click();
    await expect
      .poll(() => partner.getByTestId('offer-link').inputValue(), { timeout: 15_000 })
      .toMatch(/\/portal\.html#\/offer\?code=P[A-Z0-9]{9}&token=[A-Za-z0-9_-]+$/);
    offerHash = new URL(await partner.getByTestId('offer-link').inputValue()).hash;
    await expectText(
      partner.getByTestId('offers-table'),
      /Spring offer[\s\S]*Purchase offer[\s\S]*Monthly, 5 seats · €25\.00 per month[\s\S]*assign and remove licenses, view the subscription \(365 days\)[\s\S]*Not used yet[\s\S]*Working/,
    );
    await screenshot(partner, 'partners-offers-en');
  });

  it('a Fabrikam person follows the link, reads the offer before signing in, signs in and buys', async () => {
    await customer.goto(`${server.baseUrl}/portal.html${offerHash}`);
    await expectText(
      customer.getByTestId('offer-details'),
      /Spring offer[\s\S]*Monthly, 5 seats[\s\S]*€25\.00 per month[\s\S]*Northwind Partners \(advisor code P[A-Z0-9]{9}\)/,
    );
    await expectText(
      customer.getByTestId('offer-administration'),
      /Northwind Partners also asks to administer the subscription for 365 days[\s\S]*assign and remove licenses[\s\S]*view the subscription/,
    );
    await inEveryLanguage(customer, 'partners-offer-landing', {
      en: {
        testId: 'offer-landing',
        pattern: /Northwind Partners offers you Outmerge[\s\S]*Sign in with your Microsoft 365/,
      },
      fr: {
        testId: 'offer-landing',
        pattern:
          /Northwind Partners te propose Outmerge[\s\S]*5 licences[\s\S]*par mois hors taxes[\s\S]*pendant 365 jours/,
      },
      de: {
        testId: 'offer-landing',
        pattern:
          /Northwind Partners bietet dir Outmerge an[\s\S]*5 Lizenzen[\s\S]*pro Monat zzgl\. MwSt\.[\s\S]*365 Tage lang/,
      },
    });

    await signIn(customer, 'fiona@fabrikam.com');
    await customer.getByTestId('offer-card').fill('4242 4242 4242 4242');
    await expectText(customer.getByTestId('take-offer'), /Buy for €25\.00 per month before tax/);
    await customer.getByTestId('take-offer').click();
    await expectText(
      customer.getByTestId('offer-done'),
      /your subscription is paid and ready\. We emailed you the administration request from Northwind Partners/,
    );
    const href = await customer.getByTestId('offer-open-subscription').getAttribute('href');
    subscriptionId = /#\/subscriptions\/([0-9a-f-]{36})$/.exec(href ?? '')![1]!;
    await partner.getByTestId('partner-tab-customers').click();
    await partner.getByTestId('partner-tab-offers').click();
    await expectText(partner.getByTestId('offer-used'), /By 1 customer/);
  });

  it("the customer's owner approves the delegated-administration request from its emailed link", async () => {
    const outbox = (await (await fetch(`${server.baseUrl}/dev/outbox/messages`)).json()) as Array<{
      kind: string;
      to: string;
      text: string;
    }>;
    const mail = outbox.find((m) => m.kind === 'partner-request' && m.to === 'fiona@fabrikam.com');
    const token = /#\/partner-request\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeDefined();

    await customer.goto(`${server.baseUrl}/portal.html#/partner-request?token=${token}`);
    await expectText(
      customer.getByTestId('approve-details'),
      /Northwind Partners \(advisor code P[A-Z0-9]{9}; asked by nora@northwind\.example\)[\s\S]*assign and remove licenses[\s\S]*view the subscription[\s\S]*For: 365 days/,
    );
    await inEveryLanguage(customer, 'partners-approval', {
      en: {
        testId: 'approve-request',
        pattern:
          /Northwind Partners asks to administer your Outmerge subscription[\s\S]*For your subscription: Monthly, 5 seats \(Active\)/,
      },
      fr: {
        testId: 'approve-request',
        pattern: /Northwind Partners demande à administrer ton abonnement Outmerge[\s\S]*365 jours[\s\S]*Approuver/,
      },
      de: {
        testId: 'approve-request',
        pattern: /Northwind Partners möchte dein Outmerge-Abonnement verwalten[\s\S]*365 Tage[\s\S]*Freigeben/,
      },
    });
    await customer.getByTestId('approve').click();
    await expectText(
      customer.getByTestId('approve-done'),
      /Approved: Northwind Partners may administer your subscription until/,
    );
  });

  it('the partner opens the customer from its customer list and assigns a seat', async () => {
    await partner.getByTestId('partner-tab-customers').click();
    await expectText(
      partner.getByTestId('customers-table'),
      /fiona@fabrikam\.com · Monthly · you are partner of record[\s\S]*Active[\s\S]*0 of 5 seats assigned[\s\S]*Active[\s\S]*until [\s\S]*assign and remove licenses, view the subscription[\s\S]*Open/,
    );
    await partner.getByTestId('customer-search').fill('fabrikam');
    await partner.getByTestId('customer-status').selectOption('active');
    await expectText(partner.getByTestId('customers-range'), /1–1 of 1 customer$/);
    await screenshot(partner, 'partners-customers-en');
    await partner.getByTestId('customer-status').selectOption('trial');
    await expectText(partner.getByTestId('customers-empty'), /No customer matches/);
    await partner.getByTestId('customer-status').selectOption('');
    await partner.getByTestId('open-customer').click();

    await expectText(partner.getByRole('heading', { level: 2 }), /5 seats/);
    await partner.getByTestId('assign-emails').fill('frank@fabrikam.com');
    await partner.getByTestId('assign').click();
    await expectText(partner.getByTestId('assignment-results'), /1 × assigned/);
  });

  it("the customer ends the partner's access from Delegates, and the partner's next assignment is refused with a clear message", async () => {
    await customer.goto(`${server.baseUrl}/portal.html#/subscriptions/${subscriptionId}`);
    await customer.getByTestId('tab-delegates').click();
    await expectText(
      customer.getByTestId('customer-partners-table'),
      /Northwind Partners[\s\S]*assign and remove licenses, view the subscription[\s\S]*365 days[\s\S]*Active[\s\S]*until/,
    );
    await customer.getByRole('button', { name: 'End access of Northwind Partners' }).click();
    await customer.getByTestId('end-partner-confirm').click();
    await expectText(
      customer.getByTestId('customer-partners-notice'),
      /Northwind Partners no longer has access to this subscription/,
    );
    await expectText(customer.getByTestId('customer-partner-state'), /Ended by the customer/);
    // The journal names every change, and the partner's staff as the partner they act for.
    await customer.getByTestId('tab-journal').click();
    await expectText(
      customer.getByTestId('journal-table'),
      /Partner relationship ended[\s\S]*\(Partner Northwind Partners\)\s*Seat assigned[\s\S]*frank@fabrikam\.com[\s\S]*Partner approved/,
    );

    // The partner still has the customer's page open: the next assignment is refused, saying why.
    await partner.getByTestId('assign-emails').fill('gina@fabrikam.com');
    await partner.getByTestId('assign').click();
    await expectText(
      partner.getByTestId('seats-error'),
      /You no longer have access to this customer: their owner ended your delegated administration, or it expired\. Ask the customer to approve a new request\./,
    );
    // Opening the customer's page again says the same, not a generic "not found".
    await partner.reload();
    await expectText(partner.getByTestId('subscription-error'), /You no longer have access to this customer/);

    await partner.goto(`${server.baseUrl}/portal.html#/partners/${partnerId}/customers`);
    await expectText(
      partner.getByTestId('customers-table'),
      /fiona@fabrikam\.com[\s\S]*Ended by the customer[\s\S]*Needs approved administration/,
    );
    expect(await partner.getByTestId('open-customer').count()).toBe(0);
    // As partner of record it still hears about the customer's seats.
    await partner.getByTestId('partner-tab-notifications').click();
    await expectText(partner.getByTestId('notifications-table'), /Seat assigned/);
  });

  it('asks the customer again for delegated administration, then withdraws the request', async () => {
    await partner.getByTestId('partner-tab-requests').click();
    await partner.getByTestId('request-email').fill('fiona@fabrikam.com');
    await partner.getByTestId('request-days').fill('30');
    await partner.getByTestId('send-request').click();
    await expectText(partner.getByTestId('requests-notice'), /Request emailed to fiona@fabrikam\.com/);
    await expectText(
      partner.getByTestId('requests-table'),
      /fiona@fabrikam\.com[\s\S]*30 days[\s\S]*Waiting for approval/,
    );
    await partner.getByRole('button', { name: 'Withdraw the request to fiona@fabrikam.com' }).click();
    await expectText(partner.getByTestId('requests-notice'), /The request to fiona@fabrikam\.com is withdrawn/);
    await expectText(partner.getByTestId('request-state'), /^Withdrawn$/);
  });

  it('buys a product key, shown once, and a customer redeems it for a new subscription', async () => {
    await partner.goto(`${server.baseUrl}/portal.html#/partners/${partnerId}/keys`);
    await expectText(partner.getByTestId('keys-empty'), /No keys yet/);
    await partner.getByTestId('key-seats').fill('5');
    await partner.getByTestId('key-term').fill('12');
    await expectText(partner.getByTestId('keys-total'), /Total: €300\.00, tax included/);
    // A card whose bank asks for confirmation (3-D Secure), as most European cards do.
    await partner.getByTestId('key-card').fill('4000 0027 6000 3184');
    await partner.getByTestId('buy-keys').click();
    await expectText(partner.getByTestId('keys-authenticate'), /Your bank asks you to confirm the payment of €300\.00/);
    await partner.getByTestId('keys-auth-approve').click();
    await expectText(
      partner.getByTestId('keys-bought'),
      /Save these keys now: they are shown only this once\.[\s\S]*1 key bought for €300\.00/,
    );
    await expectText(partner.getByTestId('keys-emailed'), /We also emailed them to nora@northwind\.example/);
    await expectText(partner.getByTestId('partner-invoices'), /OM-\d{4}-\d{6}[\s\S]*€300\.00/);
    const key = (await partner.getByTestId('new-keys').locator('li').first().innerText()).trim();
    expect(key).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){5}$/);
    await expectText(
      partner.getByTestId('keys-table'),
      new RegExp(`…-${key.slice(-5)}[\\s\\S]*Monthly, 5 seats · 12 months[\\s\\S]*Not redeemed`),
    );

    await customer.goto(`${server.baseUrl}/portal.html#/`);
    await customer.getByTestId('redeem-key-button').click();
    await customer.getByTestId('redeem-input').fill('not-a-key');
    await customer.getByTestId('redeem').click();
    await expectText(customer.getByTestId('redeem-error'), /A product key has 30 letters and digits in 6 groups/);
    await customer.getByTestId('redeem-input').fill(key.toLowerCase());
    await customer.getByTestId('redeem').click();
    await expectText(customer.getByTestId('redeem-done'), /Done: a new subscription, Monthly, 5 seats, until/);

    await partner.reload();
    await expectText(partner.getByTestId('key-status'), /^Redeemed$/);
  });

  it('shows the customer list and offers in French and German with every text translated', async () => {
    await partner.goto(`${server.baseUrl}/portal.html#/partners/${partnerId}/customers`);
    await inEveryLanguage(partner, 'partners-customers', {
      en: { testId: 'customers-table', pattern: /Customer[\s\S]*Delegated administration/ },
      fr: {
        testId: 'customers-table',
        pattern: /Client[\s\S]*Administration déléguée[\s\S]*tu es partenaire attitré[\s\S]*sur 5 licences attribuées/,
      },
      de: {
        testId: 'customers-table',
        pattern:
          /Kunde[\s\S]*Delegierte Administration[\s\S]*du bist zuständiger Partner[\s\S]*von 5 Lizenzen zugewiesen/,
      },
    });
    await partner.goto(`${server.baseUrl}/portal.html#/partners/${partnerId}/offers`);
    await inEveryLanguage(partner, 'partners-offers', {
      en: { testId: 'offers-table', pattern: /Spring offer[\s\S]*By 1 customer/ },
      fr: {
        testId: 'offers-table',
        pattern: /Offre d’achat[\s\S]*5 licences[\s\S]*par mois hors taxes[\s\S]*Par 1 client[\s\S]*Actif/,
      },
      de: {
        testId: 'offers-table',
        pattern: /Kaufangebot[\s\S]*5 Lizenzen[\s\S]*pro Monat zzgl\. MwSt\.[\s\S]*Von 1 Kunden[\s\S]*Aktiv/,
      },
    });
  });
});
