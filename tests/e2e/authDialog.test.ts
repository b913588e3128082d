/**
 * The sign-in page of the Office dialog fallback, end to end in Chromium: the built page served by
 * the real server (configured for Entra), real MSAL (@azure/msal-browser 4) with the redirect flow,
 * against a stand-in for Entra's authorize and token endpoints (entraStandIn.ts) and Office.js as a
 * dialog sees it (officeStandIn.ts). What can be tested without Outlook: the page asks Entra
 * only for what the pane asked, silently once signed in, goes interactive only when Entra says so,
 * and hands back exactly one message per opening, an access token and never an ID or refresh token,
 * to the pane's own origin. Opening the dialog from Outlook is Office's part (the pane's side is the
 * unit test against a stand-in for Office's dialog).
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authDialogUrl,
  decodeAuthDialogMessage,
  type AuthDialogMessage,
  type AuthDialogRequest,
} from '../../addin/src/auth/authDialogProtocol.js';
import { EntraStandIn } from './entraStandIn.js';
import { installOffice, type DialogMessage } from './officeStandIn.js';
import { expectText, launchChromium, screenshot, startServerProcess, type ServerProcess } from './support.js';

const CLIENT = '0e6f9a52-7d2c-4d4a-9b8e-1c2d3e4f5a6b';
const API = `api://${CLIENT}/access_as_user`;
const GRAPH = (scope: string) => `https://graph.microsoft.com/${scope}`;
const ANNA = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  objectId: 'a0a0a0a0-0000-4000-8000-000000000001',
  email: 'anna@contoso.com',
  name: 'Anna Lindqvist',
};

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let entra: EntraStandIn;
let messages: DialogMessage[];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ IDENTITY_PROVIDER: 'entra', ENTRA_CLIENT_ID: CLIENT }),
    launchChromium(),
  ]);
  // The organisation consented to sign-in and contacts only, and does not let users consent themselves.
  entra = await EntraStandIn.create({
    clientId: CLIENT,
    redirectUris: [`${server.baseUrl}/auth-dialog.html`, `${server.baseUrl}/portal.html`],
    user: ANNA,
    consented: [API, 'User.Read', 'Contacts.Read'],
    userMayConsent: false,
  });
  context = await browser.newContext({ locale: 'fr-FR' });
  await entra.install(context);
  messages = await installOffice(context, {
    displayLanguage: 'fr-FR',
    email: ANNA.email,
    subject: '',
    bodyHtml: '',
    nestedAppAuth: false,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens the page as Office opens it (a fresh window each time) and waits for its one answer. */
async function openDialog(
  request: AuthDialogRequest,
): Promise<{ page: Page; answer: AuthDialogMessage; raw: DialogMessage; entraRequests: typeof entra.requests }> {
  const before = messages.length;
  const entraBefore = entra.requests.length;
  const page = await context.newPage();
  // Office appends _host_info to the address it opens in its dialog.
  const response = await page.goto(`${authDialogUrl(server.baseUrl, request)}&_host_info=${randomUUID()}`);
  // Office reports a dialog answering with COOP same-origin as closed (12006): the page sends no
  // opener policy (server/src/http/pageHeaders.ts), the browser's default unsafe-none.
  expect(response?.headers()['cross-origin-opener-policy'] ?? 'unsafe-none').toBe('unsafe-none');
  await expect.poll(() => messages.length, { timeout: 20_000 }).toBe(before + 1);
  const raw = messages[before]!;
  return { page, raw, answer: decodeAuthDialogMessage(raw.message), entraRequests: entra.requests.slice(entraBefore) };
}

