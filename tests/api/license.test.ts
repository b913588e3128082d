import { createRemoteJWKSet, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLicenseToken } from '#shared/license/licenseToken.js';
import { proveDomain } from '../helpers/proveDomain.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const NONCE = 'nonce-0123456789abcdef';

async function check(token: string, nonce = NONCE) {
  const response = await server.call('POST', '/api/v1/license/check', { token, body: { nonce } });
  return {
    status: response.statusCode,
    body: response.json<{ valid: boolean; code: string; footer: boolean; licenseToken: string; plan: string | null }>(),
  };
}

async function accountOf(email: string, tenantId?: string) {
  const response = await server.call('POST', '/dev/idp/token', { body: { email, ...(tenantId ? { tenantId } : {}) } });
  return response.json<{ access_token: string; account: { tenantId: string; objectId: string } }>();
}

describe('POST /api/v1/license/check', () => {
  it('answers an unknown user normally: free tier, footer, a signed token the pane can verify over HTTP', async () => {
    const { access_token, account } = await accountOf('newcomer@contoso.com');
    const { status, body } = await check(access_token);
    expect(status).toBe(200);
    expect(body).toMatchObject({ valid: false, code: 'NO_LICENSE', footer: true, plan: null });
    expect(decodeProtectedHeader(body.licenseToken)).toMatchObject({
      alg: 'ES256',
      kid: server.services.keys.signing.kid,
    });
    const keys = createRemoteJWKSet(new URL(`${server.baseUrl}/.well-known/jwks.json`));
    const claims = await verifyLicenseToken(body.licenseToken, keys, {
      issuer: server.services.config.license.issuer,
      tid: account.tenantId,
      oid: account.objectId,
      nonce: NONCE,
    });
    expect(claims).toMatchObject({ code: 'NO_LICENSE', footer: true, nonce: NONCE });
    expect(claims.exp - claims.iat).toBe(7 * 86400);
  });

  it('licenses an assigned user, binds the seat to (tid, oid), and reports removal', async () => {
    const owner = await server.token('olivia@fabrikam.com');
    const subscriptionId = await buySubscription(server, owner);
    const assign = await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: owner,
      body: { emails: ['Bruno@Fabrikam.com'] },
    });
    expect(assign.json()).toEqual({ results: [{ email: 'Bruno@Fabrikam.com', result: 'assigned' }] });

    const bruno = await accountOf('bruno@fabrikam.com');
    expect((await check(bruno.access_token)).body).toMatchObject({
      valid: true,
      code: 'ACTIVE',
      footer: false,
      plan: 'monthly',
    });
    const seats = await server.services.uow.read.subscriptions.seatsBoundTo(
      bruno.account.tenantId,
      bruno.account.objectId,
    );
    expect(seats).toHaveLength(1);

    // Someone in another tenant using the same address does not get the seat: it is bound.
    const impostor = await accountOf('bruno@fabrikam.com', '00000000-0000-4000-8000-000000000001');
    expect((await check(impostor.access_token)).body.code).toBe('NO_LICENSE');

    const removal = await server.call(
      'DELETE',
      `/api/v1/subscriptions/${subscriptionId}/assignments/${encodeURIComponent('bruno@fabrikam.com')}`,
      { token: owner },
    );
    expect(removal.statusCode).toBe(204);
    expect((await check(bruno.access_token)).body).toMatchObject({ valid: false, code: 'SEAT_REMOVED', footer: true });
  });

  it('changes nothing, and takes no write lock, for a person without a seat or a seat checked in lately', async () => {
    const owner = await server.token('olivia@quiet.example');
    const subscriptionId = await buySubscription(server, owner);
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: owner,
      body: { emails: ['quinn@quiet.example'] },
    });
    const quinn = await accountOf('quinn@quiet.example');
    const nobody = await accountOf('nobody@quiet.example');
    expect((await check(quinn.access_token)).body.code).toBe('ACTIVE');
    expect((await check(nobody.access_token)).body.code).toBe('NO_LICENSE');
    // Another process holds a write transaction (SQLite's one write lock; on PostgreSQL, the subscription's row): checks that write nothing still answer at once.
    const other = await server.openStorage();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const writer = other.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      locked();
      await released;
      throw new Error('rolled back');
    });
    try {
      await holding;
      expect((await check(nobody.access_token)).body).toMatchObject({ code: 'NO_LICENSE', footer: true });
      expect((await check(quinn.access_token)).body).toMatchObject({ code: 'ACTIVE', footer: false });
    } finally {
      release();
      await expect(writer).rejects.toThrow('rolled back');
      await other.close();
    }
  });

  it('binds a seat for a person of another tenant only through a domain the organisation proved by DNS (L5)', async () => {
    const owner = await server.token('owner@northwind.example');
    const subscriptionId = await buySubscription(server, owner);
    // Northwind's DNS administrator let it prove its subsidiary's domain; the subsidiary has a tenant of its own.
    await proveDomain(server, owner, subscriptionId, 'northwind-labs.example');
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: owner,
      body: { emails: ['sam@northwind-labs.example'] },
    });
    const outsider = await accountOf('sam@northwind-labs.example');
    expect(outsider.account.tenantId).not.toBe((await accountOf('owner@northwind.example')).account.tenantId);
    expect((await check(outsider.access_token)).body.code).toBe('ACTIVE');
  });

  it('rejects requests without a valid token or nonce, changing nothing', async () => {
    expect((await server.call('POST', '/api/v1/license/check', { body: { nonce: NONCE } })).json()).toMatchObject({
      error: { code: 'TOKEN_MISSING' },
    });
    const forged = 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.';
    const response = await server.call('POST', '/api/v1/license/check', { token: forged, body: { nonce: NONCE } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'TOKEN_INVALID' } });
    const token = await server.token('anna@contoso.com');
    const bad = await server.call('POST', '/api/v1/license/check', { token, body: { nonce: 'short' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const graphToken = await server.token('anna@contoso.com', { resource: 'graph' });
    expect(
      (await server.call('POST', '/api/v1/license/check', { token: graphToken, body: { nonce: NONCE } })).json(),
    ).toMatchObject({ error: { code: 'TOKEN_WRONG_AUDIENCE' } });
  });
});

