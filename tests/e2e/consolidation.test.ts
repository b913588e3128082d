/**
 * Consolidation as users meet it (issue 15, point 4), end to end in Chromium through the real
 * portal: Olivia, owner of her organisation's subscription, invites her colleague Bob, who bought
 * his own, to merge it in — she sees what it does and the credit before sending; Bob, in French,
 * sees who asks, what happens to his seats and the same credit, and accepts; Olivia, in German,
 * finds the credit note for Bob's invoice in her billing tab and opens it. Bob stays licensed.
 * Screenshots of each screen; axe-core on the two new ones.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectText,
  launchChromium,
  screenshot,
  startServerProcess,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
let target = '';
let credit = '';

async function call<T>(
  method: string,
  path: string,
  email: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const token = (
    (await (
      await fetch(`${server.baseUrl}/dev/idp/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      })
    ).json()) as { access_token: string }
  ).access_token;
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A portal signed in as `email` (the development identity), in `locale`; bypassCSP for axe-core. */
async function portalAs(email: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, bypassCSP: true });
  contexts.push(context);
  await context.addInitScript(
    (address) => localStorage.setItem('outmerge.devIdentity', JSON.stringify({ email: address })),
    email,
  );
  return context.newPage();
}

/** The digits of an amount, whatever the language writes around them ("€9.99", "9,99 €"). */
const digits = (text: string) => /\d[\d.,\s\u202f]*\d/.exec(text)![0].replace(/\D/g, '');

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess({}), launchChromium()]);
  const buy = (email: string, quantity: number) =>
    call<{ subscriptionId: string }>(
      'POST',
      '/api/v1/checkout',
      email,
      { plan: 'monthly', quantity, card: '4242424242424242' },
      { 'idempotency-key': `e2e-consolidation-${email}` },
    );
  target = (await buy('olivia@contoso.com', 5)).subscriptionId;
  await call('POST', `/api/v1/subscriptions/${target}/assignments`, 'olivia@contoso.com', {
    emails: ['olivia@contoso.com'],
  });
  const source = (await buy('bob@contoso.com', 2)).subscriptionId;
  await call('POST', `/api/v1/subscriptions/${source}/assignments`, 'bob@contoso.com', {
    emails: ['bob@contoso.com', 'carol@contoso.com'],
  });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe("merging a colleague's subscription", () => {
  it('the owner previews what merging does, with the credit, and sends the invitation', async () => {
    const olivia = await portalAs('olivia@contoso.com', 'en-US');
    await olivia.goto(`${server.baseUrl}/portal.html#/subscriptions/${target}`);
    await olivia.getByTestId('merge-invite').click();
    const dialog = olivia.getByRole('dialog');
    await dialog.getByTestId('merge-invite-email').fill('bob@contoso.com');
    await dialog.getByTestId('merge-invite-preview').click();
    await expectText(
      dialog.getByTestId('merge-invite-terms'),
      /bob@contoso\.com's subscription: Monthly, 2 seats \(2 assigned\)[\s\S]*2 people get a seat here; 4 seats are free here now\./,
    );
    await expectText(
      dialog.getByTestId('merge-invite-credit'),
      /Credit to this subscription if accepted today: €\d+\.\d\d/,
    );
    credit = digits(await dialog.getByTestId('merge-invite-credit').innerText());
    await screenshot(dialog, 'consolidation-en-invite-preview');
    await expectAccessible(olivia, 'consolidation invite dialog');
    await dialog.getByTestId('merge-invite-send').click();
    await expectText(dialog.getByTestId('merge-invite-notice'), /Invitation sent to bob@contoso\.com\. It expires on/);
    await expectText(dialog.getByTestId('merge-invitations-sent'), /bob@contoso\.com: waiting for an answer until/);
    await screenshot(dialog, 'consolidation-en-invite-sent');
  });

  it('the colleague sees who asks, what happens to his seats and the same credit, in French, and accepts', async () => {
    const bob = await portalAs('bob@contoso.com', 'fr-FR');
    await bob.goto(`${server.baseUrl}/portal.html`);
    const request = bob.getByTestId('merge-request');
    await expectText(request, /olivia@contoso\.com demande à fusionner ton abonnement/);
    await expectText(
      request,
      /2 personnes gardent une licence, déplacée dans son abonnement\. Ton abonnement prend fin maintenant et sa propriété passe à olivia@contoso\.com\./,
    );
    expect(digits(await request.getByTestId('merge-request-credit').innerText())).toBe(credit);
    await screenshot(bob.getByTestId('merge-requests'), 'consolidation-fr-request');
    await expectAccessible(bob, 'consolidation request');
    await request.getByTestId('merge-request-accept').click();
    await expectText(
      bob.getByTestId('merge-requests-notice'),
      /Fusion faite\u202f: 2 licences déplacées, .* en avoir \(CN-\d{4}-\d{6}\)\./,
    );
    expect(digits((await bob.getByTestId('merge-requests-notice').innerText()).split('déplacées')[1]!)).toBe(credit);
    await screenshot(bob.getByTestId('merge-requests'), 'consolidation-fr-accepted');
    // His people are licensed by Olivia's subscription now.
    const check = await call<{ code: string; subscriptionId: string }>(
      'POST',
      '/api/v1/license/check',
      'bob@contoso.com',
      { nonce: 'e2e-consolidation-nonce-0001' },
    );
    expect(check).toMatchObject({ code: 'ACTIVE', subscriptionId: target });
  });

  it("the owner finds the credit note for the colleague's invoice in her billing tab, in German, and opens it", async () => {
    const olivia = await portalAs('olivia@contoso.com', 'de-DE');
    await olivia.goto(`${server.baseUrl}/portal.html#/subscriptions/${target}`);
    await expectText(olivia.getByRole('heading', { level: 2 }), /5 Lizenzen/);
    await olivia.getByTestId('tab-billing').click();
    const notes = olivia.getByTestId('credit-notes');
    await expectText(notes, /CN-\d{4}-\d{6}[\s\S]*Korrigiert OM-\d{4}-\d{6} · Guthaben für die nächsten Rechnungen/);
    expect(digits((await notes.locator('tbody tr').first().innerText()).split('Rechnungen')[1]!)).toBe(credit);
    await notes.scrollIntoViewIfNeeded();
    await screenshot(olivia, 'consolidation-de-billing');
    const number = /CN-\d{4}-\d{6}/.exec(await notes.innerText())![0];
    const [page] = await Promise.all([
      olivia.context().waitForEvent('page'),
      olivia.getByTestId(`credit-note-${number}`).click(),
    ]);
    await expectText(
      page.locator('body'),
      new RegExp(
        `Gutschrift ${number}[\\s\\S]*Korrigiert die Rechnung OM-\\d{4}-\\d{6}[\\s\\S]*Bezahlte, ungenutzte Zeit der Rechnung`,
      ),
    );
    await screenshot(page, 'consolidation-de-credit-note');
  });
});
