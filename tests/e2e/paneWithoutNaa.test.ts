/**
 * The task pane in an Outlook without nested app authentication (NestedAppAuth 1.1 not supported),
 * end to end in Chromium: the built pane and sign-in page over HTTPS from the real server
 * configured for Entra, Office.js replaced by a stand-in with Office's documented dialog rules
 * (officeStandIn.ts), Microsoft Entra by a stand-in of its authorize and token endpoints
 * (entraStandIn.ts) whose signing keys the server fetches as its production validator does.
 *
 * The pane signs in through the Office dialog, the server accepts the access token it was handed
 * (license check), a feature's Graph permission is asked for when the feature is used, and a
 * permission the organisation has not granted is explained with the tenant's admin-consent link,
 * in the pane's language (German here).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAuthDialogMessage } from '../../addin/src/auth/authDialogProtocol.js';
import { EntraStandIn } from './entraStandIn.js';
import { installOffice, type DialogMessage } from './officeStandIn.js';
import { expectText, launchChromium, openStep, screenshot, startServerProcess, type ServerProcess } from './support.js';

const CLIENT = '5b0c7e1d-3f2a-4c6b-8d9e-0a1b2c3d4e5f';
const API = `api://${CLIENT}/access_as_user`;
const ANNA = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  objectId: 'a0a0a0a0-0000-4000-8000-000000000001',
  email: 'anna@contoso.com',
  name: 'Anna Lindqvist',
};

let certificates: string;
let keys: { url: string; close(): Promise<void> };
let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let entra: EntraStandIn;
let messages: DialogMessage[];
let pane: Page;

beforeAll(async () => {
  // Office opens dialogs over HTTPS only (12005): the server gets a certificate for localhost.
  certificates = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      path.join(certificates, 'key.pem'),
      '-out',
      path.join(certificates, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  // The organisation granted sign-in only, and users may not consent themselves.
  entra = await EntraStandIn.create({
    clientId: CLIENT,
    redirectUris: [],
    user: ANNA,
    consented: [API, 'User.Read'],
    userMayConsent: false,
  });
  keys = await entra.serveKeys();
  [server, browser] = await Promise.all([
    startServerProcess({
      IDENTITY_PROVIDER: 'entra',
      ENTRA_CLIENT_ID: CLIENT,
      ENTRA_JWKS_URL: keys.url,
      TLS_CERT_FILE: path.join(certificates, 'cert.pem'),
      TLS_KEY_FILE: path.join(certificates, 'key.pem'),
    }),
    launchChromium(),
  ]);
  entra.registerRedirectUri(`${server.baseUrl}/auth-dialog.html`);
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 480, height: 900 } });
  await entra.install(context);
  messages = await installOffice(context, {
    displayLanguage: 'de-DE',
    email: ANNA.email,
    subject: 'Hallo {{Vorname}}',
    bodyHtml: '<p>Hallo {{Vorname}}</p>',
    nestedAppAuth: false,
  });
  pane = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await keys?.close();
  if (certificates) fs.rmSync(certificates, { recursive: true, force: true });
});

describe('the pane in an Outlook without nested app authentication', () => {
  it('signs in through the Office dialog; the server accepts the token it handed back', async () => {
    await pane.goto(`${server.baseUrl}/taskpane.html`);
    await pane.getByTestId('sign-in').click();
    await expectText(pane.getByTestId('signed-in-as'), /Angemeldet als anna@contoso\.com/, 30_000);
    // The license check went through the server's production token validation: a normal answer.
    await expectText(pane.getByTestId('license-status'), /Kostenlose Version/);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ page: '/auth-dialog.html', targetOrigin: server.baseUrl });
    expect(decodeAuthDialogMessage(messages[0]!.message)).toMatchObject({ ok: true, op: 'token', account: ANNA });
    for (const secret of entra.secretsIssued) expect(messages[0]!.message).not.toContain(secret);
    // Sign-in asked Entra for the API (and User.Read to consent), no Mail or Contacts permission.
    const authorize = entra.requests.filter((r) => r.endpoint === 'authorize');
    expect(authorize).toHaveLength(1);
    expect(authorize[0]!.params.scope).not.toMatch(/Mail\.|Contacts\./);
    expect(authorize[0]!.params.login_hint).toBe('anna@contoso.com');
  });

  it('asks for Contacts.Read when contacts are loaded, and explains what IT must grant, with the admin-consent link', async () => {
    const before = entra.requests.length;
    await openStep(pane, 'recipients');
    await pane.getByText('Oder Outlook-Kontakte verwenden').click();
    await pane.getByTestId('load-contacts').click();
    const notice = pane.getByTestId('consent-required');
    await expectText(notice, /Deine Organisation hat das für Outmerge noch nicht genehmigt/, 30_000);
    expect(await pane.getByTestId('consent-permission').allInnerTexts()).toEqual([
      'Contacts.Read: deine Outlook-Kontakte als Empfängerliste lesen',
    ]);
    const link = pane.getByTestId('consent-admin-link');
    await expect
      .poll(() => link.getAttribute('href'), { timeout: 15_000 })
      .toMatch(new RegExp(`^https://login\\.microsoftonline\\.com/${ANNA.tenantId}/v2\\.0/adminconsent\\?`));
    const consent = new URL((await link.getAttribute('href'))!);
    expect(consent.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['https://graph.microsoft.com/Contacts.Read', API]),
    );
    // Silent first (refused), then Entra's page, where the user could not consent: nothing else.
    const asked = entra.requests.slice(before);
    expect(asked.map((r) => `${r.endpoint}:${r.params.grant_type ?? ''}`)).toEqual([
      'token:refresh_token',
      'authorize:',
    ]);
    expect(asked[0]!.params.scope?.split(' ')).toContain('https://graph.microsoft.com/Contacts.Read');
    expect(asked[0]!.params.scope).not.toMatch(/Mail\./);
    await screenshot(pane, 'pane-de-consent-required');
  });

  it('when the organisation approved nothing, sign-in itself stops and the user gets the link for IT', async () => {
    const bob = {
      tenantId: 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f',
      objectId: 'b0b0b0b0-0000-4000-8000-000000000002',
      email: 'bob@fabrikam.com',
      name: 'Bob',
    };
    const fabrikam = await EntraStandIn.create({
      clientId: CLIENT,
      redirectUris: [`${server.baseUrl}/auth-dialog.html`],
      user: bob,
      consented: [],
      userMayConsent: false,
    });
    const outlook = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 480, height: 900 } });
    await fabrikam.install(outlook);
    await installOffice(outlook, {
      displayLanguage: 'en-US',
      email: bob.email,
      subject: 'Hello',
      bodyHtml: '<p>Hello</p>',
      nestedAppAuth: false,
    });
    const bobsPane = await outlook.newPage();
    await bobsPane.goto(`${server.baseUrl}/taskpane.html`);
    await bobsPane.getByTestId('sign-in').click();
    await expectText(
      bobsPane.getByTestId('consent-required'),
      /Your organisation has not approved this for Outmerge yet/,
      30_000,
    );
    expect(await bobsPane.getByTestId('consent-permission').allInnerTexts()).toEqual([
      'access_as_user: sign you in to Outmerge and check your license',
    ]);
    // No token to ask the server with: the link consents in the administrator's own tenant.
    const link = new URL((await bobsPane.getByTestId('consent-admin-link').getAttribute('href'))!);
    expect(`${link.origin}${link.pathname}`).toBe('https://login.microsoftonline.com/organizations/v2.0/adminconsent');
    expect(link.searchParams.get('client_id')).toBe(CLIENT);
    expect(link.searchParams.get('redirect_uri')).toBe(`${server.baseUrl}/portal.html`);
    expect(link.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([
        'openid',
        'profile',
        'offline_access',
        API,
        'https://graph.microsoft.com/Mail.ReadWrite',
      ]),
    );
    expect(await bobsPane.getByTestId('signed-in-as').count()).toBe(0);
    await screenshot(bobsPane, 'pane-en-sign-in-consent-required');
    await outlook.close();
  });
});
