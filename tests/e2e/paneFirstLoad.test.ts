/**
 * The task pane's first load in Outlook with nested app authentication, in Chromium against the
 * real server configured for Entra (production pages, compressed, with the production CSP):
 * - what the pane runs before anyone signs in is exactly what its page references; what it fetches
 *   besides is the later screens, prefetched while the browser is idle (taskpane/laterScreens.ts).
 *   MSAL is not among either, and arrives when the user presses "Sign in" (lazyAuth.ts);
 * - no script is refused by the Content Security Policy, which allows no 'unsafe-eval'.
 * Office.js is the stand-in of officeStandIn.ts (NestedAppAuth 1.1 supported), Entra the stand-in
 * of entraStandIn.ts (its keys for the server's ENTRA_JWKS_URL).
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksWithSources, referencedAssets } from '../../bench/paneSize.js';
import { EntraStandIn } from './entraStandIn.js';
import { installOffice } from './officeStandIn.js';
import { expectText, launchChromium, screenshot, startServerProcess, type ServerProcess } from './support.js';

const CLIENT = '5b0c7e1d-3f2a-4c6b-8d9e-0a1b2c3d4e5f';
const ANNA = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  objectId: 'a0a0a0a0-0000-4000-8000-000000000001',
  email: 'anna@contoso.com',
  name: 'Anna Lindqvist',
};

let keys: { url: string; close(): Promise<void> };
let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let pane: Page;
/** Paths of our origin the pane asked for, in order, with Chromium's resource type ("script"; a prefetch is "other"). */
const requested: Array<{ path: string; type: string }> = [];
/** Content Security Policy violations the page reported. */
const violations: string[] = [];

beforeAll(async () => {
  const entra = await EntraStandIn.create({
    clientId: CLIENT,
    redirectUris: [],
    user: ANNA,
    consented: [`api://${CLIENT}/access_as_user`, 'User.Read'],
    userMayConsent: false,
  });
  keys = await entra.serveKeys();
  [server, browser] = await Promise.all([
    startServerProcess({ IDENTITY_PROVIDER: 'entra', ENTRA_CLIENT_ID: CLIENT, ENTRA_JWKS_URL: keys.url }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 480, height: 900 } });
  await entra.install(context);
  await installOffice(context, {
    displayLanguage: 'en-US',
    email: ANNA.email,
    subject: 'Hello {{First}}',
    bodyHtml: '<p>Hello {{First}}</p>',
    nestedAppAuth: true,
  });
  await context.exposeBinding('__cspViolation', (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __cspViolation(text: string): void }).__cspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  pane = await context.newPage();
  pane.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === server.baseUrl) requested.push({ path: url.pathname, type: request.resourceType() });
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await keys?.close();
});

describe("the pane's first load in Outlook with nested app authentication", () => {
  it('runs what its page references, prefetches the later screens, no MSAL before sign-in, no script refused by the CSP', async () => {
    await pane.goto(`${server.baseUrl}/taskpane.html`, { waitUntil: 'networkidle' });
    await pane.getByTestId('sign-in').waitFor({ timeout: 30_000 });
    const html = await (await fetch(`${server.baseUrl}/taskpane.html`)).text();
    const referenced = referencedAssets(html).filter((src) => !/^https?:/i.test(src));
    const js = requested.filter((r) => r.path.endsWith('.js'));
    expect(new Set(js.filter((r) => r.type === 'script').map((r) => r.path))).toEqual(new Set(referenced));
    // The rest was fetched as a prefetch, and holds the screens the pane opens later.
    const prefetched = js.filter((r) => r.type !== 'script');
    expect(prefetched.map((r) => r.type)).toEqual(prefetched.map(() => 'other'));
    const screens = chunksWithSources(
      path.resolve('build/addin/js'),
      /addin\/src\/(taskpane\/(RecipientsStep|PreviewStep|SendStep|ReportStep)|history\/HistoryPanel)\.tsx$/,
    ).map((chunk) => `/${chunk}`);
    expect(screens).toHaveLength(5);
    expect(prefetched.map((r) => r.path)).toEqual(expect.arrayContaining(screens));
    expect(referenced.filter((src) => screens.includes(src))).toEqual([]);
    const msal = chunksWithSources(path.resolve('build/addin/js'), /@azure\/msal-/).map((chunk) => `/${chunk}`);
    expect(msal.length).toBeGreaterThan(0);
    expect(requested.filter((r) => msal.includes(r.path))).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('loads MSAL when the user presses "Sign in"', async () => {
    const msal = chunksWithSources(path.resolve('build/addin/js'), /@azure\/msal-browser/).map((chunk) => `/${chunk}`);
    const loaded = pane.waitForRequest((request) => msal.includes(new URL(request.url()).pathname), {
      timeout: 30_000,
    });
    await pane.getByTestId('sign-in').click();
    await loaded;
    expect(violations).toEqual([]);
  });
});

describe('a later screen whose code does not arrive', () => {
  it('says so where the screen would be, keeps the pane, and shows the screen on "Try again"', async () => {
    const page = await context.newPage();
    // The recipients screen's chunk fails (a dropped connection; a pane open across a deployment).
    const chunk = /\/js\/pane-recipients\.[0-9a-f]+\.js$/;
    const refuse = (route: Route) => route.abort('connectionreset');
    await page.route(chunk, refuse);
    await page.goto(`${server.baseUrl}/taskpane.html`, { waitUntil: 'networkidle' });
    await page.getByTestId('step-recipients').click();
    await expectText(page.getByTestId('screen-failed'), /This part of Outmerge could not be shown/);
    await screenshot(page, 'pane-en-screen-failed');
    // The rest of the pane is still there: the other steps open.
    await page.getByTestId('step-message').click();
    await page.getByTestId('sign-in').waitFor();
    await page.getByTestId('step-recipients').click();
    await page.getByTestId('screen-failed').waitFor();
    // The connection is back: "Try again" loads the screen's code afresh.
    await page.unroute(chunk, refuse);
    await page.getByTestId('screen-retry').click();
    // The file input itself is hidden behind its button.
    await page.getByTestId('recipients-file').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Choose a CSV or Excel file' }).waitFor();
    expect(await page.getByTestId('screen-failed').count()).toBe(0);
    await page.close();
  });
});
