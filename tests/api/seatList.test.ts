/**
 * The seat list at scale (issue 12): a live-seat count kept in the same transaction as the seats
 * change, and keyset pages (`after` = the previous page's `next`) that read exactly the rows an
 * offset would, in every order, without skipping rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { seedSeats } from '../helpers/seedSeats.js';
import { buySubscription, startWithSubscription, type TestServer } from '../helpers/testServer.js';

interface SeatItem {
  email: string;
  status: string;
  lastCheckInAt: string | null;
}
interface Page {
  total: number;
  items: SeatItem[];
  next: string | null;
}

let server: TestServer;
let owner: string;
let subscriptionId: string;
beforeAll(async () => {
  ({ server, owner, subscriptionId } = await startWithSubscription(10));
});
afterAll(() => server.close());

/** The live seats of every subscription, as a COUNT and as kept, read on a connection of their own (SQLite's file, or the PostgreSQL database). */
async function counts(): Promise<Array<{ id: string; kept: number; counted: number }>> {
  const storage: UnitOfWork = await server.openStorage();
  try {
    return await storage.read.db
      .selectFrom('subscriptions')
      .select((eb) => [
        'id',
        'live_seats as kept',
        eb
          .selectFrom('seats')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('seats.subscription_id', '=', 'subscriptions.id')
          .where('seats.removed_at', 'is', null)
          .as('counted'),
      ])
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((row) => ({ id: row.id, kept: row.kept, counted: Number(row.counted) })));
  } finally {
    await storage.close();
  }
}

