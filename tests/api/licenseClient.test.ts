/** The pane's license client against the real server: verify, cache, offline grace, clock rollback, tampering, forgery. */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LicenseClient } from '../../addin/src/license/licenseClient.js';
import { memoryStore } from '../../addin/src/storage/keyValueStore.js';
import { LicenseService } from '../../server/src/licenseCheck/licenseService.js';
import { LICENSE_TOKEN_ALGORITHM, LICENSE_TOKEN_AUDIENCE, LICENSE_TOKEN_TYPE } from '#shared/license/licenseToken.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let account: { tenantId: string; objectId: string; email: string; name: string };
let apiToken: () => Promise<string>;
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startTestServer();
  const owner = await server.token('olivia@contoso.com');
  const subscriptionId = await buySubscription(server, owner, 2);
  await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
    token: owner,
    body: { emails: ['lena@contoso.com'] },
  });
  const issued = (await server.call('POST', '/dev/idp/token', { body: { email: 'lena@contoso.com' } })).json<{
    access_token: string;
    account: typeof account;
  }>();
  account = issued.account;
  apiToken = async () => issued.access_token;
});
afterAll(() => server.close());

/** The server as the pane sees it: relative URLs resolved against it; `down` simulates an outage (of every URL, or of those it names). */
function network(options: { down?: (url: string) => boolean; rewrite?: (body: string) => string } = {}): typeof fetch {
  return async (input, init) => {
    if (options.down?.(String(input))) throw new TypeError('fetch failed');
    const response = await fetch(new URL(String(input), server.baseUrl), init);
    if (!options.rewrite || !String(input).includes('/license/check')) return response;
    return new Response(options.rewrite(await response.text()), { status: response.status, headers: response.headers });
  };
}

