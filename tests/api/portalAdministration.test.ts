/**
 * What the portal and the pane's admin view ask of the API beyond A2–A7's basics: the seat list
 * of a 1,200-seat subscription searched, sorted and paged with strict query validation (A4); the
 * dashboard's delegates for those who may see them (A1); ownership handed over by address; the
 * journal newest first (A7); the caller's own seat and whom to ask (A8); the admin-consent link
 * for the caller's tenant (A10).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyLicenseView, SeatView, SubscriptionView } from '#shared/api/views.js';
import { GRAPH_PERMISSIONS, graphScopeUri } from '#shared/api/graphScopes.js';
import { invitationToken } from '../helpers/outbox.js';
import { startWithSubscription, type TestServer } from '../helpers/testServer.js';

const SEATS = 1200;
let server: TestServer;
let owner: string;
let subscriptionId: string;

type Page = { total: number; items: SeatView[] };

/** 1,200 seats written in one transaction: every third checked in (at distinct times), every tenth of those suspended. */
async function seedSeats(): Promise<void> {
  const start = Date.parse('2025-01-01T00:00:00Z');
  const rows = Array.from({ length: SEATS }, (_, i) => {
    const email = `user${String(i).padStart(4, '0')}@contoso.com`;
    const bound = i % 3 === 0;
    return {
      id: randomUUID(),
      emailCanonical: email,
      emailDisplay: email,
      language: 'en',
      boundTenantId: bound ? 'seeded-tenant' : null,
      boundObjectId: bound ? `oid-${i}` : null,
      assignedAt: start + i * 1000,
      lastCheckInAt: bound ? start + ((i * 7919) % 100_000) * 1000 : null,
      suspendedAt: i % 30 === 0 ? start : null,
    };
  });
  await server.services.uow.transaction(async (tx) => {
    await tx.subscriptions.lock(subscriptionId);
    await tx.subscriptions.insertSeats(subscriptionId, rows);
  });
}

const url = (path: string) => `/api/v1/subscriptions/${subscriptionId}${path}`;
const seats = async (query: string, token = owner): Promise<Page> => {
  const response = await server.call('GET', url(`/seats?${query}`), { token });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
};

beforeAll(async () => {
  ({ server, owner, subscriptionId } = await startWithSubscription(SEATS + 10));
  await seedSeats();
});
afterAll(() => server.close());

describe('seat list: search, sort, paging (A4)', () => {
  it('pages through every seat exactly once, in order, with a stable total', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < SEATS; offset += 500) {
      const page = await seats(`sort=email&limit=500&offset=${offset}`);
      expect(page.total).toBe(SEATS);
      seen.push(...page.items.map((s) => s.email));
    }
    expect(seen).toHaveLength(SEATS);
    expect(new Set(seen).size).toBe(SEATS);
    expect(seen).toEqual([...seen].sort());
    expect((await seats('offset=5000')).items).toEqual([]);
  });

  it('searches case-insensitively within the address, counting every match, with LIKE wildcards taken literally', async () => {
    const page = await seats('search=USER012&limit=5');
    expect(page.total).toBe(10);
    expect(page.items.map((s) => s.email)).toEqual([
      'user0120@contoso.com',
      'user0121@contoso.com',
      'user0122@contoso.com',
      'user0123@contoso.com',
      'user0124@contoso.com',
    ]);
    expect((await seats('search=user_12')).total).toBe(0);
    expect((await seats('search=%25')).total).toBe(0);
    expect((await seats('search=nobody')).items).toEqual([]);
  });

  it('sorts by status both ways: pending, active, suspended', async () => {
    const rank = { pending: 1, active: 2, suspended: 3, expired: 4 } as const;
    for (const order of ['asc', 'desc'] as const) {
      const all: SeatView[] = [];
      for (let offset = 0; offset < SEATS; offset += 1000)
        all.push(...(await seats(`sort=status&order=${order}&limit=1000&offset=${offset}`)).items);
      const ranks = all.map((s) => rank[s.status]);
      expect(ranks).toEqual([...ranks].sort((a, b) => (order === 'asc' ? a - b : b - a)));
      expect(new Set(all.map((s) => s.status))).toEqual(new Set(['pending', 'active', 'suspended']));
    }
    expect((await seats('sort=status&order=desc&limit=1')).items[0]!.status).toBe('suspended');
  });

  it('sorts by last check-in: most recent first descending (never last), never-checked-in first ascending', async () => {
    const newest = (await seats('sort=lastCheckIn&order=desc&limit=400')).items;
    const times = newest.filter((s) => s.lastCheckInAt).map((s) => Date.parse(s.lastCheckInAt!));
    expect(times).toHaveLength(400);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const tail = (await seats(`sort=lastCheckIn&order=desc&limit=1&offset=${SEATS - 1}`)).items[0]!;
    expect(tail.lastCheckInAt).toBeNull();
    expect((await seats('sort=lastCheckIn&order=asc&limit=1')).items[0]!.lastCheckInAt).toBeNull();
  });

  it('sorts by assignment date, combined with a search', async () => {
    const page = await seats('sort=assignedAt&order=desc&search=user00&limit=3');
    expect(page.total).toBe(100);
    expect(page.items.map((s) => s.email)).toEqual([
      'user0099@contoso.com',
      'user0098@contoso.com',
      'user0097@contoso.com',
    ]);
  });

  it.each([
    ['limit=0'],
    ['limit=1001'],
    ['limit=-1'],
    ['limit=ten'],
    ['offset=-5'],
    ['offset=1.5'],
    ['sort=password'],
    ['order=up'],
    ['q=user'],
    [`search=${'a'.repeat(321)}`],
  ])('refuses %s with 400 VALIDATION_FAILED', async (query) => {
    const response = await server.call('GET', url(`/seats?${query}`), { token: owner });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('shows another organisation nothing: 404 for the seat list', async () => {
    const stranger = await server.token('owner@fabrikam.com');
    const response = await server.call('GET', url('/seats?search=user'), { token: stranger });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'SUBSCRIPTION_NOT_FOUND' } });
  });
});

