/**
 * What several instances share through PostgreSQL, with two applications in this process on one
 * database (the system tests do the same with real processes): rate limits count each client once,
 * license signing keys are made once and read by all, a rotated key is published by every instance
 * before any signs with it, and a periodic job runs on one instance at a time.
 */
import { createRemoteJWKSet, decodeProtectedHeader } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyLicenseToken } from '#shared/license/licenseToken.js';
import { runExclusively } from '../../server/src/jobs/exclusiveJob.js';
import { newSigningJwk } from '../../server/src/licenseCheck/signingKeys.js';
import { createDatabase, dropDatabase } from '../helpers/embeddedPostgres.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const NONCE = 'instances-nonce-0001';
let databaseUrl: string;
let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  databaseUrl = await createDatabase(inject('postgresUrl'));
  // Both on one database (DATABASE_URL given: the test server makes none of its own), as two instances behind a balancer.
  first = await startTestServer({ DATABASE_URL: databaseUrl, LICENSE_CHECK_RATE_PER_MINUTE: '5' });
  second = await startTestServer({ DATABASE_URL: databaseUrl, LICENSE_CHECK_RATE_PER_MINUTE: '5' });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

async function check(server: TestServer, email: string) {
  return server.call('POST', '/api/v1/license/check', { token: await server.token(email), body: { nonce: NONCE } });
}

describe('instances on one PostgreSQL', () => {
  it('count a client against one rate limit, whichever instance it reaches', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await check(i % 2 === 0 ? first : second, 'limited@contoso.com')).statusCode);
    // Five per minute in all: the sixth is refused, although each instance saw only three.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await check(first, 'limited@contoso.com')).json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('sign with one key made once, which both publish', async () => {
    const [a, b] = await Promise.all(
      [first, second].map(async (server) =>
        (await server.call('GET', '/.well-known/jwks.json')).json<{ keys: Array<{ kid: string }> }>(),
      ),
    );
    expect(a!.keys).toHaveLength(1);
    expect(b).toEqual(a);
    expect(await first.services.uow.read.signingKeys.all()).toHaveLength(1);
  });

  it('publish a rotated key at once on every instance and sign with it only from its time; a retired key is no longer published', async () => {
    const oldKid = first.services.keys.signing.kid;
    const jwk = await newSigningJwk();
    const now = Date.now();
    await first.services.uow.transaction((tx) =>
      tx.signingKeys.insert({
        kid: jwk.kid!,
        privateJwk: JSON.stringify(jwk),
        createdAt: now,
        signsFrom: now + 3600_000,
        retiredAt: null,
      }),
    );
    await Promise.all([first.services.keys.refresh(), second.services.keys.refresh()]);
    for (const server of [first, second]) {
      expect(
        (await server.call('GET', '/.well-known/jwks.json'))
          .json<{ keys: Array<{ kid: string }> }>()
          .keys.map((k) => k.kid)
          .sort(),
      ).toEqual([jwk.kid, oldKid].sort());
      expect(server.services.keys.signing.kid).toBe(oldKid);
    }
    // Its time has come (moved forward here): both instances sign with it, and the old key still verifies what it signed.
    await first.services.uow.transaction(async (tx) => {
      await tx.db
        .updateTable('signing_keys')
        .set({ signs_from: now - 1000 })
        .where('kid', '=', jwk.kid!)
        .execute();
    });
    // Signed by the service itself: the rate limit of the first test has used this client's checks up.
    const sign = async (server: TestServer) =>
      (
        await server.services.licenses.check(
          await server.services.authenticate(`Bearer ${await server.token('rotation@contoso.com')}`),
          NONCE,
        )
      ).licenseToken;
    const before = await sign(second);
    await Promise.all([first.services.keys.refresh(), second.services.keys.refresh()]);
    const after = await sign(second);
    expect(decodeProtectedHeader(before).kid).toBe(oldKid);
    expect(decodeProtectedHeader(after).kid).toBe(jwk.kid);
    const keySet = createRemoteJWKSet(new URL(`${first.baseUrl}/.well-known/jwks.json`));
    const claims = JSON.parse(Buffer.from(after.split('.')[1]!, 'base64url').toString()) as {
      tid: string;
      sub: string;
    };
    for (const token of [before, after]) {
      await expect(
        verifyLicenseToken(token, keySet, {
          issuer: second.services.config.license.issuer,
          tid: claims.tid,
          oid: claims.sub,
          nonce: NONCE,
        }),
      ).resolves.toMatchObject({ code: 'NO_LICENSE' });
    }
    await first.services.uow.transaction((tx) => tx.signingKeys.retire(oldKid, Date.now()));
    await second.services.keys.refresh();
    expect(
      (await second.call('GET', '/.well-known/jwks.json'))
        .json<{ keys: Array<{ kid: string }> }>()
        .keys.map((k) => k.kid),
    ).toEqual([jwk.kid]);
  });

  it('are not ready while their database refuses connections, and ready again once it answers', async () => {
    const name = new URL(databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    try {
      expect((await first.call('GET', '/readyz')).statusCode).toBe(200);
      // The database refuses new connections and drops the instances' open ones (a failover, a restart).
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      const down = await first.call('GET', '/readyz');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ error: { code: 'NOT_READY' } });
      expect((await first.call('GET', '/healthz')).statusCode).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect((await first.call('GET', '/readyz')).statusCode).toBe(200);
    expect((await second.call('GET', '/readyz')).statusCode).toBe(200);
  });

  it('run a periodic job on one instance at a time', async () => {
    let running = 0;
    let most = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await held;
      running--;
    };
    const options = (holder: string) => ({ name: 'contract-job', leaseMs: 60_000, holder });
    const runs = [
      runExclusively(first.services.uow, options('first'), work),
      runExclusively(second.services.uow, options('second'), work),
    ];
    // The holder waits inside the job until released, so the first to finish is the other: it found the job held and did nothing.
    const settledFirst = await Promise.race(runs);
    expect(settledFirst).toBe(false);
    release();
    expect((await Promise.all(runs)).filter(Boolean)).toHaveLength(1);
    expect(most).toBe(1);
    // Given back: the next turn may run anywhere.
    expect(await runExclusively(second.services.uow, options('second'), async () => {})).toBe(true);
  });
});
