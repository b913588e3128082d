/**
 * The foundation's acceptance story, end to end in Chromium against the real server process and
 * the built pages: sign in on the playground, merge a CSV and send (messages carry the footer),
 * buy seats in the portal and assign one to yourself (welcome email in the outbox), then the
 * pane reads "Licensed" and the next campaign goes out without the footer.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTER_MARKER } from '#shared/merge/footer.js';
import {
  expectText,
  launchChromium,
  openStep,
  screenshot,
  startServerProcess,
  type DeliveredMessage,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let pane: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess({ SEND_RATE_PER_MINUTE: '120' }), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  pane = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const csv = (text: string) => ({ name: 'recipients.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const mailbox = async (): Promise<DeliveredMessage[]> =>
  (await fetch(`${server.baseUrl}/dev/mailbox/messages`)).json() as Promise<DeliveredMessage[]>;

describe('a newcomer runs one campaign and one license end to end', () => {
  it('signs in on the playground through the development identity provider', async () => {
    await pane.goto(`${server.baseUrl}/playground.html`);
    const taskPane = pane.getByTestId('task-pane');
    await taskPane.getByTestId('sign-in').click();
    const dialog = pane.getByRole('dialog');
    await dialog.getByLabel('Email address').fill('anna@contoso.com');
    await dialog.getByLabel('Organisation (Microsoft 365 tenant)').selectOption({ label: 'Contoso (contoso.com)' });
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(taskPane.getByTestId('signed-in-as'), /Signed in as anna@contoso\.com/);
    await expectText(taskPane.getByTestId('license-status'), /^Free version$/);
  });

  it('explains a CSV without an email column', async () => {
    // The wizard opens on the message step; past the recipients, Next stays off until there is a list.
    await pane.getByTestId('wizard-next').click();
    await expectText(pane.getByTestId('wizard-blocked'), /Choose a recipient list first/);
    expect(await pane.getByTestId('wizard-next').isDisabled()).toBe(true);
    await pane.getByTestId('recipients-file').setInputFiles(csv('Name,City\nJean,Paris\n'));
    await expectText(pane.getByTestId('recipients-error'), /No column in recipients\.csv contains email addresses/);
  });

  it('uploads a CSV, maps the email column, previews, flags the bad row, and sends with the footer', async () => {
    await pane
      .getByTestId('recipients-file')
      .setInputFiles(
        csv(
          'FirstName,Company,Email\nJean,Fabrikam,jean@fabrikam.com\nMaria,,maria@northwind.example\nZed,Nowhere,not-an-address\nBob,Contoso,bob@contoso.com\n',
        ),
      );
    await expectText(pane.getByTestId('recipients-summary'), /4 rows and 3 columns from recipients\.csv/);
    expect(await pane.getByTestId('email-column').inputValue()).toBe('Email');
    await pane.getByTestId('wizard-next').click();
    await expectText(pane.getByTestId('preview-subject'), /^Your invitation, Jean$/);
    await expectText(pane.getByTestId('findings'), /Row 4: "not-an-address" is not a valid email address/);
    await pane.getByRole('button', { name: 'Next', exact: true }).click();
    await expectText(pane.getByTestId('preview-to'), /maria@northwind\.example/);
    const preview = pane.frameLocator('iframe[title^="Preview of the message"]');
    await expectText(preview.locator('body'), /the whole team/);
    await expectText(preview.locator('body'), /Sent with Outmerge/);
    await screenshot(pane.getByTestId('task-pane'), 'pane-en-free');
    await screenshot(pane, 'playground-en');

    await pane.getByTestId('wizard-next').click();
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 3 sent, 0 failed\./, 30_000);
    // Exchange delivers after the 202: wait for transport.
    await expect.poll(async () => (await mailbox()).length, { timeout: 15_000, interval: 100 }).toBe(3);
    // Messages go out concurrently: compare in the sheet's order, not the mailbox's.
    const sheetOrder = ['jean@fabrikam.com', 'maria@northwind.example', 'bob@contoso.com'];
    const sent = (await mailbox()).sort((a, b) => sheetOrder.indexOf(a.to[0]!) - sheetOrder.indexOf(b.to[0]!));
    expect(sent.map((m) => [m.mailbox, m.to, m.subject])).toEqual([
      ['anna@contoso.com', ['jean@fabrikam.com'], 'Your invitation, Jean'],
      ['anna@contoso.com', ['maria@northwind.example'], 'Your invitation, Maria'],
      ['anna@contoso.com', ['bob@contoso.com'], 'Your invitation, Bob'],
    ]);
    expect(sent[0]?.html).toContain('the Fabrikam team');
    expect(sent[1]?.html).toContain('the whole team');
    for (const message of sent) expect(message.html).toContain(FOOTER_MARKER);
  });

  it('shows what was sent on the mailbox page', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/mailbox.html`);
    await expect
      .poll(async () => (await page.getByTestId('message-subject').allInnerTexts()).sort(), {
        timeout: 15_000,
        interval: 100,
      })
      .toEqual(['Your invitation, Bob', 'Your invitation, Jean', 'Your invitation, Maria']);
    await screenshot(page, 'mailbox-en');
    await page.close();
  });

  it('buys 5 seats in the portal (a declined card first), becomes owner and assigns a seat to themself', async () => {
    const portal = await context.newPage();
    await portal.goto(`${server.baseUrl}/portal.html`);
    await expectText(portal.getByTestId('signed-in-as'), /anna@contoso\.com/);
    await portal.getByTestId('buy-button').click();
    const quantity = portal.getByTestId('quantity-monthly');
    await quantity.fill('5');
    await quantity.press('Tab');
    await portal.getByTestId('to-review').click();
    await expectText(portal.getByTestId('checkout-total'), /€25\.00/);
    await portal.getByTestId('confirm-order').click();
    await portal.getByTestId('card').fill('4000 0000 0000 0002');
    await portal.getByTestId('pay').click();
    await expectText(portal.getByTestId('checkout-error'), /The card was declined/);
    await screenshot(portal, 'portal-en-checkout-declined');
    await portal.getByTestId('card').fill('4242 4242 4242 4242');
    await portal.getByTestId('pay').click();
    await portal.waitForURL(/#\/subscriptions\/[0-9a-f-]{36}$/);
    await portal.getByTestId('assign-emails').fill('anna@contoso.com');
    await portal.getByTestId('assign').click();
    await expectText(portal.getByTestId('assignment-results'), /anna@contoso\.com: assigned; welcome email sent/);
    await expectText(portal.getByTestId('seats-table'), /anna@contoso\.com\s+Pending/);
    await screenshot(portal, 'portal-en-seats');

    await portal.goto(`${server.baseUrl}/portal.html#/`);
    await expect
      .poll(() => portal.getByTestId('seat-picture').getByRole('img').getAttribute('aria-label'))
      .toBe('1 of 5 seats assigned, 4 free');
    await screenshot(portal, 'portal-en-dashboard');
    await portal.close();
  });

  it('shows the welcome email on the outbox page', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/outbox.html`);
    await expectText(page.getByTestId('message-subject'), /Your Outmerge license is ready/);
    await expectText(page.getByTestId('message-to'), /anna@contoso\.com/);
    await screenshot(page, 'outbox-en');
    await page.close();
  });

  it('reads "Licensed" back in the pane, and the next campaign carries no footer', async () => {
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    await pane.bringToFront();
    await pane.getByRole('button', { name: 'Check again' }).click();
    await expectText(pane.getByTestId('license-status'), /^Licensed$/);
    await screenshot(pane.getByTestId('task-pane'), 'pane-en-licensed');
    // Every row of the list is in the report, the one left out before sending (row 4) too.
    await expectText(
      pane.getByTestId('report-totals'),
      /4 rows in the list: 3 sent, 0 failed, 0 cancelled, 1 left out\./,
    );
    await pane.getByTestId('close-report').click();
    await openStep(pane, 'send');
    await pane.getByTestId('send-button').click();
    await expect.poll(async () => (await mailbox()).length, { timeout: 30_000, interval: 200 }).toBe(3);
    await expectText(pane.getByTestId('send-progress'), /Done: 3 sent, 0 failed\./, 30_000);
    for (const message of await mailbox()) expect(message.html).not.toContain(FOOTER_MARKER);
  });

  it("follows Outlook's display language in the pane and the browser's in the portal (screenshots in FR and DE)", async () => {
    const language = pane.getByTestId('language');
    await language.selectOption('fr');
    await expectText(pane.getByTestId('license-status'), /^Sous licence$/);
    await screenshot(pane.getByTestId('task-pane'), 'pane-fr');
    await language.selectOption('de');
    await expectText(pane.getByTestId('license-status'), /^Lizenziert$/);
    await screenshot(pane.getByTestId('task-pane'), 'pane-de');
    for (const locale of ['fr-FR', 'de-DE']) {
      const localized = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
      const page = await localized.newPage();
      await page.goto(`${server.baseUrl}/portal.html#/it-help`);
      await expectText(page.locator('h2'), locale === 'fr-FR' ? /Aide/ : /Hilfe/);
      await screenshot(page, `portal-${locale.slice(0, 2)}-it-help`);
      await localized.close();
    }
  });
});
