/**
 * The seat invariant under real concurrency (A2, S, ASVS 2.3.4): 200 simultaneous assignment
 * requests for different addresses on a 10-seat subscription, through two server processes that
 * share one SQLite file, end with exactly 10 seats — run several times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

let first: ServerProcess;
let second: ServerProcess;

beforeAll(async () => {
  first = await startServerProcess({ LOG_LEVEL: 'error' });
  second = await startServerProcess({ LOG_LEVEL: 'error' }, { dataDir: first.dataDir });
});
afterAll(async () => {
  await second?.stop({ keepData: true });
  await first?.stop();
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

/** Each process has its own development identity provider; the same address is the same person in both. */
async function tokenFrom(server: ServerProcess, email: string): Promise<string> {
  return (await post<{ access_token: string }>(server.baseUrl, '/dev/idp/token', { email })).body.access_token;
}

describe('seat invariant across two processes', () => {
  it.each([1, 2, 3])('200 concurrent assignments on 10 seats assign exactly 10 (round %i)', async (round) => {
    const tokens = {
      [first.baseUrl]: await tokenFrom(first, 'owner@contoso.com'),
      [second.baseUrl]: await tokenFrom(second, 'owner@contoso.com'),
    };
    const purchase = await post<{ subscriptionId: string }>(
      first.baseUrl,
      '/api/v1/checkout',
      { plan: 'monthly', quantity: 10, card: '4242424242424242' },
      { authorization: `Bearer ${tokens[first.baseUrl]}`, 'idempotency-key': `round-${round}-key` },
    );
    expect(purchase.status).toBe(201);
    const id = purchase.body.subscriptionId;

    const requests = Array.from({ length: 200 }, (_, i) => {
      const server = i % 2 === 0 ? first : second;
      return post<{ results: Array<{ result: string }> }>(
        server.baseUrl,
        `/api/v1/subscriptions/${id}/assignments`,
        { emails: [`r${round}-user${i}@contoso.com`] },
        { authorization: `Bearer ${tokens[server.baseUrl]}` },
      );
    });
    const responses = await Promise.all(requests);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const outcomes = responses.map((r) => r.body.results[0]?.result);
    expect(outcomes.filter((o) => o === 'assigned')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'no_seat_left')).toHaveLength(190);

    const storage = await UnitOfWork.open({ sqliteFile: `${first.dataDir}/outmerge.sqlite` });
    try {
      expect(await storage.read.subscriptions.countLiveSeats(id)).toBe(10);
      expect(storage.integrityCheck()).toBe('ok');
    } finally {
      await storage.close();
    }
  });
});
