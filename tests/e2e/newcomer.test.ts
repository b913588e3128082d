/**
 * What a newcomer ran into, trying the README's stories (issue 16, part 5), in Chromium against
 * the real server process: links in the emails on the local outbox and mailbox pages open on a
 * normal click (the invitation's "Accept" among them); the task pane's page opened outside
 * Outlook says what it is and where to open it, styled and in the browser's language; an
 * invitation that was used, withdrawn or sent to another account loses its Accept button; and
 * removing a seat, in the portal and in the pane, asks first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  expectText,
  launchChromium,
  screenshot,
  settledMailbox,
  startServerProcess,
  type ServerProcess,
} from './support.js';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Transport's longest delay in the Graph stand-in for this server (GRAPH_STANDIN_SEND_DELAY_MS). */
const MAX_SEND_DELAY_MS = 50;

let server: ServerProcess;
let browser: Browser;
let subscriptionId: string;
let anna: string;

const call = <T>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers?: Record<string, string>,
) => callApi<T>(server.baseUrl, method, path, token, body, headers);
const tokenFor = async (email: string, extra: Record<string, unknown> = {}) =>
  (await call<{ access_token: string }>('POST', '/dev/idp/token', null, { email, ...extra })).access_token;
const outbox = () => call<Array<{ kind: string; to: string; text: string }>>('GET', '/dev/outbox/messages', null);

