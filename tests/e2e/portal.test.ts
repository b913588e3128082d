/**
 * The portal and the pane's admin view at 10,000 users, in Chromium against the real server
 * process (A1, A4, A8, A10): the dashboard's seat picture and delegates; the seat table searched
 * and sorted by the server and virtualised (the DOM holds a window of rows, not 10,000); the IT
 * help's admin-consent link; the pane's admin view assigning a seat; screenshots in English,
 * French and German.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seatEmail, seedSeats } from '../helpers/seedSeats.js';
import { expectText, launchChromium, screenshot, signIn, startServerProcess, type ServerProcess } from './support.js';

const SEATS = 10_000;
const QUANTITY = 10_050;

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let portal: Page;
let subscriptionId: string;

async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Rows of the seat table in the DOM right now (loaded or placeholder). */
const renderedRows = (page: Page) => page.getByTestId('seats-table').locator('[role="rowgroup"] [role="row"]').count();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
  const owner = await post<{ access_token: string }>('/dev/idp/token', { email: 'olivia@contoso.com' });
  ({ subscriptionId } = await post<{ subscriptionId: string }>(
    '/api/v1/checkout',
    { plan: 'annual', quantity: QUANTITY, card: '4242424242424242' },
    { authorization: `Bearer ${owner.access_token}`, 'idempotency-key': 'portal-e2e-0001' },
  ));
  await seedSeats(server.dataDir, subscriptionId, SEATS);
  // A delegated administrator, so the dashboard has one to show.
  await post(
    `/api/v1/subscriptions/${subscriptionId}/delegates`,
    { email: 'it@contoso.com', permissions: ['assign', 'view'] },
    { authorization: `Bearer ${owner.access_token}` },
  );
  const outbox = (await (await fetch(`${server.baseUrl}/dev/outbox/messages`)).json()) as Array<{
    kind: string;
    text: string;
  }>;
  const token = /#\/accept\?token=([A-Za-z0-9_-]+)/.exec(outbox.find((m) => m.kind === 'invitation')!.text)![1]!;
  const it = await post<{ access_token: string }>('/dev/idp/token', { email: 'it@contoso.com' });
  await post('/api/v1/invitations/accept', { token }, { authorization: `Bearer ${it.access_token}` });

  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  portal = await context.newPage();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the portal with 10,000 assigned users', () => {
  it('shows the subscription on the dashboard with its seat picture, owner and delegates', async () => {
    await portal.goto(`${server.baseUrl}/portal.html`);
    await signIn(portal, 'olivia@contoso.com', portal.locator('body'));
    const card = portal.getByTestId('subscription-card');
    await expectText(card, /Annual, 10,050 seats/);
    const picture = card.getByRole('img');
    await expect.poll(() => picture.getAttribute('aria-label')).toBe('10,000 of 10,050 seats assigned, 50 free');
    await expectText(
      card.getByTestId('dashboard-delegates'),
      /it@contoso\.com: assign and remove licenses, view the subscription/,
    );
    await expectText(card.getByTestId('subscription-status'), /^Active$/);
    await screenshot(portal, 'portal-en-dashboard-10k');
  });

  it('lists 10,000 seats in a virtualised table: scrolls to the end, searches and sorts on the server', async () => {
    await portal
      .getByTestId('subscription-card')
      .getByRole('button', { name: /Manage seats of the .* subscription owned by olivia@contoso\.com/ })
      .click();
    await expectText(portal.getByTestId('seat-count'), /^10,000 seats assigned$/);
    await expectText(portal.getByTestId('seats-table'), new RegExp(seatEmail(0)));
    const atTop = await renderedRows(portal);
    expect(atTop).toBeGreaterThan(5);
    expect(atTop).toBeLessThan(60);
    expect(await portal.getByTestId('seats-table').getAttribute('aria-rowcount')).toBe(String(SEATS + 1));

    // To the very end: the last block is fetched, and the DOM still holds only a window of rows.
    await portal.getByTestId('seats-scroller').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expectText(portal.getByTestId('seats-table'), new RegExp(seatEmail(SEATS - 1)));
    expect(await renderedRows(portal)).toBeLessThan(60);
    await screenshot(portal, 'portal-en-seats-10k');

    await portal.getByTestId('seat-search').fill('user0999');
    await expectText(portal.getByTestId('seat-count'), /^10 seats match "user0999"$/);
    await expect.poll(() => portal.getByTestId('seat-row').count()).toBe(10);
    await expectText(portal.getByTestId('seats-table'), /user09990@contoso\.com[\s\S]*user09999@contoso\.com/);

    await portal.getByTestId('seat-search').fill('');
    await expectText(portal.getByTestId('seat-count'), /^10,000 seats assigned$/);
    await portal.getByTestId('seat-sort').selectOption('status');
    await portal.getByTestId('seat-order').click();
    // Descending status: suspended seats first (every thirtieth, from the top of the list down).
    await expectText(portal.getByTestId('seat-row').first(), /user09990@contoso\.com\s+Suspended/);
    // A column header sorts too: last check-in, most recent first.
    const lastCheckIn = portal.getByRole('columnheader', { name: 'Last check-in' });
    await lastCheckIn.click();
    await expect.poll(() => lastCheckIn.getAttribute('aria-sort')).toBe('descending');
    await expectText(portal.getByTestId('seat-row').first(), /@contoso\.com\s+(Active|Suspended)\s+(?!Never)\S/);
    expect(await renderedRows(portal)).toBeLessThan(60);
  });

  it('builds the admin-consent link for the signed-in tenant on the IT help page', async () => {
    await portal.getByRole('navigation').getByRole('link', { name: 'IT help' }).click();
    const link = portal.getByTestId('admin-consent-link');
    await expect
      .poll(() => link.getAttribute('href'), { timeout: 15_000 })
      .toMatch(
        /^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0\/adminconsent\?client_id=[0-9a-f-]{36}&scope=openid\+profile\+offline_access\+.*&redirect_uri=/,
      );
    expect(decodeURIComponent((await link.getAttribute('href'))!)).toContain(
      `redirect_uri=${server.baseUrl}/portal.html`,
    );
    expect(await portal.getByTestId('manifest-download').getAttribute('href')).toBe('/manifest.xml');
    expect(await portal.getByTestId('app-package-download').getAttribute('href')).toBe('/manifest.zip');
    await expectText(
      portal.getByTestId('it-help'),
      /app package \(the unified manifest for Microsoft 365\) works in Outlook on Windows and on the web only/,
    );
    // The privacy and terms pages the unified manifest points at, linked from IT help.
    const legal = await portal.context().newPage();
    await legal.goto(`${server.baseUrl}/privacy.html`);
    await expectText(legal.getByTestId('legal-privacy'), /never reach the Outmerge server/);
    await legal.getByRole('link', { name: 'Terms of use' }).click();
    await expectText(legal.getByTestId('legal-terms'), /Acceptable use/);
    await legal.close();
    await screenshot(portal, 'portal-en-ithelp');
  });
});

