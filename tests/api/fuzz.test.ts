/**
 * Property-based robustness of the API's input validation: random bodies, paths and headers on
 * every write route (enumerated with Fastify's onRoute hook, so a new route is fuzzed too) never
 * produce a 5xx, and a refused request changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';
import { JOURNAL_CATEGORIES } from '#shared/journal/journalActions.js';

let server: TestServer;
let owner: string;
let subscriptionId: string;
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
type WriteMethod = (typeof WRITE_METHODS)[number];
const writeRoutes: Array<{ method: WriteMethod; url: string }> = [];

beforeAll(async () => {
  server = await startTestServer(
    {
      INVITATION_RATE_PER_MINUTE: '1000000',
      LICENSE_CHECK_RATE_PER_MINUTE: '1000000',
      PURCHASE_RATE_PER_MINUTE: '1000000',
      DOMAIN_CHECK_RATE_PER_MINUTE: '1000000',
    },
    {
      onRoute: (route) => {
        for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
          if (WRITE_METHODS.includes(method as WriteMethod) && route.url.startsWith('/api/v1/'))
            writeRoutes.push({ method: method as WriteMethod, url: route.url });
        }
      },
    },
  );
  owner = await server.token('olivia@contoso.com');
  subscriptionId = await buySubscription(server, owner, 3);
  await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
    token: owner,
    body: { emails: ['anna@contoso.com'] },
  });
});
afterAll(() => server.close());

/** Everything a request could change, as one comparable value. */
async function snapshot(): Promise<string> {
  const read = server.services.uow.read;
  const subscription = (await read.subscriptions.find(subscriptionId))!;
  return JSON.stringify({
    subscription,
    seats: await read.subscriptions.querySeats(subscriptionId, {
      sort: 'email',
      descending: false,
      offset: 0,
      limit: 1000,
    }),
    delegates: await read.delegation.listDelegates(subscriptionId),
    invitations: await read.delegation.listPendingInvitations(subscriptionId),
    domains: await read.organisations.listDomains(subscription.organisationId),
    journal: (
      await read.journal.query(subscription.organisationId, null, { categories: JOURNAL_CATEGORIES, limit: 100_000 })
    ).length,
    owned: (await read.subscriptions.listOwnedBy(subscription.ownerTenantId, subscription.ownerObjectId)).length,
  });
}

/** A route pattern made concrete: the test's subscription, its seat, a domain, or a random id (mostly someone else's or nobody's). */
function concrete(pattern: string, otherId: string): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) =>
    name === 'id'
      ? subscriptionId
      : name === 'email'
        ? 'anna%40contoso.com'
        : name === 'domain'
          ? 'contoso.com'
          : otherId,
  );
}

/** Every write route, as [method, URL for a random id]. */
const routes = () =>
  writeRoutes.map(({ method, url }) => [method, (otherId: string) => concrete(url, otherId)] as const);

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
    name: fc.oneof(fc.string(), jsonValue),
    role: fc.oneof(fc.constantFrom('full', 'limited', 'owner'), fc.string()),
    kind: fc.oneof(fc.constantFrom('trial', 'purchase'), fc.string()),
    disabled: jsonValue,
    approved: jsonValue,
    sources: fc.oneof(fc.array(fc.uuid(), { maxLength: 3 }), jsonValue),
    subscriptionId: fc.oneof(fc.uuid(), fc.string()),
    code: fc.oneof(fc.string(), jsonValue),
    key: fc.oneof(fc.string(), jsonValue),
    seats: fc.oneof(fc.integer(), jsonValue),
    durationDays: fc.oneof(fc.integer(), jsonValue),
    prorationDate: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    expectedAmountMinor: fc.oneof(fc.integer(), fc.double()),
    extra: jsonValue,
  },
  { requiredKeys: [] },
);

describe('random requests (property)', () => {
  it('fuzz every write route of the API', () => {
    expect(writeRoutes.length).toBeGreaterThan(30);
    expect(writeRoutes).toContainEqual({ method: 'POST', url: '/api/v1/partners/:partnerId/product-keys' });
  });

  it('never answer 5xx, and refused ones change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes()),
        fc.oneof(jsonValue, nearlyValid),
        fc.oneof(fc.constant(true), fc.boolean()),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        fc.uuid(),
        async ([method, path], body, authenticated, idempotencyKey, otherId) => {
          const before = await snapshot();
          const response = await server.app.inject({
            method,
            url: path(otherId),
            headers: {
              ...(authenticated ? { authorization: `Bearer ${owner}` } : {}),
              ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
            },
            payload: body === null ? 'null' : (body as object),
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json()).toHaveProperty('error.code');
            expect(await snapshot()).toBe(before);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('never answer 5xx to random raw bodies and content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes()),
        fc.string({ unit: 'binary' }),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
        ),
        fc.uuid(),
        async ([method, path], raw, type, otherId) => {
          const before = await snapshot();
          const response = await server.app.inject({
            method,
            url: path(otherId),
            headers: { authorization: `Bearer ${owner}`, 'content-type': type },
            payload: raw,
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) expect(await snapshot()).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never answer 5xx to random path parameters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (id, email) => {
        const response = await server.app.inject({
          method: 'DELETE',
          url: `/api/v1/subscriptions/${encodeURIComponent(id)}/assignments/${encodeURIComponent(email)}`,
          headers: { authorization: `Bearer ${owner}` },
        });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
