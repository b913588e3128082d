/**
 * Bench 8: a partner's customer list (P5) at 1,000 customers and 100,000 seats. p95 of
 * GET /api/v1/partners/:id/customers (authentication, staff check, search, filters, page, seat
 * counts, JSON) through HTTP versus the bare query (PartnerStorage.queryCustomers) on the same
 * file, same queries. Customers are written straight into the server's SQLite file through the
 * storage module, as tests/helpers/seedSeats.ts does for seats.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DATABASE_FILE } from '../server/src/services.js';
import type { CustomerQuery } from '../server/src/storage/partnerStorage.js';
import { Storage } from '../server/src/storage/storage.js';

const CUSTOMERS = 1_000;
const SEATS_PER_CUSTOMER = 100;
const DAY = 86_400_000;

/** 1,000 customer organisations of the partner, each with a subscription of 100 assigned seats; a third with a relationship. */
export function seedCustomers(dataDir: string, partnerId: string): void {
  const storage = Storage.open(path.join(dataDir, DATABASE_FILE));
  try {
    const now = Date.now();
    const statuses = ['active', 'active', 'trial', 'past_due', 'expired'] as const;
    storage.transaction(() => {
      for (let c = 0; c < CUSTOMERS; c++) {
        const organisationId = randomUUID();
        const domain = `customer${String(c).padStart(4, '0')}.example`;
        storage.insertOrganisation({ id: organisationId, tenantId: randomUUID(), name: domain, createdAt: now });
        const subscriptionId = randomUUID();
        storage.insertSubscription({ id: subscriptionId, organisationId, planId: 'monthly', quantity: SEATS_PER_CUSTOMER, status: statuses[c % statuses.length]!, periodStart: now - DAY, periodEnd: now + (c % 60) * DAY + DAY, ownerTenantId: randomUUID(), ownerObjectId: randomUUID(), ownerEmail: `owner@${domain}`, createdAt: now });
        storage.partners.setPartnerOfRecord(subscriptionId, partnerId);
        for (let s = 0; s < SEATS_PER_CUSTOMER; s++) storage.insertSeat({ id: randomUUID(), subscriptionId, emailCanonical: `user${s}@${domain}`, emailDisplay: `user${s}@${domain}`, language: 'en', assignedAt: now });
        if (c % 3 === 0) {
          storage.partners.insertRelationship(
            { id: randomUUID(), partnerId, subscriptionId, customerEmailCanonical: `owner@${domain}`, customerEmailDisplay: `owner@${domain}`, permissions: ['assign', 'view'], durationDays: 365, status: c % 2 === 0 ? 'active' : 'pending', language: 'en', requestedByEmail: 'staff@partner.example', requestedAt: now, requestExpiresAt: now + 90 * DAY, approvedAt: c % 2 === 0 ? now : null, approvedByEmail: null, expiresAt: c % 2 === 0 ? now + 365 * DAY : null, endedAt: null, endedByEmail: null },
            null,
          );
        }
      }
    });
  } finally {
    storage.close();
  }
}

/** What the partner's portal asks: pages through the list, searches, status, relationship and renewal filters. */
export function customerQueries(): CustomerQuery[] {
  const queries: CustomerQuery[] = [];
  const statuses = ['active', 'trial', 'past_due', 'expired'] as const;
  const relationships = ['active', 'pending', 'none'] as const;
  for (let i = 0; i < 400; i++) {
    const base = { offset: i % 4 === 0 ? ((i * 37) % 10) * 100 : 0, limit: 100 };
    if (i % 4 === 1) queries.push({ ...base, search: `customer0${String(i % 100).padStart(2, '0')}` });
    else if (i % 4 === 2) queries.push({ ...base, status: statuses[i % statuses.length]!, relationship: relationships[i % relationships.length]! });
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

/** Runs the comparison against a running server (its URL and data folder) and prints it. */
export async function partnerCustomersBench(server: { baseUrl: string; dataDir: string }): Promise<{ sqlP95: number; httpP95: number }> {
  const post = async (route: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.baseUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const token = (await post('/dev/idp/token', { email: 'owner@bench-partner.example' })).access_token as string;
  const headers = { authorization: `Bearer ${token}` };
  const partnerId = (await post('/api/v1/partners', { name: 'Bench Partner' }, headers)).id as string;
  seedCustomers(server.dataDir, partnerId);
  const queries = customerQueries();
  const url = (q: CustomerQuery) => `${server.baseUrl}/api/v1/partners/${partnerId}/customers?${customerQueryString(q)}`;
  const storage = Storage.open(path.join(server.dataDir, DATABASE_FILE));
  try {
    const p = (values: number[], share: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * share))] ?? 0;
    const timed = async (work: () => unknown) => {
      const start = process.hrtime.bigint();
      await work();
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    for (const q of queries.slice(0, 40)) {
      await (await fetch(url(q), { headers })).arrayBuffer();
      storage.partners.queryCustomers(partnerId, q, Date.now());
    }
    const http: number[] = [];
    const sql: number[] = [];
    let rows = 0;
    for (const q of queries) {
      http.push(await timed(async () => (rows += ((await (await fetch(url(q), { headers })).json()) as { items: unknown[] }).items.length)));
      sql.push(await timed(() => storage.partners.queryCustomers(partnerId, q, Date.now())));
    }
    console.log(`\nPartner customer list: ${CUSTOMERS} customers, ${CUSTOMERS * SEATS_PER_CUSTOMER} seats, ${queries.length} queries (pages, searches, status/relationship/renewal filters), up to 100 rows each, sequential`);
    console.log(`  bare SQLite query (PartnerStorage.queryCustomers): p50 ${p(sql, 0.5).toFixed(2)} ms, p95 ${p(sql, 0.95).toFixed(2)} ms`);
    console.log(`  GET /api/v1/partners/:id/customers over HTTP: p50 ${p(http, 0.5).toFixed(2)} ms, p95 ${p(http, 0.95).toFixed(2)} ms   [${rows} rows]`);
    console.log(`  ratio HTTP route / bare query, p95: ${(p(http, 0.95) / p(sql, 0.95)).toFixed(2)}`);
    return { sqlP95: p(sql, 0.95), httpP95: p(http, 0.95) };
  } finally {
    storage.close();
  }
}
