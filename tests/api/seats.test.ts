import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buySubscription, startWithSubscription, type TestServer } from '../helpers/testServer.js';
import { JOURNAL_CATEGORIES } from '#shared/journal/journalActions.js';

let server: TestServer;
let owner: string;
let subscriptionId: string;
beforeAll(async () => {
  ({ server, owner, subscriptionId } = await startWithSubscription(3));
});
afterAll(() => server.close());

const assign = (emails: unknown, token = owner, id = subscriptionId, language?: string) =>
  server.call('POST', `/api/v1/subscriptions/${id}/assignments`, {
    token,
    body: { emails, ...(language ? { language } : {}) },
  });

describe('seat assignment', () => {
  it('reports a result per address and never exceeds the quantity', async () => {
    const response = await assign(
      [
        'anna@contoso.com',
        'ANNA@contoso.com',
        'not an address',
        'eve@elsewhere.org',
        'bob@contoso.com',
        'carl@contoso.com',
        'dora@contoso.com',
      ],
      owner,
      subscriptionId,
      'fr-CH',
    );
    expect(response.json()).toEqual({
      results: [
        { email: 'anna@contoso.com', result: 'assigned' },
        { email: 'ANNA@contoso.com', result: 'already_assigned' },
        { email: 'not an address', result: 'invalid' },
        { email: 'eve@elsewhere.org', result: 'domain_not_approved' },
        { email: 'bob@contoso.com', result: 'assigned' },
        { email: 'carl@contoso.com', result: 'assigned' },
        { email: 'dora@contoso.com', result: 'no_seat_left' },
      ],
    });
    const detail = (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: owner })).json<{
      assigned: number;
    }>();
    expect(detail.assigned).toBe(3);
    const seats = (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, { token: owner })).json<{
      total: number;
      items: Array<{ email: string; status: string }>;
    }>();
    expect(seats.total).toBe(3);
    expect(seats.items.map((s) => [s.email, s.status])).toEqual([
      ['anna@contoso.com', 'pending'],
      ['bob@contoso.com', 'pending'],
      ['carl@contoso.com', 'pending'],
    ]);
  });

  it('sends each assigned person a welcome email in the chosen language, through nodemailer into the outbox', async () => {
    const outbox = (await server.call('GET', '/dev/outbox/messages')).json<
      Array<{ to: string; subject: string; html: string; kind: string }>
    >();
    const welcome = outbox.filter((m) => m.kind === 'welcome');
    expect(welcome.map((m) => m.to).sort()).toEqual(['anna@contoso.com', 'bob@contoso.com', 'carl@contoso.com']);
    expect(welcome[0]?.subject).toBe('Ta licence Outmerge est prête');
    expect(welcome[0]?.html).toContain(`${server.services.config.publicUrl}/portal.html#/it-help`);
  });

  it('frees the seat when removed, and journals both changes', async () => {
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/assignments/carl%40contoso.com`, {
          token: owner,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/assignments/carl%40contoso.com`, {
          token: owner,
        })
      ).json(),
    ).toMatchObject({ error: { code: 'ASSIGNMENT_NOT_FOUND' } });
    expect((await assign(['dora@contoso.com'])).json()).toEqual({
      results: [{ email: 'dora@contoso.com', result: 'assigned' }],
    });
    const subscription = (await server.services.uow.read.subscriptions.find(subscriptionId))!;
    const actions = (
      await server.services.uow.read.journal.query(subscription.organisationId, null, {
        categories: JOURNAL_CATEGORIES,
        limit: 1000,
      })
    ).map((e) => `${e.action} ${e.target ?? ''}`.trim());
    expect(actions).toEqual([
      `subscription.purchased ${subscriptionId}`,
      'seat.assigned anna@contoso.com',
      'seat.assigned bob@contoso.com',
      'seat.assigned carl@contoso.com',
      'seat.unassigned carl@contoso.com',
      'seat.assigned dora@contoso.com',
    ]);
  });

  it('isolates organisations: another owner sees nothing and changes nothing', async () => {
    const stranger = await server.token('mallory@fabrikam.com');
    await buySubscription(server, stranger, 1);
    expect((await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: stranger })).statusCode).toBe(
      404,
    );
    expect((await assign(['x@contoso.com'], stranger)).json()).toMatchObject({
      error: { code: 'SUBSCRIPTION_NOT_FOUND' },
    });
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/assignments/anna%40contoso.com`, {
          token: stranger,
        })
      ).statusCode,
    ).toBe(404);
    const list = (await server.call('GET', '/api/v1/subscriptions', { token: stranger })).json<{
      subscriptions: Array<{ id: string }>;
    }>();
    expect(list.subscriptions.map((s) => s.id)).not.toContain(subscriptionId);
    // A plain user of the same organisation is not an administrator either.
    const colleague = await server.token('anna@contoso.com');
    expect((await assign(['y@contoso.com'], colleague)).statusCode).toBe(404);
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: owner })).json<{
        assigned: number;
      }>().assigned,
    ).toBe(3);
  });

  it.each([
    ['no token', undefined, { emails: ['a@contoso.com'] }, 401],
    ['an empty list', 'owner', { emails: [] }, 400],
    ['not a list', 'owner', { emails: 'a@contoso.com' }, 400],
    ['an unknown field', 'owner', { emails: ['a@contoso.com'], admin: true }, 400],
  ])('refuses %s', async (_, who, body, status) => {
    const response = await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      ...(who ? { token: owner } : {}),
      body,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toHaveProperty('error.code');
  });

  it('answers 400, not 500, for a malformed subscription id or JSON body', async () => {
    expect((await server.call('GET', '/api/v1/subscriptions/not-a-uuid', { token: owner })).statusCode).toBe(400);
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscriptionId}/assignments`,
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      payload: '{"emails": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toHaveProperty('error.code');
  });
});
