/**
 * Crash safety (R): the server process is killed with SIGKILL in the middle of a burst of
 * assignments, restarted on the same data folder, and then the database passes its integrity
 * check, every acknowledged assignment is there, and the seat invariant holds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Storage } from '../../server/src/storage/storage.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

const started: ServerProcess[] = [];
afterAll(async () => {
  // Processes share one data folder: the last one stopped removes it.
  for (const [index, server] of [...started].reverse().entries()) await server.stop({ keepData: index < started.length - 1 });
});

async function post<T>(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

describe('crash safety', () => {
  it('keeps every acknowledged assignment and a sound database after SIGKILL mid-burst', async () => {
    const server = await startServerProcess({ LOG_LEVEL: 'error' });
    started.push(server);
    const token = (await post<{ access_token: string }>(server.baseUrl, '/dev/idp/token', { email: 'owner@contoso.com' })).body.access_token;
    const auth = { authorization: `Bearer ${token}` };
    const { subscriptionId } = (await post<{ subscriptionId: string }>(server.baseUrl, '/api/v1/checkout', { plan: 'monthly', quantity: 150, card: '4242424242424242' }, { ...auth, 'idempotency-key': 'crash-test-key' })).body;

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    // 8 clients assign as fast as they can; after 60 acknowledgements the process is killed.
    const client = async (worker: number) => {
      for (let i = 0; !killed; i++) {
        const email = `w${worker}-n${i}@contoso.com`;
        sent++;
        try {
          const response = await post<{ results: Array<{ result: string }> }>(server.baseUrl, `/api/v1/subscriptions/${subscriptionId}/assignments`, { emails: [email] }, auth);
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
    await new Promise((resolve) => (server.process.exitCode !== null || server.process.signalCode !== null ? resolve(null) : server.process.once('exit', resolve)));
    expect(server.process.signalCode).toBe('SIGKILL');
    expect(sent).toBeGreaterThan(acknowledged.length);

    const restarted = await startServerProcess({ LOG_LEVEL: 'error' }, { dataDir: server.dataDir });
    started.push(restarted);
    expect((await fetch(`${restarted.baseUrl}/healthz`)).status).toBe(200);

    const storage = Storage.open(`${server.dataDir}/outmerge.sqlite`);
    try {
      expect(storage.integrityCheck()).toBe('ok');
      const live = storage.querySeats(subscriptionId, { sort: 'email', descending: false, offset: 0, limit: 10_000 }).items.map((s) => s.emailCanonical);
      for (const email of acknowledged) expect(live).toContain(email);
      expect(live.length).toBeLessThanOrEqual(150);
      expect(storage.findSubscription(subscriptionId)?.assignedCount).toBe(live.length);
    } finally {
      storage.close();
    }
  });
});
