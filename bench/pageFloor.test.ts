import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../server/src/services.js';
import { UnitOfWork, type SeatQuery } from '../server/src/storage/unitOfWork.js';
import { seedSeats } from '../tests/helpers/seedSeats.js';
import { customerQueries, seedCustomers } from './partnerCustomers.js';

describe('the list benches’ floor (the page’s rows alone) reads the same page as the storage method the routes call', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-bench-pages-'));
  const file = path.join(dir, DATABASE_FILE);
  const subscriptionId = randomUUID();
  const partnerId = randomUUID();
  let storage: UnitOfWork;

  beforeAll(async () => {
    const setup = await UnitOfWork.open({ sqliteFile: file });
    const now = Date.now();
    const organisationId = randomUUID();
    await setup.transaction(async (tx) => {
      await tx.organisations.insert({
        id: organisationId,
        tenantId: randomUUID(),
        name: 'contoso.example',
        createdAt: now,
      });
      await tx.subscriptions.insert({
        id: subscriptionId,
        organisationId,
        planId: 'annual',
        quantity: 600,
        status: 'active',
        periodStart: now,
        periodEnd: now + 86_400_000,
        ownerTenantId: randomUUID(),
        ownerObjectId: randomUUID(),
        ownerEmail: 'owner@contoso.example',
        createdAt: now,
      });
      await tx.partners.insertPartner({
        id: partnerId,
        organisationId,
        advisorCode: 'BENCH01',
        name: 'Bench Partner',
        contactEmail: 'owner@contoso.example',
        language: 'en',
        createdAt: now,
      });
    });
    await setup.close();
    await seedSeats(dir, subscriptionId, 600);
    await seedCustomers(dir, partnerId, 40);
    storage = await UnitOfWork.open({ sqliteFile: file });
  });
  afterAll(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('for seats: every sort both ways, offsets and searches', async () => {
    for (const sort of ['email', 'status', 'lastCheckIn', 'assignedAt'] as const) {
      for (const descending of [false, true]) {
        for (const extra of [
          { offset: 0 },
          { offset: 250 },
          { offset: 0, search: 'user001' },
          { offset: 0, search: '50_' },
        ]) {
          const query: SeatQuery = { sort, descending, limit: 100, ...extra };
          const expected = (await storage.read.subscriptions.querySeats(subscriptionId, query)).items;
          expect(await storage.read.subscriptions.seatRows(subscriptionId, query)).toEqual(expected);
        }
      }
    }
  });

  it('for a partner’s customers: pages, searches, status, relationship and renewal filters', async () => {
    const now = Date.now();
    let compared = 0;
    for (const query of [
      ...customerQueries(),
      { offset: 10, limit: 20 },
      { relationship: 'expired' as const, offset: 0, limit: 100 },
      { relationship: 'ended' as const, offset: 0, limit: 100 },
    ]) {
      const expected = (await storage.read.partners.queryCustomers(partnerId, query, now)).items;
      expect(await storage.read.partners.customerRows(partnerId, query, now)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
