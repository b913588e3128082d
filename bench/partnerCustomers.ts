/**
 * A partner's customer list (P5) at 1,000 customers and 100,000 seats: p95 of
 * GET /api/v1/partners/:id/customers over HTTP (authentication, staff check, search, filters,
 * page, seat counts, JSON) against the page query alone (the repository's `customerRows`: the same
 * query, customers and order, without the count of matches), with the storage method the route calls
 * (PartnerRepository.queryCustomers) as a third line. Customers are written straight into the
 * server's SQLite file through the storage module, as tests/helpers/seedSeats.ts does for seats.
 * Before timing, the floor must return the very customers the storage method returns.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DATABASE_FILE } from '../server/src/services.js';
import { UnitOfWork, type CustomerQuery } from '../server/src/storage/unitOfWork.js';
import { listRounds } from './listLatency.js';
import { postJson, startProductServer } from './servers.js';
import { machineLine, ratios, report, rounds as roundCount, summarize } from './stats.js';

const CUSTOMERS = 1_000;
const SEATS_PER_CUSTOMER = 100;
const DAY = 86_400_000;
const QUERIES = 100;

/** 1,000 customer organisations of the partner, each with a subscription of 100 assigned seats; a third with a relationship. */
export async function seedCustomers(dataDir: string, partnerId: string, customers = CUSTOMERS): Promise<void> {
  const uow = await UnitOfWork.open({ sqliteFile: path.join(dataDir, DATABASE_FILE) });
  try {
    const now = Date.now();
    const statuses = ['active', 'active', 'trial', 'past_due', 'expired'] as const;
    await uow.transaction(async (tx) => {
      for (let c = 0; c < customers; c++) {
        const organisationId = randomUUID();
        const domain = `customer${String(c).padStart(4, '0')}.example`;
        await tx.organisations.insert({ id: organisationId, tenantId: randomUUID(), name: domain, createdAt: now });
        const subscriptionId = randomUUID();
        await tx.subscriptions.insert({
          id: subscriptionId,
          organisationId,
          planId: 'monthly',
          quantity: SEATS_PER_CUSTOMER,
          status: statuses[c % statuses.length]!,
          periodStart: now - DAY,
          periodEnd: now + (c % 60) * DAY + DAY,
          ownerTenantId: randomUUID(),
          ownerObjectId: randomUUID(),
          ownerEmail: `owner@${domain}`,
          createdAt: now,
        });
        await tx.subscriptions.setPartnerOfRecord(subscriptionId, partnerId);
        const seats = Array.from({ length: SEATS_PER_CUSTOMER }, (_, s) => ({
          id: randomUUID(),
          emailCanonical: `user${s}@${domain}`,
          emailDisplay: `user${s}@${domain}`,
          language: 'en',
          boundTenantId: null,
          boundObjectId: null,
          assignedAt: now,
          lastCheckInAt: null,
          suspendedAt: null,
        }));
        await tx.subscriptions.insertSeats(subscriptionId, seats);
        if (c % 3 === 0) {
          await tx.partners.insertRelationship(
            {
              id: randomUUID(),
              partnerId,
              subscriptionId,
              customerEmailCanonical: `owner@${domain}`,
              customerEmailDisplay: `owner@${domain}`,
              permissions: ['assign', 'view'],
              durationDays: 365,
              status: c % 2 === 0 ? 'active' : 'pending',
              language: 'en',
              requestedByEmail: 'staff@partner.example',
              requestedAt: now,
              requestExpiresAt: now + 90 * DAY,
              approvedAt: c % 2 === 0 ? now : null,
              approvedByEmail: null,
              expiresAt: c % 2 === 0 ? now + 365 * DAY : null,
              endedAt: null,
              endedByEmail: null,
            },
            null,
          );
        }
      }
    });
  } finally {
    await uow.close();
  }
}

