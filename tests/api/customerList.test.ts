/**
 * A partner's customer list (P5) without a count per row (issue 12): the seats come from the kept
 * live-seat count; the total of matches from a count over only what the filters read, which must
 * agree with the rows the page query finds for every filter.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

interface Customers {
  total: number;
  items: Array<{ subscriptionId: string; organisation: string; status: string; assigned: number }>;
}

let server: TestServer;
let token: string;
let partnerId: string;
const CUSTOMERS = 30;
const seatsOf = (c: number) => c % 4;
const statusOf = (c: number) => (['active', 'trial', 'past_due'] as const)[c % 3]!;
const relationshipOf = (c: number) => (c % 5 === 0 ? 'active' : c % 5 === 1 ? 'pending' : null);

beforeAll(async () => {
  server = await startTestServer();
  token = await server.token('owner@partner.example');
  partnerId = (await server.call('POST', '/api/v1/partners', { token, body: { name: 'Partner' } })).json<{
    id: string;
  }>().id;
  // Customers written through the storage module, as the bench seeds them: the API would need a purchase per customer.
  const now = Date.now();
  await server.services.uow.transaction(async (tx) => {
    for (let c = 0; c < CUSTOMERS; c++) {
      const organisationId = randomUUID();
      const domain = `customer${String(c).padStart(2, '0')}.example`;
      await tx.organisations.insert({ id: organisationId, tenantId: randomUUID(), name: domain, createdAt: now });
      const subscriptionId = randomUUID();
      await tx.subscriptions.insert({
        id: subscriptionId,
        organisationId,
        planId: 'monthly',
        quantity: 5,
        status: statusOf(c),
        periodStart: now,
        periodEnd: now + 86_400_000,
        ownerTenantId: randomUUID(),
        ownerObjectId: randomUUID(),
        ownerEmail: `owner@${domain}`,
        createdAt: now,
      });
      await tx.subscriptions.setPartnerOfRecord(subscriptionId, partnerId);
      const relationship = relationshipOf(c);
      if (relationship)
        await tx.partners.insertRelationship(
          {
            id: randomUUID(),
            partnerId,
            subscriptionId,
            customerEmailCanonical: `owner@${domain}`,
            customerEmailDisplay: `owner@${domain}`,
            permissions: ['assign', 'view'],
            durationDays: 365,
            status: relationship,
            language: 'en',
            requestedByEmail: 'staff@partner.example',
            requestedAt: now,
            requestExpiresAt: now + 90 * 86_400_000,
            approvedAt: relationship === 'active' ? now : null,
            approvedByEmail: null,
            expiresAt: relationship === 'active' ? now + 365 * 86_400_000 : null,
            endedAt: null,
            endedByEmail: null,
          },
          null,
        );
      for (let s = 0; s < seatsOf(c); s++)
        await tx.subscriptions.insertSeat({
          id: randomUUID(),
          subscriptionId,
          emailCanonical: `user${s}@${domain}`,
          emailDisplay: `user${s}@${domain}`,
          language: 'en',
          assignedAt: now,
        });
    }
  });
});
afterAll(() => server.close());

const list = async (query: Record<string, string>): Promise<Customers> => {
  const response = await server.call(
    'GET',
    `/api/v1/partners/${partnerId}/customers?${new URLSearchParams(query).toString()}`,
    { token },
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Customers>();
};

describe('the partner customer list', () => {
  it('gives the total of matches on every page, also past the last one', async () => {
    for (const offset of [0, 10, 25, 29, 30, 45]) {
      const page = await list({ offset: String(offset), limit: '10' });
      expect(page.total, `offset ${offset}`).toBe(CUSTOMERS);
      expect(page.items).toHaveLength(Math.max(0, Math.min(10, CUSTOMERS - offset)));
    }
    const trials = Array.from({ length: CUSTOMERS }, (_, c) => c).filter((c) => statusOf(c) === 'trial').length;
    expect((await list({ status: 'trial', limit: '3' })).total).toBe(trials);
    expect((await list({ status: 'trial', limit: '3', offset: '100' })).total).toBe(trials);
    expect((await list({ search: 'customer1', limit: '100' })).total).toBe(10);
    expect((await list({ search: 'nobody', limit: '100' })).total).toBe(0);
  });

  it('counts what the page query finds, for each filter and their combinations', async () => {
    const filters: Array<Record<string, string>> = [
      {},
      { relationship: 'active' },
      { relationship: 'pending' },
      { relationship: 'none' },
      { relationship: 'active', status: 'active' },
      { relationship: 'none', search: 'customer2' },
      { status: 'past_due', search: 'owner@' },
      { renewsBefore: new Date(Date.now() + 2 * 86_400_000).toISOString(), relationship: 'pending' },
    ];
    for (const filter of filters) {
      // All matches on one page, and the total from the count (a page of two is full, so it counts).
      const all = await list({ ...filter, limit: '100' });
      expect(all.total, JSON.stringify(filter)).toBe(all.items.length);
      expect((await list({ ...filter, limit: '2' })).total, JSON.stringify(filter)).toBe(all.items.length);
    }
    expect((await list({ relationship: 'active', limit: '100' })).items).toHaveLength(6);
    expect((await list({ relationship: 'none', limit: '2' })).total).toBe(18);
  });

  it('shows each customer’s live seats, following removals', async () => {
    const all = (await list({ limit: '100' })).items;
    expect(all.map((c) => c.assigned)).toEqual(all.map((c) => seatsOf(Number(c.organisation.slice(8, 10)))));
    const customer = all.find((c) => c.assigned === 3)!;
    const seat = (await server.services.uow.read.subscriptions.listLiveSeats(customer.subscriptionId))[0]!;
    await server.services.uow.transaction((tx) => tx.subscriptions.removeSeat(seat.id, Date.now()));
    expect((await list({ search: customer.organisation, limit: '100' })).items[0]).toMatchObject({
      subscriptionId: customer.subscriptionId,
      assigned: 2,
    });
  });
});
