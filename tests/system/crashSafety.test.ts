/**
 * Crash safety (R): the server process is killed with SIGKILL in the middle of a burst of
 * assignments, restarted on the same data folder, and then the database passes its integrity
 * check, every acknowledged assignment is there, and the seat invariant holds. And in the middle
 * of a burst of purchases: afterwards every purchase completed exactly once (the simulated
 * provider keeps its own file, like a separate service) and each buyer's replay answers it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { SimulatedPaymentStorage } from '../../server/src/storage/simulatedPaymentStorage.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

const started: ServerProcess[] = [];
afterAll(async () => {
  // Processes share one data folder: the last one stopped removes it.
  for (const [index, server] of [...started].reverse().entries())
    await server.stop({ keepData: index < started.length - 1 });
});

async function post<T>(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('crash safety', () => {
  it('keeps every acknowledged assignment and a sound database after SIGKILL mid-burst', async () => {
    const server = await startServerProcess({ LOG_LEVEL: 'error' });
    started.push(server);
    const token = (
      await post<{ access_token: string }>(server.baseUrl, '/dev/idp/token', { email: 'owner@contoso.com' })
    ).body.access_token;
    const auth = { authorization: `Bearer ${token}` };
    const { subscriptionId } = (
      await post<{ subscriptionId: string }>(
        server.baseUrl,
        '/api/v1/checkout',
        { plan: 'monthly', quantity: 150, card: '4242424242424242' },
        { ...auth, 'idempotency-key': 'crash-test-key' },
      )
    ).body;

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    // 8 clients assign as fast as they can; after 60 acknowledgements the process is killed.
    const client = async (worker: number) => {
      for (let i = 0; !killed; i++) {
        const email = `w${worker}-n${i}@contoso.com`;
        sent++;
        try {
          const response = await post<{ results: Array<{ result: string }> }>(
            server.baseUrl,
            `/api/v1/subscriptions/${subscriptionId}/assignments`,
            { emails: [email] },
            auth,
          );
          if (response.status === 200 && response.body.results[0]?.result === 'assigned') acknowledged.push(email);
          if (acknowledged.length >= 60 && !killed) {
            killed = true;
            server.process.kill('SIGKILL');
          }
        } catch {
          return; // the connection died with the process
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, worker) => client(worker)));
    await new Promise((resolve) =>
      server.process.exitCode !== null || server.process.signalCode !== null
        ? resolve(null)
        : server.process.once('exit', resolve),
    );
    expect(server.process.signalCode).toBe('SIGKILL');
    expect(sent).toBeGreaterThan(acknowledged.length);

    const restarted = await startServerProcess({ LOG_LEVEL: 'error' }, { dataDir: server.dataDir });
    started.push(restarted);
    expect((await fetch(`${restarted.baseUrl}/healthz`)).status).toBe(200);

    const storage = await UnitOfWork.open({ sqliteFile: `${server.dataDir}/outmerge.sqlite` });
    try {
      expect(storage.integrityCheck()).toBe('ok');
      const live = (
        await storage.read.subscriptions.querySeats(subscriptionId, {
          sort: 'email',
          descending: false,
          offset: 0,
          limit: 10_000,
        })
      ).items.map((s) => s.emailCanonical);
      for (const email of acknowledged) expect(live).toContain(email);
      expect(live.length).toBeLessThanOrEqual(150);
      expect((await storage.read.subscriptions.find(subscriptionId))?.assignedCount).toBe(live.length);
    } finally {
      await storage.close();
    }
  });

  it('leaves no purchase charged but unrecorded, nor recorded twice, after SIGKILL mid-burst; every replay answers its purchase', async () => {
    // A short claim lease, and a provider whose answer takes 200 ms after it took the money: the kill lands there.
    const env = {
      LOG_LEVEL: 'error',
      PAYMENT_CLAIM_LEASE_SECONDS: '2',
      SIMULATED_PAYMENT_SEARCH_LAG_SECONDS: '1',
      SIMULATED_PAYMENT_LATENCY_MS: '400',
      PURCHASE_RATE_PER_MINUTE: '100000',
    };
    const server = await startServerProcess(env);
    started.push(server);
    const buyers = Array.from({ length: 8 }, (_, i) => `buyer${i}@crash-purchases.example`);
    const tokens = async (base: string) =>
      Object.fromEntries(
        await Promise.all(
          buyers.map(
            async (email) =>
              [
                email,
                (await post<{ access_token: string }>(base, '/dev/idp/token', { email })).body.access_token,
              ] as const,
          ),
        ),
      );
    const before = await tokens(server.baseUrl);
    const body = (n: number) => ({ plan: 'monthly', quantity: 1 + (n % 3), card: '4242424242424242' });
    const purchases: Array<{
      email: string;
      key: string;
      body: ReturnType<typeof body>;
      answer: { status: number; body: unknown } | null;
    }> = [];
    // What the provider charged and what Outmerge recorded, read from their files while the server runs.
    const storage = await UnitOfWork.open({ sqliteFile: `${server.dataDir}/outmerge.sqlite` });
    const provider = SimulatedPaymentStorage.open(`${server.dataDir}/simulated-payments.sqlite`);
    const unrecorded = async () => {
      const missing = [];
      for (const charge of provider.all())
        if (!(await storage.read.invoices.paymentRecorded(charge.reference))) missing.push(charge);
      return missing;
    };
    let killed = false;
    const kill = () => {
      killed = true;
      server.process.kill('SIGKILL');
    };
    // Each buyer buys up to 12 times in a row.
    const client = async (email: string) => {
      for (let n = 0; n < 12 && !killed; n++) {
        const purchase = {
          email,
          key: `crash-purchase-${email}-${n}`,
          body: body(n),
          answer: null as { status: number; body: unknown } | null,
        };
        purchases.push(purchase);
        try {
          const response = await post<unknown>(server.baseUrl, '/api/v1/checkout', purchase.body, {
            authorization: `Bearer ${before[email]}`,
            'idempotency-key': purchase.key,
          });
          expect(response.status).toBe(201);
          purchase.answer = response;
        } catch (error) {
          if (!killed) throw error;
          return; // the connection died with the process
        }
      }
    };
    // Once ten purchases are answered, the process is killed as soon as the provider holds money Outmerge has not recorded.
    const watcher = async () => {
      while (!killed) {
        if (purchases.filter((p) => p.answer !== null).length >= 10 && (await unrecorded()).length > 0) kill();
        // Two processes and two files: there is no event to wait for, so the watcher looks every 10 ms.
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    try {
      await Promise.all([...buyers.map((email) => client(email)), watcher()]);
      await new Promise((resolve) =>
        server.process.exitCode !== null || server.process.signalCode !== null
          ? resolve(null)
          : server.process.once('exit', resolve),
      );
      expect(server.process.signalCode).toBe('SIGKILL');
      // The crash this is about: charged at the provider, not recorded by Outmerge.
      expect((await unrecorded()).length).toBeGreaterThan(0);
    } finally {
      provider.close();
      await storage.close();
    }

    const restarted = await startServerProcess(env, { dataDir: server.dataDir });
    started.push(restarted);
    const after = await tokens(restarted.baseUrl);
    // Each buyer asks again with the same key: a cut purchase is in progress until its lease runs out, then it answers.
    const replay = (p: (typeof purchases)[number]) =>
      post<{ subscriptionId?: string }>(restarted.baseUrl, '/api/v1/checkout', p.body, {
        authorization: `Bearer ${after[p.email]}`,
        'idempotency-key': p.key,
      });
    const answers = await Promise.all(
      purchases.map(async (p) => {
        let answer = await replay(p);
        if (answer.status === 409)
          await expect
            .poll(async () => (answer = await replay(p)).status, { timeout: 15_000, interval: 250 })
            .not.toBe(409);
        return answer;
      }),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(201);
      const first = purchases[i]?.answer;
      if (first) expect(answer.body).toEqual(first.body);
    }
    const subscriptionIds = answers.map((a) => a.body.subscriptionId);
    expect(new Set(subscriptionIds).size).toBe(purchases.length);

    const finalStorage = await UnitOfWork.open({ sqliteFile: `${server.dataDir}/outmerge.sqlite` });
    const finalProvider = SimulatedPaymentStorage.open(`${server.dataDir}/simulated-payments.sqlite`);
    try {
      expect(finalStorage.integrityCheck()).toBe('ok');
      const read = finalStorage.read;
      // Exactly once: one charge at the provider per purchase, each recorded, and one subscription per purchase.
      const charges = finalProvider.all();
      expect(charges).toHaveLength(purchases.length);
      for (const charge of charges) expect(await read.invoices.paymentRecorded(charge.reference)).toBe(true);
      const owned = [];
      for (const email of buyers) {
        const subscription = await read.subscriptions.find(
          subscriptionIds[purchases.findIndex((p) => p.email === email)] ?? '',
        );
        if (subscription)
          owned.push(...(await read.subscriptions.listOwnedBy(subscription.ownerTenantId, subscription.ownerObjectId)));
      }
      expect(owned).toHaveLength(purchases.length);
      expect(await read.claims.stale(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    } finally {
      finalProvider.close();
      await finalStorage.close();
    }
  });
});