/** What the partner's portal asks: pages through the list, searches, status, relationship and renewal filters. */
export function customerQueries(): CustomerQuery[] {
  const queries: CustomerQuery[] = [];
  const statuses = ['active', 'trial', 'past_due', 'expired'] as const;
  const relationships = ['active', 'pending', 'none'] as const;
  for (let i = 0; i < QUERIES; i++) {
    const base = { offset: i % 4 === 0 ? ((i * 37) % 10) * 100 : 0, limit: 100 };
    if (i % 4 === 1) queries.push({ ...base, search: `customer0${String(i % 100).padStart(2, '0')}` });
    else if (i % 4 === 2)
      queries.push({
        ...base,
        status: statuses[i % statuses.length]!,
        relationship: relationships[i % relationships.length]!,
      });
    else if (i % 4 === 3) queries.push({ ...base, renewsBefore: Date.now() + (i % 30) * DAY, search: 'owner@' });
    else queries.push(base);
  }
  return queries;
}

export function customerQueryString(q: CustomerQuery): string {
  return new URLSearchParams({
    offset: String(q.offset),
    limit: String(q.limit),
    ...(q.search ? { search: q.search } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.relationship ? { relationship: q.relationship } : {}),
    ...(q.renewsBefore === undefined ? {} : { renewsBefore: new Date(q.renewsBefore).toISOString() }),
  }).toString();
}

export async function partnerCustomersBench(): Promise<boolean> {
  const rounds = roundCount(5);
  const server = await startProductServer();
  try {
    const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
      postJson(server.baseUrl, route, body, headers);
    const token = (await post('/dev/idp/token', { email: 'owner@bench-partner.example' })).access_token as string;
    const headers = { authorization: `Bearer ${token}` };
    const partnerId = (await post('/api/v1/partners', { name: 'Bench Partner' }, headers)).id as string;
    await seedCustomers(server.dataDir, partnerId);
    const queries = customerQueries();
    const url = (q: CustomerQuery) =>
      `${server.baseUrl}/api/v1/partners/${partnerId}/customers?${customerQueryString(q)}`;
    const file = path.join(server.dataDir, DATABASE_FILE);
    const storage = await UnitOfWork.open({ sqliteFile: file });
    const floor = (q: CustomerQuery, now: number) => storage.read.partners.customerRows(partnerId, q, now);
    try {
      // One clock for the three paths of a query, so that "active until" filters agree.
      const now = Date.now();
      const ids = (rows: unknown[]) => (rows as Array<{ subscriptionId: string }>).map((r) => r.subscriptionId).join();
      for (const q of queries) {
        if (ids(await floor(q, now)) !== ids((await storage.read.partners.queryCustomers(partnerId, q, now)).items))
          throw new Error(`the floor reads other customers than the route for ${JSON.stringify(q)}`);
      }
      const measured = await listRounds(rounds, queries, {
        route: async (q) => ((await (await fetch(url(q), { headers })).json()) as { items: unknown[] }).items.length,
        storage: (q) => storage.read.partners.queryCustomers(partnerId, q, Date.now()),
        floor: (q) => floor(q, Date.now()),
      });
      if (measured.some((m) => m.rows === 0)) throw new Error('the route returned no rows');
      const p = (key: 'routeP95' | 'floorP95' | 'routeP50' | 'floorP50' | 'storageP95') =>
        summarize(measured.map((m) => m[key])).median.toFixed(1);
      console.log(
        `\nPartner customer list: ${CUSTOMERS.toLocaleString('en')} customers, ${(CUSTOMERS * SEATS_PER_CUSTOMER).toLocaleString('en')} seats, ${queries.length} queries per round (pages, searches, status/relationship/renewal filters), up to 100 rows each, sequential; ${rounds} rounds`,
      );
      console.log(`  ${machineLine()}`);
      console.log(
        `  medians of the rounds' p95 (p50): route ${p('routeP95')} (${p('routeP50')}) ms; PartnerRepository.queryCustomers ${p('storageP95')} ms; page query alone ${p('floorP95')} (${p('floorP50')}) ms`,
      );
      console.log(
        report(
          'customer list route p95 ÷ page query alone p95',
          ratios(
            measured.map((m) => m.routeP95),
            measured.map((m) => m.floorP95),
          ),
          { goal: { atMost: 2 } },
        ),
      );
      console.log(
        report(
          'queryCustomers p95 ÷ page query alone p95 (its counts)',
          ratios(
            measured.map((m) => m.storageP95),
            measured.map((m) => m.floorP95),
          ),
        ),
      );
      return true;
    } finally {
      await storage.close();
    }
  } finally {
    await server.stop();
  }
}