describe('dashboard, ownership, journal', () => {
  let viewer: string;
  let assigner: string;

  async function delegate(email: string, permissions: string[]): Promise<string> {
    expect(
      (await server.call('POST', url('/delegates'), { token: owner, body: { email, permissions } })).statusCode,
    ).toBe(201);
    const token = await server.token(email);
    expect(
      (
        await server.call('POST', '/api/v1/invitations/accept', {
          token,
          body: { token: await invitationToken(server, email) },
        })
      ).statusCode,
    ).toBe(200);
    return token;
  }

  beforeAll(async () => {
    viewer = await delegate('vera@contoso.com', ['view']);
    assigner = await delegate('alex@contoso.com', ['assign']);
  });

  it('lists the delegates and their permissions to the owner and to delegates who may view, to nobody else', async () => {
    const list = async (token: string) =>
      (await server.call('GET', '/api/v1/subscriptions', { token })).json<{ subscriptions: SubscriptionView[] }>()
        .subscriptions[0]!;
    const expected = [
      { email: 'alex@contoso.com', permissions: ['assign'] },
      { email: 'vera@contoso.com', permissions: ['view'] },
    ];
    expect((await list(owner)).delegates).toEqual(expected);
    expect((await list(viewer)).delegates).toEqual(expected);
    const forAssigner = await list(assigner);
    expect(forAssigner).not.toHaveProperty('delegates');
    expect(forAssigner).toMatchObject({
      quantity: SEATS + 10,
      assigned: SEATS,
      owner: 'olivia@contoso.com',
      role: 'delegate',
    });
  });

  it('hands ownership to a delegate named by address; refuses an address that is not a delegate, and both id and address at once', async () => {
    const notDelegate = await server.call('POST', url('/ownership'), {
      token: owner,
      body: { email: 'someone@contoso.com' },
    });
    expect(notDelegate.statusCode).toBe(404);
    expect(notDelegate.json()).toMatchObject({ error: { code: 'DELEGATE_NOT_FOUND' } });
    const both = await server.call('POST', url('/ownership'), {
      token: owner,
      body: { email: 'vera@contoso.com', delegateId: randomUUID() },
    });
    expect(both.statusCode).toBe(400);
    expect((await server.call('POST', url('/ownership'), { token: owner, body: {} })).statusCode).toBe(400);
    expect(
      (await server.call('POST', url('/ownership'), { token: viewer, body: { email: 'vera@contoso.com' } })).statusCode,
    ).toBe(403);

    expect(
      (await server.call('POST', url('/ownership'), { token: owner, body: { email: 'VERA@contoso.com' } })).statusCode,
    ).toBe(204);
    const asVera = (await server.call('GET', url(''), { token: viewer })).json<SubscriptionView>();
    expect(asVera).toMatchObject({ owner: 'vera@contoso.com', role: 'owner' });
    // And back, so the rest of the file keeps its owner.
    expect(
      (await server.call('POST', url('/ownership'), { token: viewer, body: { email: 'olivia@contoso.com' } }))
        .statusCode,
    ).toBe(204);
  });

  it('answers the journal newest first on request, with the same filters', async () => {
    const journal = async (query: string) =>
      (await server.call('GET', url(`/journal?${query}`), { token: owner })).json<{
        entries: Array<{ id: number; action: string }>;
      }>().entries;
    const oldest = await journal('limit=2');
    const newest = await journal('limit=2&order=desc');
    expect(oldest[0]!.id).toBeLessThan(oldest[1]!.id);
    expect(newest[0]!.id).toBeGreaterThan(newest[1]!.id);
    expect(newest[0]!.action).toBe('ownership.transferred');
    expect((await journal('order=desc&action=invitation.accepted')).map((e) => e.action)).toEqual([
      'invitation.accepted',
      'invitation.accepted',
    ]);
    expect((await server.call('GET', url('/journal?order=newest'), { token: owner })).statusCode).toBe(400);
  });
});

