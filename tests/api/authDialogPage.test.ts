/**
 * The sign-in page of the Office dialog fallback as the server sends it: served from the pages
 * folder with a Cross-Origin-Opener-Policy that keeps Office's opener (Office's dialog error
 * reference: COOP same-origin makes the dialog report 12006), a CSP that lets MSAL reach Entra and
 * Office.js load, and framing allowed only to Outlook. Other pages keep their own headers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_DIALOG_PATH } from '#shared/api/authDialog.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let pages: string;
beforeAll(async () => {
  pages = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-pages-'));
  for (const page of ['index.html', 'auth-dialog.html', 'portal.html'])
    fs.writeFileSync(path.join(pages, page), `<!doctype html><title>${page}</title>`);
  server = await startTestServer({ STATIC_DIR: pages });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(pages, { recursive: true, force: true });
});

describe('the sign-in page of the Office dialog', () => {
  it('is served without COOP same-origin, also with the query Office and the pane add', async () => {
    for (const url of [AUTH_DIALOG_PATH, `${AUTH_DIALOG_PATH}?op=signin&lang=fr&_host_info=Outlook$Win32`]) {
      const response = await server.call('GET', url);
      expect(response.statusCode).toBe(200);
      // No opener policy at all (server/src/http/pageHeaders.ts): the browser's default, unsafe-none.
      expect(response.headers['cross-origin-opener-policy']).toBeUndefined();
    }
  });

  it("lets MSAL reach Entra's token endpoint and Office.js load, and only Outlook frame it", async () => {
    const csp = String((await server.call('GET', AUTH_DIALOG_PATH)).headers['content-security-policy']);
    expect(csp).toMatch(/connect-src [^;]*https:\/\/login\.microsoftonline\.com/);
    expect(csp).toMatch(/script-src [^;]*https:\/\/appsforoffice\.microsoft\.com/);
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/outlook\.office\.com/);
  });

  it('changes nothing for the other pages', async () => {
    const portal = await server.call('GET', '/portal.html');
    expect(portal.statusCode).toBe(200);
    expect(portal.headers['content-security-policy']).toMatch(/frame-ancestors 'self'(;|$)/);
  });
});