describe('suspension and key rotation', () => {
  it('answers SUSPENDED for a suspended seat and ACTIVE again once resumed', async () => {
    const owner = await server.token('owner@suspend.example');
    const subscriptionId = await buySubscription(server, owner);
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: owner,
      body: { emails: ['sue@suspend.example'] },
    });
    const sue = await accountOf('sue@suspend.example');
    expect((await check(sue.access_token)).body.code).toBe('ACTIVE');
    await server.call('PATCH', `/api/v1/subscriptions/${subscriptionId}/assignments/sue%40suspend.example`, {
      token: owner,
      body: { suspended: true },
    });
    expect((await check(sue.access_token)).body).toMatchObject({ code: 'SUSPENDED', footer: true });
    await server.call('PATCH', `/api/v1/subscriptions/${subscriptionId}/assignments/sue%40suspend.example`, {
      token: owner,
      body: { suspended: false },
    });
    expect((await check(sue.access_token)).body.code).toBe('ACTIVE');
  });

  it('publishes both keys during a rotation: old tokens still verify, new ones carry the new kid', async () => {
    const { exportJWK, generateKeyPair } = await import('jose');
    const privateJwk = async (kid: string) => ({
      ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)),
      kid,
    });
    const [oldKey, newKey] = [await privateJwk('2026-10'), await privateJwk('2026-11')];
    const before = await startTestServer({
      LICENSE_SIGNING_KEYS: JSON.stringify([oldKey]),
      PUBLIC_URL: 'https://licensing.contoso.example',
    });
    const user = (await before.call('POST', '/dev/idp/token', { body: { email: 'rota@contoso.com' } })).json<{
      access_token: string;
      account: { tenantId: string; objectId: string };
    }>();
    const oldToken = (
      await before.call('POST', '/api/v1/license/check', { token: user.access_token, body: { nonce: NONCE } })
    ).json<{ licenseToken: string }>().licenseToken;
    await before.close();

    const during = await startTestServer({
      LICENSE_SIGNING_KEYS: JSON.stringify([newKey, oldKey]),
      PUBLIC_URL: 'https://licensing.contoso.example',
    });
    try {
      const jwks = (await during.call('GET', '/.well-known/jwks.json')).json<{ keys: Array<{ kid: string }> }>();
      expect(jwks.keys.map((k) => k.kid)).toEqual(['2026-11', '2026-10']);
      const keys = createRemoteJWKSet(new URL(`${during.baseUrl}/.well-known/jwks.json`));
      const expected = {
        issuer: during.services.config.license.issuer,
        tid: user.account.tenantId,
        oid: user.account.objectId,
        nonce: NONCE,
      };
      await expect(verifyLicenseToken(oldToken, keys, expected)).resolves.toMatchObject({ code: 'NO_LICENSE' });
      const fresh = await during.token('rota@contoso.com');
      const newToken = (
        await during.call('POST', '/api/v1/license/check', { token: fresh, body: { nonce: NONCE } })
      ).json<{ licenseToken: string }>().licenseToken;
      expect(decodeProtectedHeader(newToken).kid).toBe('2026-11');
      await expect(verifyLicenseToken(newToken, keys, expected)).resolves.toMatchObject({ code: 'NO_LICENSE' });
    } finally {
      await during.close();
    }
  });
});
