/**
 * The headers the production configuration sends (Entra, real Graph, an https PUBLIC_URL), file by
 * file: Outlook on the web and the new Outlook must be able to frame the pane and load its icons
 * and scripts from their own origins, the portal's sign-in popup must keep its opener, and nothing
 * else may be framed or read cross-origin. NODE_ENV=production itself cannot be built in a test: it
 * refuses the simulated payment provider, the only one there is.
 * The browser's side of these headers: tests/e2e/outlookFraming.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const OUTLOOK = ['https://outlook.office.com', 'https://outlook.office365.com', 'https://*.cloud.microsoft'];
let server: TestServer;
let pages: string;

/** A built site in miniature: the files whose paths the headers depend on. */
function writePages(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-pages-'));
  for (const page of ['index.html', 'taskpane.html', 'portal.html', 'playground.html', 'privacy.html', 'outmerge.html'])
    fs.writeFileSync(path.join(dir, page), `<!doctype html><title>${page}</title>`);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.copyFileSync(path.resolve('addin/public/assets/icon-80.png'), path.join(dir, 'assets/icon-80.png'));
  fs.mkdirSync(path.join(dir, 'js'));
  fs.writeFileSync(path.join(dir, 'js/taskpane.0123abcd.js'), 'console.log("pane");');
  return dir;
}

function directive(csp: string | undefined, name: string): string[] {
  const found = (csp ?? '')
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found ? found.slice(1) : [];
}

beforeAll(async () => {
  pages = writePages();
  server = await startTestServer({
    IDENTITY_PROVIDER: 'entra',
    ENTRA_CLIENT_ID: '7e3f9a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    GRAPH_BASE_URL: 'https://graph.microsoft.com',
    PUBLIC_URL: 'https://outmerge.contoso.example',
    STATIC_DIR: pages,
  });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(pages, { recursive: true, force: true });
});

describe('headers in the production configuration', () => {
  it('the task pane: framed by Outlook on the web and the new Outlook, loadable cross-origin, no opener policy', async () => {
    const response = await server.call('GET', '/taskpane.html');
    expect(response.statusCode).toBe(200);
    const ancestors = directive(response.headers['content-security-policy'] as string, 'frame-ancestors');
    expect(ancestors[0]).toBe("'self'");
    expect(ancestors).toEqual(expect.arrayContaining(OUTLOOK));
    // *.microsoft.com does not cover outlook.cloud.microsoft; broad Microsoft wildcards are not needed either.
    expect(ancestors).not.toContain('https://*.microsoft.com');
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['cross-origin-opener-policy']).toBeUndefined();
    // The rest of the policy is intact: Office.js from Microsoft's CDN, Graph and sign-in.
    expect(directive(response.headers['content-security-policy'] as string, 'script-src')).toContain(
      'https://appsforoffice.microsoft.com',
    );
    // Scripts from our origin and Microsoft's CDN only, and no string made into code: the merge engine generates none.
    expect(directive(response.headers['content-security-policy'] as string, 'script-src')).toEqual([
      "'self'",
      'https://appsforoffice.microsoft.com',
    ]);
    expect(directive(response.headers['content-security-policy'] as string, 'connect-src')).toContain(
      'https://graph.microsoft.com',
    );
  });

  it('an icon and a script: loadable by Outlook from its own origin', async () => {
    for (const url of ['/assets/icon-80.png', '/js/taskpane.0123abcd.js']) {
      const response = await server.call('GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    }
  });

  it('the portal: framed by itself only, same-origin resources, no opener policy so that its sign-in popup reports back', async () => {
    const response = await server.call('GET', '/portal.html');
    expect(directive(response.headers['content-security-policy'] as string, 'frame-ancestors')).toEqual(["'self'"]);
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(response.headers['cross-origin-opener-policy']).toBeUndefined();
  });

  it('other pages keep the popups they open and isolate themselves from pages that open them', async () => {
    // The page about Outmerge is opened from the footer of messages, in any webmail: framed by nobody, no referrer onwards.
    for (const url of ['/', '/playground.html', '/privacy.html', '/outmerge.html']) {
      const response = await server.call('GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('public, max-age=0');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
      expect(directive(response.headers['content-security-policy'] as string, 'frame-ancestors')).toEqual(["'self'"]);
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it('the manifests: a route of its own headers (cross-origin resources), the rest of the hardening as everywhere', async () => {
    for (const url of ['/manifest.xml', '/manifest.json', '/manifest.zip']) {
      const response = await server.call('GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(directive(response.headers['content-security-policy'] as string, 'frame-ancestors')).toEqual(["'self'"]);
    }
    // The route's headers stay its own: the next answer elsewhere is back to same-origin.
    expect((await server.call('GET', '/api/v1/plans')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('an API answer: same-origin, framed by nobody else, the usual hardening', async () => {
    const response = await server.call('GET', '/api/v1/plans');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(directive(response.headers['content-security-policy'] as string, 'frame-ancestors')).toEqual(["'self'"]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const missing = await server.call('GET', '/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});

describe("the payment provider's script", () => {
  it("the portal may load Stripe.js only with the Stripe provider, from Stripe's documented origins; no other page may", async () => {
    const stripe = await startTestServer({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_headers',
      STRIPE_WEBHOOK_SECRET: 'whsec_headers',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_headers',
      STATIC_DIR: pages,
    });
    try {
      const csp = (await stripe.call('GET', '/portal.html')).headers['content-security-policy'] as string;
      expect(directive(csp, 'script-src')).toEqual(
        expect.arrayContaining(["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com']),
      );
      expect(directive(csp, 'frame-src')).toEqual(
        expect.arrayContaining(['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com']),
      );
      expect(directive(csp, 'connect-src')).toContain('https://api.stripe.com');
      expect(directive(csp, 'frame-ancestors')).toEqual(["'self'"]);
      for (const url of ['/taskpane.html', '/playground.html', '/api/v1/plans']) {
        const other = (await stripe.call('GET', url)).headers['content-security-policy'] as string;
        expect(other).not.toContain('stripe.com');
      }
    } finally {
      await stripe.close();
    }
    expect((await server.call('GET', '/portal.html')).headers['content-security-policy']).not.toContain('stripe.com');
  });
});
