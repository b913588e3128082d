/**
 * The browser's side of the security headers (tests/api/securityHeaders.test.ts reads them): does
 * Chromium let Outlook on the web (outlook.office.com) and the new Outlook (outlook.cloud.microsoft)
 * frame the task pane and load its icons and scripts, refuse every other framing, and keep the
 * portal's sign-in popup attached to its opener? And are the app package's icons what the
 * unified manifest's schema asks for (color 192×192; outline 32×32, white on transparent)?
 *
 * Real names, local servers: Chromium resolves outmerge.contoso.example, outlook.office.com,
 * outlook.cloud.microsoft, attacker.example and login.microsoftonline.com to local HTTPS servers
 * (port 443 in the URL, so the origins are exactly the ones in the policy). The app runs with the
 * production configuration over TLS with a throw-away certificate (openssl), which the browser
 * context accepts. The sign-in stand-in answers like Entra's authorize endpoint after sign-in: a
 * redirect to the registered redirect URI only, the code in the fragment (MSAL's default
 * response_mode=fragment); MSAL v4's popup client then polls the popup until it can read that URL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const APP = 'https://outmerge.contoso.example';
const OUTLOOK_WEB = 'https://outlook.office.com';
const NEW_OUTLOOK = 'https://outlook.cloud.microsoft';
const ATTACKER = 'https://attacker.example';
const LOGIN = 'https://login.microsoftonline.com';

let dir: string;
let app: TestServer;
let hosts: https.Server;
let login: https.Server;
let browser: Browser;
let context: BrowserContext;

function certificate(into: string): { cert: string; key: string } {
  const cert = path.join(into, 'cert.pem');
  const key = path.join(into, 'key.pem');
  const names = [APP, OUTLOOK_WEB, NEW_OUTLOOK, ATTACKER, LOGIN]
    .map((origin) => `DNS:${new URL(origin).hostname}`)
    .join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=outmerge-e2e',
      '-addext',
      `subjectAltName=${names}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** A built site in miniature: the files whose paths the headers depend on. */
function writePages(into: string): string {
  const root = path.join(into, 'pages');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(root, 'js'));
  for (const [file, title] of [
    ['index.html', 'Outmerge home'],
    ['taskpane.html', 'Outmerge pane'],
    ['portal.html', 'Outmerge portal'],
  ])
    fs.writeFileSync(path.join(root, file!), `<!doctype html><title>${title}</title><p>${title}</p>`);
  fs.copyFileSync(path.resolve('addin/public/assets/icon-80.png'), path.join(root, 'assets/icon-80.png'));
  fs.writeFileSync(path.join(root, 'js/taskpane.0123abcd.js'), 'window.paneScript = true;');
  return root;
}