describe('about the signed-in person (A8, A10)', () => {
  it('tells a seat holder their status and whom to ask, only once their seat is bound to them', async () => {
    const me = async (token: string) =>
      (await server.call('GET', '/api/v1/me/license', { token })).json<MyLicenseView>();
    expect(
      (await server.call('POST', url('/assignments'), { token: owner, body: { emails: ['sam@contoso.com'] } }))
        .statusCode,
    ).toBe(200);
    const sam = await server.token('sam@contoso.com');
    // Not yet checked in: nothing about the subscription is told.
    expect(await me(sam)).toEqual({ seat: null, administers: 0 });
    await server.call('POST', '/api/v1/license/check', { token: sam, body: { nonce: 'nonce-0123456789abcdef' } });
    expect(await me(sam)).toEqual({
      seat: {
        status: 'active',
        plan: 'monthly',
        subscriptionStatus: 'active',
        contact: 'olivia@contoso.com',
        assignedAt: expect.any(String) as string,
      },
      administers: 0,
    });
    await server.call('PATCH', url('/assignments/sam%40contoso.com'), { token: owner, body: { suspended: true } });
    expect((await me(sam)).seat?.status).toBe('suspended');
    await server.call('DELETE', url('/assignments/sam%40contoso.com'), { token: owner });
    expect((await me(sam)).seat?.status).toBe('removed');
    expect(await me(owner)).toEqual({ seat: null, administers: 1 });
    expect(await me(await server.token('nobody@fabrikam.com'))).toEqual({ seat: null, administers: 0 });
    expect((await server.call('GET', '/api/v1/me/license')).statusCode).toBe(401);
  });

  it("builds the admin-consent link for the caller's tenant from configuration, never from the Host header", async () => {
    const token = await server.token('it@fabrikam.com', { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
    const response = await server.call('GET', '/api/v1/me/admin-consent', { token, headers: { host: 'evil.example' } });
    expect(response.statusCode).toBe(200);
    const { tenantId, url: link } = response.json<{ tenantId: string; url: string }>();
    expect(tenantId).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
    const parsed = new URL(link);
    // Office's NAA publish guide: the v2.0 endpoint with an explicit scope list (every permission the README registers).
    expect(`${parsed.origin}${parsed.pathname}`).toBe(
      'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/adminconsent',
    );
    const { clientId, apiScope } = server.services.config.identity;
    expect(parsed.searchParams.get('client_id')).toBe(clientId);
    expect(parsed.searchParams.get('scope')?.split(' ')).toEqual([
      'openid',
      'profile',
      'offline_access',
      ...GRAPH_PERMISSIONS.map(graphScopeUri),
      `api://${clientId}/${apiScope}`,
    ]);
    expect(parsed.searchParams.get('redirect_uri')).toBe(`${server.services.config.publicUrl}/portal.html`);
    expect(link).not.toContain('evil.example');
    expect((await server.call('GET', '/api/v1/me/admin-consent')).statusCode).toBe(401);
  });
});