/** Invites a delegate and returns the invitation's id and the token its email carries. */
async function invite(email: string): Promise<{ id: string; token: string }> {
  const { invitation } = await call<{ invitation: { id: string } }>(
    'POST',
    `/api/v1/subscriptions/${subscriptionId}/delegates`,
    anna,
    { email, permissions: ['view'] },
  );
  const mail = (await outbox()).findLast((m) => m.kind === 'invitation' && m.to === email);
  return { id: invitation.id, token: /#\/accept\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')![1]! };
}

/** A browser of its own for one person, signed in with the development identity provider. */
async function browserOf(email: string | null, locale = 'en-US'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 850 }, locale });
  if (email)
    await context.addInitScript(
      (address) => localStorage.setItem('outmerge.devIdentity', JSON.stringify({ email: address })),
      email,
    );
  return context;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ GRAPH_STANDIN_SEND_DELAY_MS: `0-${MAX_SEND_DELAY_MS}` }),
    launchChromium(),
  ]);
  anna = await tokenFor('anna@contoso.com');
  ({ subscriptionId } = await call<{ subscriptionId: string }>(
    'POST',
    '/api/v1/checkout',
    anna,
    { plan: 'monthly', quantity: 5, card: '4242424242424242' },
    { 'idempotency-key': 'newcomer-0001' },
  ));
  await call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, anna, {
    emails: ['bob@contoso.com', 'carol@contoso.com'],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('links in emails on the development pages', () => {
  it('opens the invitation from the outbox page with a normal click', async () => {
    const { token } = await invite('it@contoso.com');
    const context = await browserOf(null);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/outbox.html`);
    const invitation = page.getByTestId('listed-message').filter({ hasText: 'it@contoso.com' });
    await expectText(invitation.getByTestId('message-subject'), /invit/i);
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      invitation.frameLocator('iframe').getByRole('link', { name: 'Accept the invitation' }).click(),
    ]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`${server.baseUrl}/portal.html#/accept?token=${token}`);
    await expectText(opened.locator('main'), /Sign in with the Microsoft 365 account the invitation was sent to/);
    await context.close();
  });

  it('opens a link of a merged message from the mailbox page with a normal click', async () => {
    const graph = await tokenFor('anna@contoso.com', { resource: 'graph', scopes: ['Mail.Send'] });
    const body = {
      message: {
        subject: 'Our terms',
        body: { contentType: 'HTML', content: `<p>Read <a href="${server.baseUrl}/terms.html">our terms</a>.</p>` },
        toRecipients: [{ emailAddress: { address: 'jean@fabrikam.com' } }],
      },
    };
    await call('POST', '/dev/graph/v1.0/me/sendMail', graph, body);
    expect(
      (await settledMailbox<{ subject: string }>(server.baseUrl, MAX_SEND_DELAY_MS)).map((m) => m.subject),
    ).toContain('Our terms');
    const context = await browserOf(null);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/mailbox.html`);
    const message = page.getByTestId('listed-message').filter({ hasText: 'Our terms' });
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      message.frameLocator('iframe').getByRole('link', { name: 'our terms' }).click(),
    ]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`${server.baseUrl}/terms.html`);
    await context.close();
  });
});

describe('the task pane opened outside Outlook', () => {
  /** Office's answer outside an Office application ("Initialize your Office Add-in"): no host, no platform. */
  const OUTSIDE_OFFICE =
    'window.Office = { HostType: { Outlook: "Outlook" }, onReady: () => Promise.resolve({ host: null, platform: null }) };';

  for (const { name, locale, officeJs, title, open } of [
    {
      name: 'without Office.js (offline, or the script blocked)',
      locale: 'de-DE',
      officeJs: null,
      title: /^Outmerge öffnet sich in Outlook$/,
      open: /wähle Serien-E-Mail im Menüband/,
    },
    {
      name: 'in a plain browser tab, where Office.js finds no Office application',
      locale: 'fr-FR',
      officeJs: OUTSIDE_OFFICE,
      title: /^Outmerge s’ouvre dans Outlook$/,
      open: /choisis Publipostage dans le ruban/,
    },
  ]) {
    it(`says what the page is and where to open it, in the browser's language: ${name}`, async () => {
      const context = await browserOf(null, locale);
      await context.route(OFFICE_JS, (route) =>
        officeJs === null
          ? route.abort('internetdisconnected')
          : route.fulfill({ status: 200, contentType: 'text/javascript', body: officeJs }),
      );
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/taskpane.html`);
      const heading = page.getByRole('heading', { level: 1 });
      await expectText(heading, title);
      await expectText(page.getByTestId('pane-start-problem'), open);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2));
      // Styled by Fluent (its font and the theme's tokens), not the browser's default text.
      expect(await heading.evaluate((element) => getComputedStyle(element).fontFamily)).toContain('Segoe UI');
      expect(await page.getByRole('link', { name: /IT-Hilfe|Aide informatique/ }).getAttribute('href')).toBe(
        '/portal.html#/it-help',
      );
      expect(await page.locator('a[href="/playground.html"]').count()).toBe(1);
      await screenshot(page, `taskpane-outside-outlook-${locale.slice(0, 2)}`);
      await context.close();
    });
  }
});

describe('an invitation that can no longer be accepted', () => {
  async function acceptAs(email: string | null, token: string): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browserOf(email);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/portal.html#/accept?token=${token}`);
    await page.getByTestId('accept').click();
    return { page, context };
  }

  it('keeps the reason and drops the Accept button after accepting it once', async () => {
    const { token } = await invite('dana@contoso.com');
    const first = await acceptAs('dana@contoso.com', token);
    await expectText(first.page.getByTestId('accept-result'), /made you a delegated administrator/);
    await first.context.close();
    const again = await acceptAs('dana@contoso.com', token);
    await expectText(again.page.getByTestId('accept-error'), /already been accepted/);
    expect(await again.page.getByTestId('accept').count()).toBe(0);
    await again.context.close();
  });

  it('drops it for a withdrawn invitation', async () => {
    const { id, token } = await invite('erin@contoso.com');
    await call('DELETE', `/api/v1/subscriptions/${subscriptionId}/invitations/${id}`, anna);
    const { page, context } = await acceptAs('erin@contoso.com', token);
    await expectText(page.getByTestId('accept-error'), /The owner withdrew this invitation/);
    expect(await page.getByTestId('accept').count()).toBe(0);
    await context.close();
  });

  it('drops it for another account, and offers it again once the invited person signs in', async () => {
    const { token } = await invite('fay@contoso.com');
    const { page, context } = await acceptAs('bob@contoso.com', token);
    await expectText(
      page.getByTestId('accept-error'),
      /This invitation is for another address\. Sign in with the account it was sent to/,
    );
    expect(await page.getByTestId('accept').count()).toBe(0);
    await screenshot(page, 'portal-en-invitation-wrong-account');
    // Signing out and in as the invited person brings the button back.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email address').fill('fay@contoso.com');
    await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('accept').click();
    await expectText(page.getByTestId('accept-result'), /made you a delegated administrator/);
    await context.close();
  });
});

describe('removing a seat', () => {
  it('asks first in the portal: Cancel keeps the seat, Remove the seat removes it', async () => {
    const context = await browserOf('anna@contoso.com');
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/portal.html#/subscriptions/${subscriptionId}`);
    await expectText(page.getByTestId('seats-table'), /bob@contoso\.com/);
    await page.getByRole('button', { name: 'Remove the seat of bob@contoso.com' }).click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog, /Remove the seat of bob@contoso\.com\?[\s\S]*carry the footer again/);
    await screenshot(page, 'portal-en-remove-seat-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expectText(page.getByTestId('seats-table'), /bob@contoso\.com/);
    expect((await call<{ total: number }>('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, anna)).total).toBe(2);

    await page.getByRole('button', { name: 'Remove the seat of bob@contoso.com' }).click();
    await page.getByTestId('remove-seat-confirm').click();
    await expectText(page.getByTestId('seats-notice'), /The seat of bob@contoso\.com was removed/);
    await expect
      .poll(async () => (await page.getByTestId('seats-table').innerText()).includes('bob@contoso.com'))
      .toBe(false);
    await context.close();
  });

  it("asks first in the pane's admin view", async () => {
    const context = await browserOf('anna@contoso.com');
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/playground.html`);
    const pane = page.getByTestId('task-pane');
    await pane.getByTestId('pane-admin-toggle').click();
    const list = pane.getByTestId('pane-seat-list');
    await expectText(list, /carol@contoso\.com/);
    await pane.getByRole('button', { name: 'Remove the seat of carol@contoso.com' }).click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog, /Remove the seat of carol@contoso\.com\?/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expectText(list, /carol@contoso\.com/);
    await pane.getByRole('button', { name: 'Remove the seat of carol@contoso.com' }).click();
    await page.getByTestId('remove-seat-confirm').click();
    await expectText(pane.getByTestId('pane-admin-notice'), /The seat of carol@contoso\.com was removed/);
    // Bob's seat went in the portal before: none is left.
    await expect
      .poll(() => pane.getByTestId('pane-seat-picture').getByRole('img').getAttribute('aria-label'))
      .toBe('0 of 5 seats assigned, 5 free');
    expect(await list.count()).toBe(0);
    await context.close();
  });
});