describe('the live-seat count', () => {
  it('follows every change of seats (assign, remove, transfer, suspend, consolidation) in the same transaction', async () => {
    const base = (id: string) => `/api/v1/subscriptions/${id}`;
    const assign = (id: string, emails: string[]) =>
      server.call('POST', `${base(id)}/assignments`, { token: owner, body: { emails } });
    const expectAgreement = async () => {
      const all = await counts();
      for (const row of all) expect(row.kept, `subscription ${row.id}`).toBe(row.counted);
      return new Map(all.map((row) => [row.id, row.kept]));
    };

    await assign(subscriptionId, ['a@contoso.com', 'b@contoso.com', 'c@contoso.com']);
    expect((await expectAgreement()).get(subscriptionId)).toBe(3);
    expect(
      (await server.call('DELETE', `${base(subscriptionId)}/assignments/b%40contoso.com`, { token: owner })).statusCode,
    ).toBe(204);
    expect(
      (
        await server.call('POST', `${base(subscriptionId)}/assignments/transfer`, {
          token: owner,
          body: { from: 'c@contoso.com', to: 'd@contoso.com' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await server.call('PATCH', `${base(subscriptionId)}/assignments/a%40contoso.com`, {
          token: owner,
          body: { suspended: true },
        })
      ).statusCode,
    ).toBe(200);
    expect((await expectAgreement()).get(subscriptionId)).toBe(2);
    // A refused assignment (no seat left) changes nothing.
    const full = await buySubscription(server, owner, 1);
    await assign(full, ['e@contoso.com', 'f@contoso.com']);
    expect((await expectAgreement()).get(full)).toBe(1);
    // Consolidation moves the seats into the target.
    const response = await server.call('POST', `${base(subscriptionId)}/consolidate`, {
      token: owner,
      body: { sources: [full] },
      headers: { 'idempotency-key': 'seat-count-consolidation-1' },
    });
    expect(response.statusCode).toBe(200);
    const after = await expectAgreement();
    expect([after.get(subscriptionId), after.get(full)]).toEqual([3, 0]);
    expect((await server.call('GET', base(subscriptionId), { token: owner })).json()).toMatchObject({ assigned: 3 });
  });
});

describe('keyset pages', () => {
  let listed: string;
  const page = async (id: string, query: Record<string, string>): Promise<Page> => {
    const response = await server.call(
      'GET',
      `/api/v1/subscriptions/${id}/seats?${new URLSearchParams(query).toString()}`,
      { token: owner },
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page>();
  };
  /** Every row of a query, page after page through the cursors. */
  const walk = async (id: string, query: Record<string, string>, limit: number) => {
    const rows: SeatItem[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const current: Page = await page(id, { ...query, limit: String(limit), ...(next ? { after: next } : {}) });
      rows.push(...current.items);
      next = current.next;
      pages++;
    } while (next);
    return { rows, pages };
  };

  beforeAll(async () => {
    listed = await buySubscription(server, owner, 700);
    // 700 seats: every third bound and checked in at scattered times, every thirtieth suspended (seedSeats).
    await seedSeats(server.services.uow, listed, 700);
  });

  it('read every row once, in the order one offset page gives, for every sort both ways and with a search', async () => {
    for (const sort of ['email', 'status', 'lastCheckIn', 'assignedAt']) {
      for (const order of ['asc', 'desc']) {
        for (const search of [undefined, 'user001', '3']) {
          const query = { sort, order, ...(search ? { search } : {}) };
          const whole = await page(listed, { ...query, limit: '1000' });
          expect(whole.next).toBeNull();
          const { rows, pages } = await walk(listed, query, 37);
          expect(
            rows.map((r) => r.email),
            JSON.stringify(query),
          ).toEqual(whole.items.map((r) => r.email));
          expect(pages).toBe(Math.max(1, Math.ceil(whole.items.length / 37)));
        }
      }
    }
  });

  it('give the exact total: the kept count, the matches of a search that fits a page, a count of a wider one', async () => {
    expect((await page(listed, { limit: '10' })).total).toBe(700);
    // user001xx: 100 addresses, all on one page of 100.
    expect((await page(listed, { search: 'user001', limit: '100' })).total).toBe(100);
    expect((await page(listed, { search: 'user001', limit: '30', offset: '90' })).total).toBe(100);
    expect((await page(listed, { search: 'user001', limit: '30', offset: '500' })).total).toBe(100);
    // "3" is in many addresses (user00003, user00013, …): more than a page, so counted.
    const wide = await page(listed, { search: '3', limit: '50' });
    expect(wide.total).toBe((await walk(listed, { search: '3' }, 1000)).rows.length);
    expect(wide.total).toBeGreaterThan(50);
    const second = await page(listed, { search: '3', limit: '50', after: wide.next! });
    expect(second.total).toBe(wide.total);
  });

  it('refuse a cursor of another order or search, a damaged one, and a cursor with an offset', async () => {
    const first = await page(listed, { sort: 'lastCheckIn', order: 'desc', limit: '5' });
    const refused = async (query: Record<string, string>) => {
      const response = await server.call(
        'GET',
        `/api/v1/subscriptions/${listed}/seats?${new URLSearchParams(query).toString()}`,
        { token: owner },
      );
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    };
    await refused({ sort: 'lastCheckIn', order: 'asc', after: first.next! });
    await refused({ sort: 'email', order: 'desc', after: first.next! });
    await refused({ sort: 'lastCheckIn', order: 'desc', search: 'x', after: first.next! });
    await refused({ sort: 'lastCheckIn', order: 'desc', after: first.next!, offset: '5' });
    await refused({ sort: 'lastCheckIn', order: 'desc', after: 'bm90LWpzb24' });
    await refused({
      sort: 'lastCheckIn',
      order: 'desc',
      after: Buffer.from(JSON.stringify([1, 'lastCheckIn', 1, '', 'soon', 'a@b'])).toString('base64url'),
    });
    await refused({ sort: 'lastCheckIn', order: 'desc', after: 'not base64!' });
  });

  it('show another organisation nothing, cursor or not', async () => {
    const stranger = await server.token('mallory@fabrikam.com');
    const first = await page(listed, { limit: '5' });
    const response = await server.call('GET', `/api/v1/subscriptions/${listed}/seats?limit=5&after=${first.next!}`, {
      token: stranger,
    });
    expect(response.statusCode).toBe(404);
  });
});