async function listen(server: https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-framing-'));
  const tls = certificate(dir);
  app = await startTestServer({
    IDENTITY_PROVIDER: 'entra',
    ENTRA_CLIENT_ID: '7e3f9a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    GRAPH_BASE_URL: 'https://graph.microsoft.com',
    PUBLIC_URL: APP,
    STATIC_DIR: writePages(dir),
    TLS_CERT_FILE: tls.cert,
    TLS_KEY_FILE: tls.key,
  });
  const credentials = { cert: fs.readFileSync(tls.cert), key: fs.readFileSync(tls.key) };
  // Outlook's (and an attacker's) pages: an empty document the test fills in.
  hosts = https.createServer(credentials, (_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>host</title>'),
  );
  // Entra's authorize endpoint after sign-in: only the registered redirect URI, exactly.
  login = https.createServer(credentials, (request, response) => {
    const url = new URL(request.url ?? '/', LOGIN);
    const redirect = url.searchParams.get('redirect_uri') ?? '';
    if (url.pathname !== '/common/oauth2/v2.0/authorize' || ![`${APP}/portal.html`, `${APP}/`].includes(redirect))
      return response
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('AADSTS50011: The redirect URI does not match the redirect URIs configured for the application.');
    response
      .writeHead(302, { location: `${redirect}#code=test-code&state=${url.searchParams.get('state') ?? ''}` })
      .end();
  });
  const [hostsPort, loginPort] = [await listen(hosts), await listen(login)];
  const appPort = new URL(app.baseUrl).port;
  const rules = [
    `MAP ${new URL(APP).hostname} 127.0.0.1:${appPort}`,
    ...[OUTLOOK_WEB, NEW_OUTLOOK, ATTACKER].map((origin) => `MAP ${new URL(origin).hostname} 127.0.0.1:${hostsPort}`),
    `MAP ${new URL(LOGIN).hostname} 127.0.0.1:${loginPort}`,
    'EXCLUDE localhost',
  ];
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--host-resolver-rules=${rules.join(',')}`,
    ],
  });
  context = await browser.newContext({ ignoreHTTPSErrors: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => hosts?.close(resolve));
  await new Promise((resolve) => login?.close(resolve));
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens `host`, frames `src` in it and answers what the frame shows: its title, or null when the browser refused it. */
async function frameFrom(host: string, src: string): Promise<string | null> {
  const page = await context.newPage();
  try {
    await page.goto(`${host}/`);
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      return loaded;
    }, src);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    return frame
      ? await frame
          .evaluate(() => (document.location.href.startsWith('chrome-error:') ? null : document.title))
          .catch(() => null)
      : null;
  } finally {
    await page.close();
  }
}

/** From a page of `host`, a no-cors fetch of `url` (how an <img> or <script> loads): did the browser hand it over? */
async function loadsFrom(host: string, url: string): Promise<boolean> {
  const page = await context.newPage();
  try {
    await page.goto(`${host}/`);
    return await page.evaluate(
      (target) =>
        fetch(target, { mode: 'no-cors' }).then(
          () => true,
          () => false,
        ),
      url,
    );
  } finally {
    await page.close();
  }
}

/** What MSAL v4's popup client does: open the authorize URL, poll the popup until its URL is readable on our origin. */
async function signInPopup(page: Page, redirectUri: string): Promise<string> {
  return page.evaluate(
    async ({ authorize }) => {
      const popup = window.open(authorize, 'msal', 'width=480,height=600');
      if (!popup) return 'blocked';
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (popup.closed) return 'user_cancelled: the popup left our browsing context group';
        try {
          const href = popup.location.href;
          if (href.includes('#code=')) {
            popup.close();
            return `code ${new URL(href).hash}`;
          }
        } catch {
          // Still on the identity provider's origin.
        }
      }
      return 'timed_out';
    },
    {
      authorize: `${LOGIN}/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=${encodeURIComponent(redirectUri)}&state=s1`,
    },
  );
}

describe('Outlook framing the pane, in Chromium', () => {
  it('Outlook on the web and the new Outlook frame the task pane', async () => {
    expect(await frameFrom(OUTLOOK_WEB, `${APP}/taskpane.html`)).toBe('Outmerge pane');
    expect(await frameFrom(NEW_OUTLOOK, `${APP}/taskpane.html`)).toBe('Outmerge pane');
  });

  it('another site cannot frame the pane, and Outlook cannot frame the portal', async () => {
    expect(await frameFrom(ATTACKER, `${APP}/taskpane.html`)).toBeNull();
    expect(await frameFrom(OUTLOOK_WEB, `${APP}/portal.html`)).toBeNull();
  });

  it("Outlook loads the ribbon icon and the pane's scripts from its own origin; same-origin pages stay unreadable", async () => {
    expect(await loadsFrom(OUTLOOK_WEB, `${APP}/assets/icon-80.png`)).toBe(true);
    expect(await loadsFrom(NEW_OUTLOOK, `${APP}/js/taskpane.0123abcd.js`)).toBe(true);
    expect(await loadsFrom(OUTLOOK_WEB, `${APP}/portal.html`)).toBe(false);
  });

  it("the portal's sign-in popup reports back to the portal", async () => {
    const portal = await context.newPage();
    await portal.goto(`${APP}/portal.html`);
    expect(await signInPopup(portal, `${APP}/portal.html`)).toBe('code #code=test-code&state=s1');
    await portal.close();
  });

  it("control: a popup returning to a page with an opener policy is lost to its opener, as MSAL's docs warn", async () => {
    const portal = await context.newPage();
    await portal.goto(`${APP}/portal.html`);
    // index.html carries same-origin-allow-popups: fine for a page that opens popups, fatal for one a popup returns to.
    expect(await signInPopup(portal, `${APP}/`)).toMatch(/^user_cancelled/);
    await portal.close();
  });
});

describe("the app package's icons, decoded by the browser", () => {
  it('color is 192×192 and opaque inside; outline is 32×32, white on transparent', async () => {
    const zip = await app.call('GET', '/manifest.zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    const page = await context.newPage();
    try {
      const inspect = (png: Uint8Array) =>
        page.evaluate(async (base64) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
          const context2d = canvas.getContext('2d', { willReadFrequently: true })!;
          context2d.drawImage(image, 0, 0);
          const { data } = context2d.getImageData(0, 0, image.width, image.height);
          let visible = 0;
          let notWhite = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3]! === 0) continue;
            visible += 1;
            if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) notWhite += 1;
          }
          const centre = Array.from(
            context2d.getImageData(image.width / 2, Math.round(image.height * 0.15), 1, 1).data,
          );
          return { width: image.width, height: image.height, visible, notWhite, centreTop: centre };
        }, Buffer.from(png).toString('base64'));
      const color = await inspect(files['color.png']!);
      expect(color).toMatchObject({ width: 192, height: 192, centreTop: [15, 108, 189, 255] });
      const outline = await inspect(files['outline.png']!);
      expect(outline).toMatchObject({ width: 32, height: 32, notWhite: 0 });
      expect(outline.visible).toBeGreaterThan(100);
    } finally {
      await page.close();
    }
  });
});
