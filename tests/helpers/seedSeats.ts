/**
 * Writes many seats straight into a server's database through the storage module (one
 * transaction, in bulk): 10,000 seats in well under a second, where the API would also send 10,000
 * welcome emails. Every third seat is bound and checked in (at distinct times), every thirtieth
 * suspended. Given a data folder, it opens that server's SQLite file (WAL lets the running server
 * read the seats at once); given a unit of work (an in-process test server's, or one on a shared
 * PostgreSQL database), it writes through it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DATABASE_FILE } from '../../server/src/services.js';
import { UnitOfWork } from '../../server/src/storage/unitOfWork.js';

export function seatEmail(i: number, domain = 'contoso.com'): string {
  return `user${String(i).padStart(5, '0')}@${domain}`;
}

export async function seedSeats(
  where: UnitOfWork | string,
  subscriptionId: string,
  count: number,
  options: { domain?: string; start?: number } = {},
): Promise<void> {
  const uow =
    typeof where === 'string' ? await UnitOfWork.open({ sqliteFile: path.join(where, DATABASE_FILE) }) : where;
  try {
    const start = options.start ?? Date.parse('2025-01-01T00:00:00Z');
    const rows = Array.from({ length: count }, (_, i) => {
      const email = seatEmail(i, options.domain);
      const bound = i % 3 === 0;
      return {
        id: randomUUID(),
        emailCanonical: email,
        emailDisplay: email,
        language: 'en',
        boundTenantId: bound ? 'seeded-tenant' : null,
        boundObjectId: bound ? `seeded-${i}` : null,
        assignedAt: start + i * 1000,
        lastCheckInAt: bound ? start + ((i * 7919) % 1_000_000) * 1000 : null,
        suspendedAt: i % 30 === 0 ? start : null,
      };
    });
    await uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      await tx.subscriptions.insertSeats(subscriptionId, rows);
    });
    await uow.updatePlannerStatistics();
  } finally {
    if (typeof where === 'string') await uow.close();
  }
}
