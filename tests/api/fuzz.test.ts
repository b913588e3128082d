/**
 * Property-based robustness of the API's input validation: random bodies, paths and headers on
 * every write route never produce a 5xx, and a refused request changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';
import { JOURNAL_CATEGORIES } from '../../shared/src/journal/journalActions.js';

let server: TestServer;
let owner: string;
let subscriptionId: string;

beforeAll(async () => {
  server = await startTestServer({ INVITATION_RATE_PER_MINUTE: '1000000', LICENSE_CHECK_RATE_PER_MINUTE: '1000000' });
  owner = await server.token('olivia@contoso.com');
  subscriptionId = await buySubscription(server, owner, 3);
  await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, { token: owner, body: { emails: ['anna@contoso.com'] } });
});
afterAll(() => server.close());

/** Everything a request could change, as one comparable value. */
function snapshot(): string {
  const storage = server.services.storage;
  const subscription = storage.findSubscription(subscriptionId)!;
  return JSON.stringify({
    subscription,
    seats: storage.querySeats(subscriptionId, { sort: 'email', descending: false, offset: 0, limit: 1000 }),
    delegates: storage.listDelegates(subscriptionId),
    invitations: storage.listPendingInvitations(subscriptionId),
    domains: storage.listDomains(subscription.organisationId),
    journal: storage.journal.query(subscription.organisationId, null, { categories: JOURNAL_CATEGORIES, limit: 100_000 }).length,
    owned: storage.listSubscriptionsOwnedBy(subscription.ownerTenantId, subscription.ownerObjectId).length,
  });
}

const ROUTES = [
  ['POST', () => '/api/v1/license/check'],
  ['POST', () => '/api/v1/checkout'],
  ['POST', () => `/api/v1/subscriptions/${subscriptionId}/assignments`],
  ['POST', () => `/api/v1/subscriptions/${subscriptionId}/assignments/transfer`],
  ['PATCH', () => `/api/v1/subscriptions/${subscriptionId}/assignments/anna%40contoso.com`],
  ['POST', () => `/api/v1/subscriptions/${subscriptionId}/delegates`],
  ['POST', () => '/api/v1/invitations/accept'],
  ['POST', () => `/api/v1/subscriptions/${subscriptionId}/ownership`],
  ['POST', () => `/api/v1/subscriptions/${subscriptionId}/domains`],
] as const;

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const nearlyValid = fc.record(
  {
    emails: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.string(), jsonValue),
    email: fc.oneof(fc.string(), jsonValue),
    permissions: fc.oneof(fc.array(fc.string(), { maxLength: 5 }), jsonValue),
    plan: fc.oneof(fc.constantFrom('monthly', 'annual'), fc.string()),
    quantity: fc.oneof(fc.integer(), fc.double(), fc.string()),
    card: fc.oneof(fc.constant('4000000000000002'), fc.string()),
    token: fc.oneof(fc.string(), jsonValue),
    nonce: fc.oneof(fc.string(), jsonValue),
    from: fc.string(),
    to: fc.string(),
    suspended: jsonValue,
    delegateId: fc.oneof(fc.uuid(), fc.string()),
    domain: fc.oneof(fc.string(), jsonValue),
    extra: jsonValue,
  },
  { requiredKeys: [] },
);

describe('random requests (property)', () => {
  it('never answer 5xx, and refused ones change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(jsonValue, nearlyValid),
        fc.oneof(fc.constant(true), fc.boolean()),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        async ([method, path], body, authenticated, idempotencyKey) => {
          const before = snapshot();
          const response = await server.app.inject({
            method,
            url: path(),
            headers: { ...(authenticated ? { authorization: `Bearer ${owner}` } : {}), ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }) },
            payload: body === null ? 'null' : (body as object),
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json()).toHaveProperty('error.code');
            expect(snapshot()).toBe(before);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('never answer 5xx to random raw bodies and content types', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.string({ unit: 'binary' }), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'), async ([method, path], raw, type) => {
        const before = snapshot();
        const response = await server.app.inject({ method, url: path(), headers: { authorization: `Bearer ${owner}`, 'content-type': type }, payload: raw });
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode >= 400) expect(snapshot()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('never answer 5xx to random path parameters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (id, email) => {
        const response = await server.app.inject({ method: 'DELETE', url: `/api/v1/subscriptions/${encodeURIComponent(id)}/assignments/${encodeURIComponent(email)}`, headers: { authorization: `Bearer ${owner}` } });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
