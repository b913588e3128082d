/**
 * Every screen of the portal, the partner area, the task pane and the development pages, in
 * English, French and German (issue 16), in Chromium against the real server process with data
 * made through the API. On each screen:
 * - axe-core finds no serious or critical violation (WCAG 2.1 A/AA, best practices, label in name);
 * - nothing scrolls sideways: the portal and the pages at a phone's 375 px, the pane at 320 px
 *   (Outlook on Windows opens task panes 320 px wide, Office.TaskPane "default width");
 * - in French and German, no English: no piece of an English catalog message, no English words
 *   (tests/helpers/englishLeaks.ts), in the text, labels and placeholders; nor in the emails,
 *   CSV exports and invoices made in those languages.
 * Screenshots of every screen at both widths go to test-results/screenshots (accessibility-*).
 * One story visits them all, so that the check costs one server and one sign-in per person.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishIn } from '../helpers/englishLeaks.js';
import { installOffice } from './officeStandIn.js';
import {
  axeViolations,
  callApi,
  launchChromium,
  SCREENSHOTS,
  settledMailbox,
  startServerProcess,
  type ServerProcess,
} from './support.js';

const LANGUAGES = [
  { code: 'en', locale: 'en-US' },
  { code: 'fr', locale: 'fr-FR' },
  { code: 'de', locale: 'de-DE' },
] as const;
type Language = (typeof LANGUAGES)[number];

/** English words of invoices, CSVs and emails left untranslated: an invoice line "Outmerge monthly, seats 1–5", a status "pending". */
const DOCUMENT_WORDS = [
  'seat',
  'seats',
  'monthly',
  'annual',
  'month',
  'months',
  'year',
  'years',
  'unused',
  'remaining',
  'pending',
  'suspended',
  'owner',
];
const PHONE = { width: 375, height: 740 };
const PANE = { width: 320, height: 760 };
const MAX_SEND_DELAY_MS = 50;

let server: ServerProcess;
let browser: Browser;
const seeded = {
  subscriptionId: '',
  partnerId: '',
  invitationToken: '',
  requestToken: '',
  offerHash: '',
  invoiceId: '',
  partnerInvoiceId: '',
};
const tokens = new Map<string, string>();

