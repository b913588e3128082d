import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.token('buyer@contoso.com');
});
afterAll(() => server.close());

const buy = (body: unknown, key: string | null = `k-${Math.random().toString(36).slice(2)}`, as = token) =>
  server.call('POST', '/api/v1/checkout', { token: as, body, headers: key === null ? {} : { 'idempotency-key': key } });

const subscriptionCount = async (as = token) =>
  (await server.call('GET', '/api/v1/subscriptions', { token: as })).json<{ subscriptions: unknown[] }>().subscriptions
    .length;

describe('POST /api/v1/checkout', () => {
  it('creates an active subscription owned by the buyer and charges quantity × unit price', async () => {
    const response = await buy({ plan: 'monthly', quantity: 5, card: '4242424242424242' });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ subscriptionId: string; amountMinor: number; currency: string }>();
    expect(body).toMatchObject({ plan: 'monthly', quantity: 5, amountMinor: 2500, currency: 'EUR', status: 'active' });
    const detail = (await server.call('GET', `/api/v1/subscriptions/${body.subscriptionId}`, { token })).json();
    expect(detail).toMatchObject({
      id: body.subscriptionId,
      quantity: 5,
      assigned: 0,
      owner: 'buyer@contoso.com',
      role: 'owner',
      permissions: ['assign', 'view', 'quantity', 'billing'],
    });
    expect((await server.call('GET', `/api/v1/subscriptions/${body.subscriptionId}/seats`, { token })).json()).toEqual({
      total: 0,
      items: [],
      next: null,
    });
  });

  it('replays the first answer for a repeated Idempotency-Key and charges once', async () => {
    const before = await subscriptionCount();
    const first = await buy({ plan: 'annual', quantity: 2, card: '4242 4242 4242 4242' }, 'same-key-123');
    const second = await buy({ plan: 'annual', quantity: 2, card: '4242 4242 4242 4242' }, 'same-key-123');
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await subscriptionCount()).toBe(before + 1);
    const reused = await buy({ plan: 'annual', quantity: 3, card: '4242 4242 4242 4242' }, 'same-key-123');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('keys are per buyer: another person may use the same key', async () => {
    const other = await server.token('someone@fabrikam.com');
    expect(
      (await buy({ plan: 'monthly', quantity: 1, card: '4242424242424242' }, 'same-key-123', other)).statusCode,
    ).toBe(201);
  });

  it('refuses a declined card with a stable code and creates nothing; the replay is refused the same way', async () => {
    const before = await subscriptionCount();
    const declined = await buy({ plan: 'monthly', quantity: 3, card: '4000 0000 0000 0002' }, 'declined-key-1');
    expect(declined.statusCode).toBe(402);
    expect(declined.json()).toMatchObject({
      error: { code: 'PAYMENT_DECLINED', details: { reason: 'card_declined' } },
    });
    expect((await buy({ plan: 'monthly', quantity: 3, card: '4000 0000 0000 0002' }, 'declined-key-1')).json()).toEqual(
      declined.json(),
    );
    expect((await buy({ plan: 'monthly', quantity: 3, card: '4000000000009995' })).json()).toMatchObject({
      error: { details: { reason: 'insufficient_funds' } },
    });
    expect(await subscriptionCount()).toBe(before);
  });

  it.each([
    ['no key', { plan: 'monthly', quantity: 1, card: '4242424242424242' }, null, 400, 'IDEMPOTENCY_KEY_MISSING'],
    [
      'a short key',
      { plan: 'monthly', quantity: 1, card: '4242424242424242' },
      'short',
      400,
      'IDEMPOTENCY_KEY_MISSING',
    ],
    ['an unknown plan', { plan: 'gold', quantity: 1, card: '4242424242424242' }, undefined, 400, 'PLAN_UNKNOWN'],
    ['zero seats', { plan: 'monthly', quantity: 0, card: '4242424242424242' }, undefined, 400, 'VALIDATION_FAILED'],
    [
      'a fractional quantity',
      { plan: 'monthly', quantity: 1.5, card: '4242424242424242' },
      undefined,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an extra field',
      { plan: 'monthly', quantity: 1, card: '4242424242424242', price: 0 },
      undefined,
      400,
      'VALIDATION_FAILED',
    ],
    ['an unknown card', { plan: 'monthly', quantity: 1, card: '1234' }, undefined, 400, 'PAYMENT_CARD_INVALID'],
  ])('refuses %s with %s', async (_, body, key, status, code) => {
    const before = await subscriptionCount();
    const response = await buy(body, key === undefined ? `k-${Math.random()}` : key);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { code } });
    expect(await subscriptionCount()).toBe(before);
  });

  it('lets a key whose card was unusable be used again with a corrected card', async () => {
    expect((await buy({ plan: 'monthly', quantity: 1, card: '1234' }, 'fix-card-key')).statusCode).toBe(400);
    expect((await buy({ plan: 'monthly', quantity: 1, card: '4242424242424242' }, 'fix-card-key')).statusCode).toBe(
      201,
    );
  });

  it('lists plans in integer minor units, with the graduated volume tiers, the tax rate and the limits of a trial', async () => {
    expect((await server.call('GET', '/api/v1/plans')).json()).toEqual({
      currency: 'EUR',
      taxRateBp: 0,
      plans: [
        {
          id: 'monthly',
          interval: 'month',
          unitPriceMinor: 500,
          tiers: [
            { from: 1, to: 9, unitPriceMinor: 500 },
            { from: 10, to: null, unitPriceMinor: 400 },
          ],
        },
        {
          id: 'annual',
          interval: 'year',
          unitPriceMinor: 5000,
          tiers: [
            { from: 1, to: 9, unitPriceMinor: 5000 },
            { from: 10, to: null, unitPriceMinor: 4000 },
          ],
        },
      ],
      trial: { maxSeats: 25, maxDays: 30 },
    });
  });
});