describe('LicenseClient', () => {
  it("verifies the server's answer and stays licensed from its cache while the server is down, until the token expires", async () => {
    let down = false;
    let now = Date.now();
    const client = new LicenseClient(
      { issuer: server.services.config.license.issuer },
      memoryStore(),
      network({ down: () => down }),
      () => now,
    );
    expect(await client.check(account, apiToken)).toMatchObject({
      kind: 'verified',
      source: 'server',
      claims: { code: 'ACTIVE', footer: false },
    });
    down = true;
    now += 3 * DAY;
    expect(await client.check(account, apiToken)).toMatchObject({
      kind: 'verified',
      source: 'cache',
      claims: { code: 'ACTIVE' },
    });
    now += 5 * DAY;
    expect(await client.check(account, apiToken)).toEqual({ kind: 'none', reason: 'unreachable' });
  });

  it('does not trust the cache after the clock was set back', async () => {
    let now = Date.now();
    const client = new LicenseClient(
      { issuer: server.services.config.license.issuer },
      memoryStore(),
      network(),
      () => now,
    );
    await client.check(account, apiToken);
    now -= 2 * DAY;
    expect(await client.check(account, apiToken)).toEqual({ kind: 'none', reason: 'clock_rollback' });
  });

  it('treats a tampered answer as no license, and keeps the earlier good token', async () => {
    const store = memoryStore();
    await new LicenseClient({ issuer: server.services.config.license.issuer }, store, network()).check(
      account,
      apiToken,
    );
    const flip = (body: string) => {
      const answer = JSON.parse(body) as { licenseToken: string };
      const [header, payload, signature] = answer.licenseToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
      claims.exp = (claims.exp as number) + 365 * 86400;
      return JSON.stringify({
        ...answer,
        licenseToken: `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`,
      });
    };
    const tampered = new LicenseClient(
      { issuer: server.services.config.license.issuer },
      store,
      network({ rewrite: flip }),
    );
    expect(await tampered.check(account, apiToken)).toEqual({ kind: 'none', reason: 'invalid_token' });
    // A new page while the license check is down: the key set still comes from our origin, so the good token stands.
    const offline = new LicenseClient(
      { issuer: server.services.config.license.issuer },
      store,
      network({ down: (url) => url.includes('/license/check') }),
    );
    expect(await offline.check(account, apiToken)).toMatchObject({ kind: 'verified', source: 'cache' });
  });

  const cacheKey = () => `outmerge.license.${account.tenantId}.${account.objectId}`;

  it('does not trust a license forged in browser storage with a key set of its own, with or without the server', async () => {
    // What a user can write into local storage: a footer-free token for themself, valid until 2099, and the key that "signs" it.
    const { privateKey, publicKey } = await generateKeyPair(LICENSE_TOKEN_ALGORITHM, { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'forged', alg: LICENSE_TOKEN_ALGORITHM, use: 'sig' };
    const forged = await new SignJWT({
      tid: account.tenantId,
      code: 'ACTIVE',
      footer: false,
      plan: 'annual',
      subscriptionId: null,
      nonce: 'forged-nonce-000000',
    })
      .setProtectedHeader({ alg: LICENSE_TOKEN_ALGORITHM, kid: 'forged', typ: LICENSE_TOKEN_TYPE })
      .setIssuer(server.services.config.license.issuer)
      .setAudience(LICENSE_TOKEN_AUDIENCE)
      .setSubject(account.objectId)
      .setIssuedAt()
      .setNotBefore('-1 minute')
      .setExpirationTime(new Date('2099-01-01T00:00:00Z'))
      .sign(privateKey);
    const store = memoryStore();
    store.set(cacheKey(), JSON.stringify({ token: forged, jwks: { keys: [jwk] } }));
    const whollyOffline = new LicenseClient(
      { issuer: server.services.config.license.issuer },
      store,
      network({ down: () => true }),
    );
    expect(await whollyOffline.check(account, apiToken)).toEqual({ kind: 'none', reason: 'unreachable' });
    const checkDown = new LicenseClient(
      { issuer: server.services.config.license.issuer },
      store,
      network({ down: (url) => url.includes('/license/check') }),
    );
    expect(await checkDown.check(account, apiToken)).toEqual({ kind: 'none', reason: 'unreachable' });
  });

  it("does not trust a cached token older than the deployment's token lifetime, whatever its expiry says", async () => {
    // A genuinely signed token that claims ten years (minted by a misconfigured or older deployment).
    const longLived = new LicenseService(server.services.uow, server.services.keys, {
      issuer: server.services.config.license.issuer,
      tokenTtlSeconds: 10 * 365 * 86_400,
    });
    const caller = await server.services.authenticate(`Bearer ${await apiToken()}`);
    const { licenseToken } = await longLived.check(caller, 'long-lived-nonce-0000');
    const store = memoryStore();
    store.set(cacheKey(), JSON.stringify({ token: licenseToken }));
    let now = Date.now() + 3 * DAY;
    const client = () =>
      new LicenseClient(
        {
          issuer: server.services.config.license.issuer,
          maxTokenAgeSeconds: server.services.config.license.tokenTtlSeconds,
        },
        store,
        network({ down: (url) => url.includes('/license/check') }),
        () => now,
      );
    expect(await client().check(account, apiToken)).toMatchObject({ kind: 'verified', source: 'cache' });
    now += 5 * DAY;
    expect(await client().check(account, apiToken)).toEqual({ kind: 'none', reason: 'unreachable' });
  });

  it('says the sign-in expired when the server refuses the access token', async () => {
    const client = new LicenseClient({ issuer: server.services.config.license.issuer }, memoryStore(), network());
    expect(await client.check(account, async () => 'not.a.token')).toEqual({ kind: 'none', reason: 'sign_in_expired' });
  });

  it('rejects a token issued for someone else', async () => {
    const client = new LicenseClient({ issuer: server.services.config.license.issuer }, memoryStore(), network());
    const other = { ...account, objectId: '99999999-0000-4000-8000-000000000000' };
    expect(await client.check(other, apiToken)).toEqual({ kind: 'none', reason: 'invalid_token' });
  });
});

describe('development stand-ins', () => {
  it('refuse to run with NODE_ENV=production', async () => {
    const { SimulatedPaymentProvider } = await import('../../server/src/billing/simulatedPaymentProvider.js');
    const { createDevelopmentIdentityProvider } = await import('../../server/src/dev/identityProvider.js');
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => new SimulatedPaymentProvider()).toThrow(/development only/);
      await expect(
        createDevelopmentIdentityProvider({ issuerTemplate: 'x', apiAudience: 'a', apiScope: 's', clientId: 'c' }),
      ).rejects.toThrow(/development only/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