const call = <T>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers?: Record<string, string>,
) => callApi<T>(server.baseUrl, method, path, token, body, headers);
async function tokenOf(email: string): Promise<string> {
  if (!tokens.has(email))
    tokens.set(email, (await call<{ access_token: string }>('POST', '/dev/idp/token', null, { email })).access_token);
  return tokens.get(email)!;
}
const outbox = () =>
  call<Array<{ kind: string; to: string; subject: string; text: string; html: string }>>(
    'GET',
    '/dev/outbox/messages',
    null,
  );

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ GRAPH_STANDIN_SEND_DELAY_MS: `0-${MAX_SEND_DELAY_MS}`, SEND_RATE_PER_MINUTE: '600' }),
    launchChromium(),
  ]);
  const anna = await tokenOf('anna@contoso.com');
  const nora = await tokenOf('nora@northwind.example');
  const id = (
    await call<{ subscriptionId: string }>(
      'POST',
      '/api/v1/checkout',
      anna,
      { plan: 'monthly', quantity: 5, card: '4242424242424242' },
      { 'idempotency-key': 'a11y-contoso-1' },
    )
  ).subscriptionId;
  seeded.subscriptionId = id;
  // Seats and welcome emails in each language, a pending invitation and domain, a partner with an offer, a request, staff and a product key.
  for (const { code } of LANGUAGES)
    await call('POST', `/api/v1/subscriptions/${id}/assignments`, anna, {
      emails: [`welcome-${code}@contoso.com`],
      language: code,
    });
  await call('POST', `/api/v1/subscriptions/${id}/assignments`, anna, { emails: ['anna@contoso.com'] });
  for (const { code } of LANGUAGES)
    await call('POST', `/api/v1/subscriptions/${id}/delegates`, anna, {
      email: `it-${code}@contoso.com`,
      permissions: ['assign', 'view'],
      language: code,
    });
  await call('POST', `/api/v1/subscriptions/${id}/domains`, anna, { domain: 'woodgrove.example' });
  seeded.invoiceId = (
    await call<{ invoices: Array<{ id: string }> }>('GET', `/api/v1/subscriptions/${id}/invoices`, anna)
  ).invoices[0]!.id;

  seeded.partnerId = (await call<{ id: string }>('POST', '/api/v1/partners', nora, { name: 'Northwind Partners' })).id;
  const partner = `/api/v1/partners/${seeded.partnerId}`;
  const offer = await call<{ link: string }>('POST', `${partner}/offers`, nora, {
    kind: 'purchase',
    name: 'Northwind Plus',
    plan: 'monthly',
    quantity: 5,
    administration: { permissions: ['assign', 'view'], durationDays: 365 },
  });
  seeded.offerHash = new URL(offer.link).hash;
  const params = new URLSearchParams(seeded.offerHash.replace(/^#\/offer\?/, ''));
  await call(
    'POST',
    '/api/v1/offers/redeem',
    await tokenOf('fiona@fabrikam.com'),
    { code: params.get('code'), token: params.get('token'), card: '4242424242424242', approveAdministration: true },
    { 'idempotency-key': 'a11y-fabrikam-1' },
  );
  for (const { code } of LANGUAGES)
    await call('POST', `${partner}/requests`, nora, {
      email: code === 'en' ? 'anna@contoso.com' : `owner-${code}@fabrikam.com`,
      permissions: ['view'],
      durationDays: 30,
      language: code,
    });
  await call('POST', `${partner}/staff`, nora, { email: 'sam@northwind.example', role: 'limited' });
  await call(
    'POST',
    `${partner}/product-keys`,
    nora,
    { plan: 'monthly', seats: 5, termPeriods: 12, count: 1, card: '4242424242424242' },
    { 'idempotency-key': 'a11y-keys-1' },
  );
  seeded.partnerInvoiceId = (await call<Array<{ id: string }>>('GET', `${partner}/invoices`, nora))[0]!.id;

  const mail = await outbox();
  seeded.invitationToken = /#\/accept\?token=([A-Za-z0-9_-]+)/.exec(
    mail.find((m) => m.kind === 'invitation' && m.to === 'it-en@contoso.com')!.text,
  )![1]!;
  seeded.requestToken = /#\/partner-request\?token=([A-Za-z0-9_-]+)/.exec(
    mail.find((m) => m.kind === 'partner-request' && m.to === 'anna@contoso.com')!.text,
  )![1]!;
  // A merged message for the mailbox page.
  const graph = (
    await call<{ access_token: string }>('POST', '/dev/idp/token', null, {
      email: 'anna@contoso.com',
      resource: 'graph',
      scopes: ['Mail.Send'],
    })
  ).access_token;
  await call('POST', '/dev/graph/v1.0/me/sendMail', graph, {
    message: {
      subject: 'Bonjour Jean',
      body: { contentType: 'HTML', content: '<p>Bonjour Jean</p>' },
      toRecipients: [{ emailAddress: { address: 'jean@fabrikam.com' } }],
    },
  });
  await settledMailbox(server.baseUrl, MAX_SEND_DELAY_MS);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A browser of its own for one person in one language, signed in through the development identity provider. */
async function browserOf(email: string | null, language: Language, viewport = PHONE): Promise<BrowserContext> {
  // bypassCSP: axe-core is injected as an inline script, which the pages' CSP refuses (support.ts).
  const context = await browser.newContext({ viewport, locale: language.locale, bypassCSP: true });
  if (email)
    await context.addInitScript(
      (address) => localStorage.setItem('outmerge.devIdentity', JSON.stringify({ email: address })),
      email,
    );
  return context;
}

/** Waits for a screen: its sign of being ready, then no spinner left. */
async function ready(page: Page, shown: Locator): Promise<void> {
  await shown
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 })
    // What the page showed instead, for whoever reads the failure.
    .catch(async (error: unknown) => {
      await page.screenshot({ path: `${SCREENSHOTS}/accessibility-not-ready.png`, fullPage: true });
      throw error;
    });
  await expect
    .poll(() => page.locator('[role="progressbar"]:not([aria-valuenow])').count(), { timeout: 20_000, interval: 100 })
    .toBe(0);
}