describe('the sign-in page in the Office dialog', () => {
  it("signs in with the API's scope (and User.Read to consent), then hands back the API token, the account and nothing secret", async () => {
    const { page, raw, answer, entraRequests } = await openDialog({
      op: 'signin',
      loginHint: 'anna@contoso.com',
      locale: 'fr',
    });
    const authorize = entraRequests.filter((r) => r.endpoint === 'authorize');
    expect(authorize).toHaveLength(1);
    const asked = authorize[0]!.params;
    expect(asked.scope?.split(' ').sort()).toEqual(
      [API, GRAPH('User.Read'), 'offline_access', 'openid', 'profile'].sort(),
    );
    expect(asked).toMatchObject({
      client_id: CLIENT,
      redirect_uri: `${server.baseUrl}/auth-dialog.html`,
      response_type: 'code',
      code_challenge_method: 'S256',
      login_hint: 'anna@contoso.com',
    });
    const redemption = entraRequests.filter((r) => r.endpoint === 'token');
    expect(redemption.map((r) => [r.params.grant_type, r.origin])).toEqual([['authorization_code', server.baseUrl]]);

    expect(answer).toMatchObject({ ok: true, op: 'token', account: ANNA });
    if (!answer.ok || answer.op !== 'token') throw new Error('no token');
    expect(answer.scopes.map((s) => s.toLowerCase())).toContain(API.toLowerCase());
    expect(answer.expiresOn).toBeGreaterThan(Date.now());
    // Only the pane's own origin may receive it; no ID token, no refresh token.
    expect(raw.targetOrigin).toBe(server.baseUrl);
    for (const secret of entra.secretsIssued) expect(raw.message).not.toContain(secret);
    await expectText(page.getByTestId('auth-dialog-status'), /Connecté/);
    await screenshot(page, 'auth-dialog-fr-signed-in');
    await page.close();
  });

  it("answers the next opening from its own cache: a feature's Graph scope through the refresh token, no sign-in page", async () => {
    const { page, answer, entraRequests } = await openDialog({
      op: 'token',
      scopes: [GRAPH('Contacts.Read')],
      loginHint: 'anna@contoso.com',
      locale: 'fr',
    });
    expect(entraRequests.filter((r) => r.endpoint === 'authorize')).toEqual([]);
    const refresh = entraRequests.filter((r) => r.endpoint === 'token');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.params.grant_type).toBe('refresh_token');
    expect(refresh[0]!.params.scope?.split(' ')).toContain(GRAPH('Contacts.Read'));
    expect(answer).toMatchObject({ ok: true, op: 'token', account: { email: 'anna@contoso.com' } });
    if (answer.ok && answer.op === 'token')
      expect(answer.scopes.map((s) => s.toLowerCase())).toContain(GRAPH('Contacts.Read').toLowerCase());
    await page.close();
  });

  it('goes to Entra only when it says interaction is required, and reports a consent the organisation has not given', async () => {
    const { page, answer, entraRequests } = await openDialog({
      op: 'token',
      scopes: [GRAPH('Mail.ReadWrite'), GRAPH('Mail.Send')],
      loginHint: 'anna@contoso.com',
      locale: 'fr',
    });
    // Silent first (refused: consent_required), then the sign-in page, where the user may not consent.
    expect(entraRequests.map((r) => `${r.endpoint}:${r.params.grant_type ?? ''}`)).toEqual([
      'token:refresh_token',
      'authorize:',
    ]);
    expect(entraRequests[1]!.params.scope?.split(' ')).toEqual(
      expect.arrayContaining([GRAPH('Mail.ReadWrite'), GRAPH('Mail.Send')]),
    );
    expect(answer).toMatchObject({
      ok: false,
      reason: 'consent_required',
      message: expect.stringContaining('AADSTS65004'),
    });
    await page.close();
  });

  it('once IT has granted it, the same request is answered silently', async () => {
    entra.grant('Mail.ReadWrite');
    entra.grant('Mail.Send');
    const { page, answer, entraRequests } = await openDialog({
      op: 'token',
      scopes: [GRAPH('Mail.ReadWrite'), GRAPH('Mail.Send')],
      loginHint: 'anna@contoso.com',
      locale: 'fr',
    });
    expect(entraRequests.map((r) => r.endpoint)).toEqual(['token']);
    expect(answer).toMatchObject({ ok: true, op: 'token' });
    await page.close();
  });

  it('refuses a crafted address asking for more than Outmerge uses: nothing goes to Entra or to the pane', async () => {
    const before = messages.length;
    const entraBefore = entra.requests.length;
    const page = await context.newPage();
    await page.goto(
      `${server.baseUrl}/auth-dialog.html?op=token&scope=${encodeURIComponent(GRAPH('Mail.ReadWrite.All'))}`,
    );
    await expectText(page.getByTestId('auth-dialog-error'), /s’ouvre depuis le volet Outmerge dans Outlook/);
    expect(messages.length).toBe(before);
    expect(entra.requests.length).toBe(entraBefore);
    await page.close();
  });

  it("signs out by forgetting the account in its cache: the next request goes back to Entra's sign-in", async () => {
    const signOut = await openDialog({ op: 'signout', locale: 'fr' });
    expect(signOut.answer).toEqual({ ok: true, op: 'signout' });
    expect(signOut.entraRequests).toEqual([]);
    await signOut.page.close();
    const again = await openDialog({
      op: 'token',
      scopes: [GRAPH('Contacts.Read')],
      loginHint: 'anna@contoso.com',
      locale: 'fr',
    });
    expect(again.entraRequests.map((r) => r.endpoint)).toEqual(['authorize', 'token']);
    expect(again.entraRequests[0]!.params.login_hint).toBe('anna@contoso.com');
    expect(again.answer).toMatchObject({ ok: true, op: 'token' });
    await again.page.close();
  });
});