describe("the pane's admin view", () => {
  let pane: Page;

  it('shows the owner seats used and free, searches the seat list and assigns a seat', async () => {
    // Outlook is another browser: its own storage and sign-in.
    const outlook = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    pane = await outlook.newPage();
    await pane.goto(`${server.baseUrl}/playground.html`);
    const taskPane = pane.getByTestId('task-pane');
    await signIn(pane, 'olivia@contoso.com', taskPane);
    await expectText(taskPane.getByTestId('pane-license-help'), /You have no seat yourself/);
    await taskPane.getByTestId('pane-admin-toggle').click();
    const subscription = taskPane.getByTestId('pane-subscription');
    await expect
      .poll(() => subscription.getByRole('img').getAttribute('aria-label'))
      .toBe('10,000 of 10,050 seats assigned, 50 free');
    await expect.poll(() => subscription.getByTestId('pane-seat-list').locator('li').count()).toBe(50);
    await subscription.getByTestId('pane-seat-search').fill('user0003');
    await expectText(subscription.getByTestId('pane-seat-list'), /user00030@contoso\.com\s*Suspended/);

    await subscription.getByTestId('pane-assign-email').fill('olivia@contoso.com');
    await subscription.getByTestId('pane-assign').click();
    await expectText(subscription.getByTestId('pane-admin-notice'), /olivia@contoso\.com has a seat now/);
    await expect
      .poll(() => subscription.getByRole('img').getAttribute('aria-label'))
      .toBe('10,001 of 10,050 seats assigned, 49 free');
    await subscription.getByTestId('pane-seat-search').fill('olivia');
    await expectText(subscription.getByTestId('pane-seat-list'), /olivia@contoso\.com\s*Pending/);

    // Her next license check binds the seat; the pane then names whom to ask.
    await taskPane.getByRole('button', { name: 'Check again' }).click();
    await expectText(taskPane.getByTestId('license-status'), /^Licensed$/);
    await expectText(taskPane.getByTestId('pane-license-help'), /Your seat belongs to a subscription you administer/);
    await subscription.getByTestId('pane-seat-search').fill('user0003');
    await expectText(subscription.getByTestId('pane-seat-list'), /^user00030@contoso\.com/);
    await screenshot(taskPane, 'pane-en-admin');
  });

  it("shows dashboard, seats and the pane's admin view in French and German", async () => {
    for (const locale of ['fr', 'de'] as const) {
      await portal.getByTestId('language').selectOption(locale);
      await portal.evaluate(() => (window.location.hash = '#/'));
      await expectText(
        portal.getByTestId('subscription-card'),
        locale === 'fr' ? /Administrateurs délégués/ : /Delegierte Administratoren/,
      );
      await screenshot(portal, `portal-${locale}-dashboard-10k`);
      await portal.getByTestId('subscription-card').getByRole('button').click();
      await expectText(
        portal.getByTestId('seat-count'),
        locale === 'fr' ? /10\s001 licences attribuées/ : /10\.001 Lizenzen zugewiesen/,
      );
      await expectText(portal.getByTestId('seats-table'), /user00000@contoso\.com/);
      await screenshot(portal, `portal-${locale}-seats-10k`);
      await portal.evaluate(() => (window.location.hash = '#/it-help'));
      await expect.poll(() => portal.getByTestId('admin-consent-link').count()).toBe(1);
      await screenshot(portal, `portal-${locale}-ithelp`);

      await pane.getByTestId('language').first().selectOption(locale);
      const taskPane = pane.getByTestId('task-pane');
      await expectText(
        taskPane.getByTestId('pane-license-help'),
        locale === 'fr'
          ? /Ta licence fait partie d’un abonnement que tu administres/
          : /Deine Lizenz gehört zu einem Abonnement, das du verwaltest/,
      );
      await screenshot(taskPane, `pane-${locale}-admin`);
    }
  });
});