/** What a screen shows to a person: its text, and the names and hints assistive technology reads; `leaveOut` is content the user wrote. */
function shownText(page: Page, leaveOut: string[]): Promise<string> {
  return page.evaluate((skip) => {
    const left = skip.flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)]);
    let text = document.body.innerText;
    for (const element of left) text = text.replace(element.innerText, ' ');
    const attributes = [...document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')]
      .filter((element) => !left.some((skipped) => skipped.contains(element)))
      .flatMap((element) =>
        ['aria-label', 'placeholder', 'title', 'alt'].map((name) => element.getAttribute(name) ?? ''),
      );
    return `${text}\n${attributes.join('\n')}`;
  }, leaveOut);
}

/** Everything wrong with the screen as it is now, as sentences; screenshots it. */
async function problemsOf(
  page: Page,
  language: Language,
  name: string,
  options: { leaveOut?: string[] } = {},
): Promise<string[]> {
  const problems: string[] = [];
  const screen = `${name} (${language.code})`;
  for (const violation of await axeViolations(page))
    if (violation.impact === 'serious' || violation.impact === 'critical')
      problems.push(
        `${screen}: axe [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.nodes.slice(0, 5).join('\n    ')}`,
      );
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  if (widths.scroll > widths.inner)
    problems.push(`${screen}: scrolls sideways (${widths.scroll} px wide in a ${widths.inner} px window)`);
  if (language.code !== 'en')
    for (const english of englishIn(await shownText(page, options.leaveOut ?? [])))
      problems.push(`${screen}: English ${english}`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/accessibility-${name}-${language.code}.png`, fullPage: true });
  return problems;
}

/** Waits until the dialog is gone and Fluent has given the page back to screen readers (aria-hidden off the root). */
async function dialogClosed(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[role="dialog"], #root[aria-hidden="true"]').count()).toBe(0);
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => (window.location.hash = target), hash);
}

describe.each(LANGUAGES)('every screen in $code', (language) => {
  const problems: string[] = [];
  const check = async (page: Page, name: string, options?: { leaveOut?: string[] }) =>
    problems.push(...(await problemsOf(page, language, name, options)));

  it('the portal before signing in: start page, an offer link, IT help', async () => {
    const context = await browserOf(null, language);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/portal.html`);
    await ready(page, page.getByTestId('sign-in'));
    await check(page, 'portal-start');
    await page.goto(`${server.baseUrl}/portal.html${seeded.offerHash}`);
    await ready(page, page.getByTestId('offer-details'));
    await check(page, 'portal-offer');
    await go(page, '#/it-help');
    await ready(page, page.getByTestId('it-help'));
    await check(page, 'portal-it-help-signed-out');
    await context.close();
  });

  it("the owner's portal: dashboard, checkout, a subscription's tabs and dialogs, approval, keys, partners, IT help", async () => {
    const context = await browserOf('anna@contoso.com', language);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/portal.html`);
    await ready(page, page.getByTestId('subscription-card'));
    await check(page, 'portal-dashboard');

    await go(page, '#/buy');
    await ready(page, page.getByTestId('to-review'));
    await check(page, 'portal-checkout-cart');
    await page.getByTestId('to-review').click();
    await ready(page, page.getByTestId('confirm-order'));
    await check(page, 'portal-checkout-review');
    await page.getByTestId('confirm-order').click();
    await ready(page, page.getByTestId('card'));
    await check(page, 'portal-checkout-payment');

    await go(page, `#/subscriptions/${seeded.subscriptionId}`);
    await ready(page, page.getByTestId('seat-row'));
    await check(page, 'portal-seats');
    await page.getByTestId('change-quantity').click();
    await ready(page, page.getByRole('dialog'));
    await check(page, 'portal-quantity-dialog');
    await page.keyboard.press('Escape');
    await dialogClosed(page);
    await page.getByTestId('seat-row').filter({ hasText: 'welcome-en@contoso.com' }).getByRole('button').last().click();
    await ready(page, page.getByRole('dialog'));
    await check(page, 'portal-remove-seat-dialog');
    await page.keyboard.press('Escape');
    await dialogClosed(page);
    await page
      .getByTestId('seat-row')
      .filter({ hasText: 'welcome-en@contoso.com' })
      .getByRole('button')
      .first()
      .click();
    await ready(page, page.getByTestId('transfer-to'));
    await check(page, 'portal-transfer-dialog');
    await page.keyboard.press('Escape');
    await dialogClosed(page);
    for (const tab of ['delegates', 'domains', 'journal', 'billing'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      await ready(
        page,
        page.getByTestId(
          { delegates: 'invite-email', domains: 'domain-record', journal: 'journal-table', billing: 'billing-tab' }[
            tab
          ],
        ),
      );
      await check(page, `portal-${tab}`);
    }

    await go(page, `#/partner-request?token=${seeded.requestToken}`);
    await ready(page, page.getByTestId('approve-request'));
    await check(page, 'portal-partner-request');
    await go(page, '#/redeem-key');
    await ready(page, page.getByTestId('redeem-key'));
    await check(page, 'portal-redeem-key');
    await go(page, '#/partners/new');
    await ready(page, page.getByTestId('partner-name'));
    await check(page, 'portal-become-partner');
    await go(page, '#/it-help');
    await ready(page, page.getByTestId('admin-consent-link'));
    await check(page, 'portal-it-help');
    await context.close();
  });

  it('an invitation to accept', async () => {
    const context = await browserOf('it-en@contoso.com', language);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/portal.html#/accept?token=${seeded.invitationToken}`);
    await ready(page, page.getByTestId('accept'));
    await check(page, 'portal-accept');
    await context.close();
  });

  it("the partner area's tabs", async () => {
    const context = await browserOf('nora@northwind.example', language);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/portal.html#/partners/${seeded.partnerId}/customers`);
    await ready(page, page.getByTestId('partner-area'));
    for (const [tab, shown] of [
      ['customers', 'customers-table'],
      ['offers', 'offers-table'],
      ['requests', 'requests-table'],
      ['keys', 'keys-table'],
      ['staff', 'partner-staff'],
      ['notifications', 'partner-notifications'],
    ] as const) {
      await page.getByTestId(`partner-tab-${tab}`).click();
      await ready(page, page.getByTestId(shown));
      await check(page, `partner-${tab}`);
    }
    await context.close();
  });

  it('the pages beside: start page, outbox, mailbox, privacy, terms, the sign-in dialog page, the pane outside Outlook', async () => {
    const context = await browserOf(null, language);
    await context.route('https://appsforoffice.microsoft.com/lib/1/hosted/office.js', (route) =>
      route.abort('internetdisconnected'),
    );
    const page = await context.newPage();
    for (const [path, name, shown] of [
      ['/', 'home', 'main'],
      ['/outbox.html', 'outbox', '[data-testid="listed-message"]'],
      ['/mailbox.html', 'mailbox', '[data-testid="listed-message"]'],
      ['/privacy.html', 'privacy', '[data-testid="legal-privacy"]'],
      ['/terms.html', 'terms', '[data-testid="legal-terms"]'],
      ['/auth-dialog.html', 'auth-dialog', '[data-testid="auth-dialog-error"]'],
      ['/taskpane.html', 'taskpane-outside-outlook', '[data-testid="pane-start-problem"]'],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      await ready(page, page.locator(shown));
      // The emails themselves are read below; what the mailbox got is what the sender wrote.
      await check(page, name, { leaveOut: ['[data-testid="listed-message"]'] });
    }
    await context.close();
  });

  it('the task pane at 320 px in Outlook: signed out, sign-in, every step, the report, the admin view', async () => {
    const context = await browserOf(null, language, PANE);
    await installOffice(context, {
      displayLanguage: language.locale,
      email: 'anna@contoso.com',
      subject: 'Bonjour {{Prénom}}',
      bodyHtml: '<p>Bonjour {{Prénom}},</p><p>À bientôt.</p>',
      nestedAppAuth: false,
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/taskpane.html`);
    await ready(page, page.getByTestId('sign-in'));
    // Ready once the sign-in client has loaded (it is a chunk of its own): the button is enabled then.
    await expect.poll(() => page.getByTestId('sign-in').isEnabled(), { timeout: 20_000 }).toBe(true);
    await check(page, 'pane-signed-out');
    await page.getByTestId('sign-in').click();
    const dialog = page.getByRole('dialog');
    await ready(page, dialog);
    await check(page, 'pane-sign-in-dialog');
    await dialog.locator('input[type="email"]').fill('anna@contoso.com');
    await dialog.locator('button[type="submit"]').click();
    await dialogClosed(page);
    await ready(page, page.getByTestId('signed-in-as'));
    await ready(page, page.getByTestId('license-status'));
    await check(page, 'pane-message');

    await page.getByTestId('step-recipients').click();
    await page.getByTestId('recipients-file').setInputFiles({
      name: 'liste.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Prénom,Email\nJean,jean@fabrikam.com\nZoé,pas-une-adresse\n', 'utf8'),
    });
    await ready(page, page.getByTestId('recipients-summary'));
    await check(page, 'pane-recipients');
    await page.getByTestId('wizard-next').click();
    await ready(page, page.getByTestId('preview-to'));
    // The preview shows the sender's own message (a sandboxed frame, left out by axe too).
    await check(page, 'pane-check');
    await page.getByTestId('wizard-next').click();
    await ready(page, page.getByTestId('send-button'));
    await check(page, 'pane-send');
    await page.getByTestId('send-button').click();
    await ready(page, page.getByTestId('report-totals'));
    await check(page, 'pane-report');
    await page.getByTestId('close-report').click();
    await page.getByTestId('pane-admin-toggle').click();
    await ready(page, page.getByTestId('pane-seat-list'));
    await check(page, 'pane-admin');
    await context.close();
  });

  it('the playground at desktop width', async () => {
    const context = await browserOf('anna@contoso.com', language, { width: 1280, height: 900 });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/playground.html`);
    await ready(page, page.getByTestId('license-status'));
    // The compose window's sample message (and the pane's copy of its subject) is the sender's text, in whatever language they write.
    await check(page, 'playground', { leaveOut: ['[data-testid="compose-body"]', '[data-testid="draft-subject"]'] });
    await context.close();
  });

  // English's own documents are the reference: French and German ones are compared with them.
  if (language.code !== 'en')
    it('emails, CSV exports and invoices in the language have no English', async () => {
      const anna = await tokenOf('anna@contoso.com');
      const nora = await tokenOf('nora@northwind.example');
      const html = (text: string) =>
        text
          .replace(/<style[\s\S]*?<\/style>/g, ' ')
          .replace(/<[^>]+>/g, ' ')
          .replace(/&[a-z#0-9]+;/g, ' ');
      const emails = (await outbox()).filter((m) => m.html.includes(`lang="${language.code}"`));
      expect(emails.map((m) => m.kind).sort()).toEqual(
        expect.arrayContaining(['invitation', 'partner-request', 'welcome']),
      );
      for (const m of emails)
        for (const english of englishIn(`${m.subject}\n${m.text}\n${html(m.html)}`, DOCUMENT_WORDS))
          problems.push(`${m.kind} email (${language.code}): English ${english}`);
      const base = `/api/v1/subscriptions/${seeded.subscriptionId}`;
      for (const [name, path, token] of [
        ['seats CSV', `${base}/seats/export?lang=${language.code}`, anna],
        ['journal CSV', `${base}/journal/export?lang=${language.code}`, anna],
        ['invoice', `${base}/invoices/${seeded.invoiceId}/html?lang=${language.code}`, anna],
        [
          'partner invoice',
          `/api/v1/partners/${seeded.partnerId}/invoices/${seeded.partnerInvoiceId}/html?lang=${language.code}`,
          nora,
        ],
      ] as const) {
        const body = await call<string>('GET', path, token);
        // A CSV's cells (but the details recorded as JSON, which are data), all of an invoice; and words a
        // document shows when left in English (an invoice line's "seats", a status "pending").
        const text = name.endsWith('CSV')
          ? Papa.parse<string[]>(body.replace(/^\ufeff/, ''))
              .data.flat()
              .filter((cell) => !cell.startsWith('{'))
              .join('\n')
          : html(body);
        for (const english of englishIn(text, DOCUMENT_WORDS))
          problems.push(`${name} (${language.code}): English ${english}`);
      }
    });

  it('found nothing wrong', () => {
    // Also kept as a file: the list can be long, and CI keeps test-results.
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(`test-results/accessibility-problems-${language.code}.txt`, problems.join('\n\n'));
    expect(problems).toEqual([]);
  });
});
