import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ PUBLIC_URL: 'https://outmerge.contoso.example' });
});
afterAll(() => server.close());

describe('public endpoints', () => {
  it('GET /healthz', async () => {
    expect((await server.call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('publishes the license signing keys without private parts', async () => {
    const { keys } = (await server.call('GET', '/.well-known/jwks.json')).json<{
      keys: Array<Record<string, string>>;
    }>();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: server.services.keys.signing.kid,
    });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it("serves the manifest with this deployment's URLs, and no development origin left", async () => {
    const response = await server.call('GET', '/manifest.xml');
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.body).toContain('https://outmerge.contoso.example/taskpane.html');
    expect(response.body).not.toContain('localhost');
  });

  it('tells the pages how this deployment is configured', async () => {
    expect((await server.call('GET', '/app-config.json')).json()).toMatchObject({
      identity: { provider: 'development' },
      graphBaseUrl: 'https://outmerge.contoso.example/dev/graph',
      licenseIssuer: 'https://outmerge.contoso.example',
    });
  });

  it('describes the API in OpenAPI generated from the route schemas', async () => {
    const document = (await server.call('GET', '/api/docs')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/license/check', '/api/v1/checkout', '/api/v1/subscriptions/{id}/assignments']),
    );
    expect(Object.keys(document.paths).some((p) => p.startsWith('/dev/'))).toBe(false);
  });

  it('answers unknown paths with a JSON 404 and sends security headers', async () => {
    const response = await server.call('GET', '/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    // Only the task pane may be framed by Outlook (tests/api/securityHeaders.test.ts); anything else by itself only.
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self';");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('errors met before a route runs', () => {
  it('a path that is not valid percent-encoding, or a parameter over the router limit, answers in the documented error shape', async () => {
    const cases: Array<[string, number]> = [
      ['/api/v1/subscriptions/%E0%A4%A', 400],
      ['/api/v1/subscriptions/%zz/seats', 400],
      [`/api/v1/subscriptions/${'a'.repeat(300)}`, 414],
      [`/api/v1/partners/${'x'.repeat(101)}/offers`, 414],
    ];
    for (const [url, status] of cases) {
      const response = await server.call('GET', url);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
      expect(response.body).not.toContain('FST_');
    }
  });
});
