/**
 * The manifests a deployment serves for its PUBLIC_URL: the add-in only manifest against
 * Microsoft's XSDs, the unified manifest and its app package against the JSON schemas.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkManifest } from '../../server/src/manifest/checkManifest.js';
import { languageFileErrors, unifiedManifestErrors, validateWithXsd } from '../helpers/manifestSchemas.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const PUBLIC_URL = 'https://outmerge.contoso.example';
const CLIENT_ID = '7e3f9a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ PUBLIC_URL, ENTRA_CLIENT_ID: CLIENT_ID });
});
afterAll(() => server.close());

describe('the manifests of a deployment', () => {
  it("serves the add-in only manifest for its URL, valid against Microsoft's XSDs", async () => {
    const response = await server.call('GET', '/manifest.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="outmerge-manifest.xml"');
    expect(validateWithXsd(response.body)).toEqual({ valid: true, errors: '' });
    expect(checkManifest(response.body, PUBLIC_URL)).toEqual([]);
    expect(response.body).toContain(`<SourceLocation DefaultValue="${PUBLIC_URL}/taskpane.html"/>`);
  });

  it('serves the unified manifest for its URL and app registration, valid against the schema', async () => {
    const response = await server.call('GET', '/manifest.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const manifest = response.json<{
      webApplicationInfo: { id: string };
      extensions: Array<{ runtimes: Array<{ code: { page: string } }> }>;
    }>();
    expect(unifiedManifestErrors(manifest)).toEqual([]);
    expect(manifest.webApplicationInfo.id).toBe(CLIENT_ID);
    expect(manifest.extensions[0]?.runtimes[0]?.code.page).toBe(`${PUBLIC_URL}/taskpane.html`);
  });

  it('serves the app package: the same manifest, its icons and language files', async () => {
    const response = await server.call('GET', '/manifest.zip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe('attachment; filename="outmerge-app-package.zip"');
    const files = unzipSync(new Uint8Array(response.rawPayload));
    expect(Object.keys(files).sort()).toEqual([
      'color.png',
      'de-de.json',
      'fr-fr.json',
      'manifest.json',
      'outline.png',
    ]);
    const manifest: unknown = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest).toEqual((await server.call('GET', '/manifest.json')).json());
    for (const name of ['fr-fr.json', 'de-de.json'])
      expect(languageFileErrors(JSON.parse(new TextDecoder().decode(files[name])))).toEqual([]);
  });

  it('lets Outlook and the admin center fetch them from their own origins', async () => {
    for (const url of ['/manifest.xml', '/manifest.json', '/manifest.zip'])
      expect((await server.call('GET', url)).headers['cross-origin-resource-policy']).toBe('cross-origin');
  });
});
