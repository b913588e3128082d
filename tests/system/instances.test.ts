/**
 * Several stateless instances on one PostgreSQL (issue 13): three real server processes share a
 * database on the run's embedded PostgreSQL (and a data folder, for the simulated payment
 * provider's own file: one provider, as a real one is one service). Every behaviour that rested on
 * SQLite's single writer or on process memory is exercised across them.
 */
import { decodeProtectedHeader, createRemoteJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyLicenseToken } from '#shared/license/licenseToken.js';
import { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { SimulatedPaymentStorage } from '../../server/src/storage/simulatedPaymentStorage.js';
import { createDatabase, dropDatabase } from '../helpers/embeddedPostgres.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

const INSTANCES = 3;
const DAY = 86_400_000;
let databaseUrl: string;
let instances: ServerProcess[] = [];
let storage: UnitOfWork;

// JSON logs: the job test reads each instance's log lines about its periodic job.
const env = (): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'json',
  RENEWAL_INTERVAL_SECONDS: '1',
  PURCHASE_RATE_PER_MINUTE: '100000',
  LICENSE_CHECK_RATE_PER_MINUTE: '100000',
});

beforeAll(async () => {
  databaseUrl = await createDatabase(inject('postgresUrl'));
  const first = await startServerProcess(env());
  // Each instance is listed as soon as it runs, so that a set-up cut short (a slow machine) still stops it.
  instances.push(first);
  await Promise.all(
    Array.from({ length: INSTANCES - 1 }, async () =>
      instances.push(await startServerProcess(env(), { dataDir: first.dataDir })),
    ),
  );
  storage = await UnitOfWork.open({ databaseUrl, poolSize: 2 });
});
afterAll(async () => {
  await storage?.close();
  for (const instance of instances.slice(1)) await instance.stop({ keepData: true });
  await instances[0]?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

async function call<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Each process has its own development identity provider; the same address is the same person on every instance. */
async function tokens(email: string): Promise<Map<ServerProcess, string>> {
  const issued = await Promise.all(
    instances.map(
      async (instance) =>
        [
          instance,
          (await call<{ access_token: string }>(instance.baseUrl, 'POST', '/dev/idp/token', { body: { email } })).body
            .access_token,
        ] as const,
    ),
  );
  return new Map(issued);
}

async function buy(email: string, quantity: number, key: string): Promise<string> {
  const owner = await tokens(email);
  const first = instances[0]!;
  const purchase = await call<{ subscriptionId: string }>(first.baseUrl, 'POST', '/api/v1/checkout', {
    token: owner.get(first),
    body: { plan: 'monthly', quantity, card: '4242424242424242' },
    headers: { 'idempotency-key': key },
  });
  expect(purchase.status, JSON.stringify(purchase.body)).toBe(201);
  return purchase.body.subscriptionId;
}

describe('several instances on one PostgreSQL', () => {
  it('are ready, and share the license signing keys: a token one signs verifies with the key set another publishes', async () => {
    for (const instance of instances) expect((await call(instance.baseUrl, 'GET', '/readyz')).status).toBe(200);
    const kids = await Promise.all(
      instances.map(async (instance) =>
        (await call<{ keys: Array<{ kid: string }> }>(instance.baseUrl, 'GET', '/.well-known/jwks.json')).body.keys.map(
          (k) => k.kid,
        ),
      ),
    );
    expect(new Set(kids.map((k) => k.join()))).toHaveLength(1);
    const nonce = 'n'.repeat(24);
    const user = await tokens('reader@contoso.com');
    const [signer, publisher] = [instances[1]!, instances[2]!];
    const answer = await call<{ licenseToken: string }>(signer.baseUrl, 'POST', '/api/v1/license/check', {
      token: user.get(signer),
      body: { nonce },
    });
    expect(decodeProtectedHeader(answer.body.licenseToken).kid).toBe(kids[0]![0]);
    const claims = JSON.parse(Buffer.from(answer.body.licenseToken.split('.')[1]!, 'base64url').toString()) as {
      tid: string;
      sub: string;
    };
    // The issuer is the signer's PUBLIC_URL here (behind a load balancer every instance has the same one).
    const keySet = createRemoteJWKSet(new URL(`${publisher.baseUrl}/.well-known/jwks.json`));
    await expect(
      verifyLicenseToken(answer.body.licenseToken, keySet, {
        issuer: signer.baseUrl,
        tid: claims.tid,
        oid: claims.sub,
        nonce,
      }),
    ).resolves.toMatchObject({ code: 'NO_LICENSE' });
  });

  it.each(Array.from({ length: 20 }, (_, round) => round + 1))(
    '200 concurrent assignments on 10 seats spread over the instances assign exactly 10 (round %i)',
    async (round) => {
      const id = await buy('owner@contoso.com', 10, `instances-seats-${round}`);
      const owner = await tokens('owner@contoso.com');
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => {
          const instance = instances[i % INSTANCES]!;
          return call<{ results: Array<{ result: string }> }>(
            instance.baseUrl,
            'POST',
            `/api/v1/subscriptions/${id}/assignments`,
            { token: owner.get(instance), body: { emails: [`r${round}-user${i}@contoso.com`] } },
          );
        }),
      );
      expect(responses.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);
      const outcomes = responses.map((r) => r.body.results[0]?.result);
      expect(outcomes.filter((o) => o === 'assigned')).toHaveLength(10);
      expect(outcomes.filter((o) => o === 'no_seat_left')).toHaveLength(190);
      expect(await storage.read.subscriptions.countLiveSeats(id)).toBe(10);
      expect(await storage.read.subscriptions.listLiveSeats(id)).toHaveLength(10);
    },
  );

  it('charges once for concurrent checkouts with one Idempotency-Key sent to every instance, and answers each with the same purchase', async () => {
    const buyer = await tokens('buyer@fabrikam.com');
    const provider = SimulatedPaymentStorage.open(`${instances[0]!.dataDir}/simulated-payments.sqlite`);
    try {
      const before = provider.count();
      const body = { plan: 'monthly', quantity: 3, card: '4242424242424242' };
      const send = (instance: ServerProcess) =>
        call<{ subscriptionId?: string; error?: { code: string } }>(instance.baseUrl, 'POST', '/api/v1/checkout', {
          token: buyer.get(instance),
          body,
          headers: { 'idempotency-key': 'one-key-many-instances' },
        });
      const first = await Promise.all(Array.from({ length: 12 }, (_, i) => send(instances[i % INSTANCES]!)));
      // Each answer is the purchase, or "in progress" while the first one's charge is out: nothing else.
      for (const answer of first) expect([201, 409]).toContain(answer.status);
      for (const answer of first.filter((a) => a.status === 409))
        expect(answer.body.error?.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      const purchased = first.filter((a) => a.status === 201);
      expect(purchased.length).toBeGreaterThan(0);
      // Asked again once settled, every instance answers with the one purchase.
      const again = await Promise.all(instances.map((instance) => send(instance)));
      for (const answer of [...purchased, ...again])
        expect(answer).toMatchObject({ status: 201, body: { subscriptionId: purchased[0]!.body.subscriptionId } });
      expect(provider.count() - before).toBe(1);
      const subscription = await storage.read.subscriptions.find(purchased[0]!.body.subscriptionId!);
      expect(
        await storage.read.subscriptions.listOwnedBy(subscription!.ownerTenantId, subscription!.ownerObjectId),
      ).toHaveLength(1);
    } finally {
      provider.close();
    }
  });

  it("renews a subscription and emails its partner's digest once, while every instance's job fires", async () => {
    const id = await buy('owner@northwind.example', 4, 'instances-renewal-0001');
    const partnerOwner = await tokens('owner@partners-renew.example');
    const partner = (
      await call<{ id: string }>(instances[0]!.baseUrl, 'POST', '/api/v1/partners', {
        token: partnerOwner.get(instances[0]!),
        body: { name: 'Renewal Partner' },
      })
    ).body;
    const periodEnd = Date.now() - 1000;
    // The period ended a second ago, and the partner is its partner of record: the next job run renews it and tells the partner.
    await storage.transaction(async (tx) => {
      await tx.subscriptions.lock(id);
      await tx.subscriptions.setPeriod(id, periodEnd - 30 * DAY, periodEnd);
      await tx.subscriptions.setPartnerOfRecord(id, partner.id);
    });
    const ran = /"msg":"renewals and partner digests: ran here"/;
    const fired = /"msg":"renewals and partner digests: (ran here|another instance holds the job)"/;
    const marks = instances.map((instance) => instance.output().match(new RegExp(fired.source, 'g'))?.length ?? 0);
    // Every instance's timer fires at least three times more; one run renews.
    await Promise.all(instances.map((instance, i) => instance.waitForOutput(fired, marks[i]! + 3)));
    await expect
      .poll(
        async () =>
          (await storage.read.invoices.listInvoices(id)).filter((invoice) => invoice.kind === 'renewal').length,
        { timeout: 30_000 },
      )
      .toBe(1);
    await Promise.all(instances.map((instance, i) => instance.waitForOutput(fired, marks[i]! + 5)));
    expect(instances.filter((instance) => ran.test(instance.output())).length).toBeGreaterThanOrEqual(1);

    const renewals = (await storage.read.invoices.listInvoices(id)).filter((invoice) => invoice.kind === 'renewal');
    expect(renewals).toEqual([expect.objectContaining({ status: 'paid', periodStart: periodEnd })]);
    expect(await storage.read.invoices.countPayments(id)).toMatchObject({ succeeded: 2 });
    expect(
      (
        await storage.read.journal.query((await storage.read.subscriptions.find(id))!.organisationId, id, {
          action: 'subscription.renewed',
          categories: ['billing'],
          limit: 10,
        })
      ).length,
    ).toBe(1);
    const digests = (await storage.read.outbox.statuses(1000)).filter(
      (row) => row.kind === 'partner-notifications' && row.to === 'owner@partners-renew.example',
    );
    expect(digests).toHaveLength(1);
  });

  it('keeps every acknowledged write when an instance is killed under write load, and the others keep answering', async () => {
    const id = await buy('owner@kill.example', 1000, 'instances-kill-0001');
    const owner = await tokens('owner@kill.example');
    const victim = instances[1]!;
    const acknowledged: string[] = [];
    let killed = false;
    let sent = 0;
    const client = async (worker: number) => {
      for (let n = 0; n < 60; n++) {
        // Round-robin over the instances still alive, as a load balancer whose health check took the dead one out.
        const alive = instances.filter((instance) => !(killed && instance === victim));
        const instance = alive[(worker + n) % alive.length]!;
        const email = `w${worker}-n${n}@kill.example`;
        sent++;
        try {
          const response = await call<{ results: Array<{ result: string }> }>(
            instance.baseUrl,
            'POST',
            `/api/v1/subscriptions/${id}/assignments`,
            { token: owner.get(instance), body: { emails: [email] } },
          );
          if (response.status === 200 && response.body.results[0]?.result === 'assigned') acknowledged.push(email);
        } catch {
          // The connection died with the killed instance: not acknowledged.
        }
        if (!killed && acknowledged.length >= 40) {
          killed = true;
          victim.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, worker) => client(worker)));
    expect(killed).toBe(true);
    expect(victim.process.signalCode === 'SIGKILL' || victim.process.exitCode !== null).toBe(true);
    expect(sent).toBeGreaterThan(acknowledged.length);
    const live = new Set((await storage.read.subscriptions.listLiveSeats(id)).map((seat) => seat.emailCanonical));
    for (const email of acknowledged) expect(live.has(email), email).toBe(true);
    expect(await storage.read.subscriptions.countLiveSeats(id)).toBe(live.size);
    for (const instance of instances.filter((i) => i !== victim)) {
      expect((await call(instance.baseUrl, 'GET', '/readyz')).status).toBe(200);
      expect(
        (await call(instance.baseUrl, 'GET', `/api/v1/subscriptions/${id}`, { token: owner.get(instance) })).status,
      ).toBe(200);
    }
    // The dead instance's process is gone; the test's teardown must not wait for it.
    instances = instances.filter((instance) => instance !== victim);
  });
});
