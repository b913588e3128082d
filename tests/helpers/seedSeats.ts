/**
 * Writes many seats straight into a server's SQLite file through the storage module (one
 * BEGIN IMMEDIATE transaction, WAL lets the running server read them at once): 10,000 seats in
 * well under a second, where the API would also send 10,000 welcome emails. Every third seat is
 * checked in (at distinct times), every thirtieth suspended.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DATABASE_FILE } from '../../server/src/services.js';
import { Storage } from '../../server/src/storage/storage.js';

export function seatEmail(i: number, domain = 'contoso.com'): string {
  return `user${String(i).padStart(5, '0')}@${domain}`;
}

export function seedSeats(dataDir: string, subscriptionId: string, count: number, options: { domain?: string; start?: number } = {}): void {
  const storage = Storage.open(path.join(dataDir, DATABASE_FILE));
  try {
    const start = options.start ?? Date.parse('2025-01-01T00:00:00Z');
    storage.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = randomUUID();
        const email = seatEmail(i, options.domain);
        storage.insertSeat({ id, subscriptionId, emailCanonical: email, emailDisplay: email, language: 'en', assignedAt: start + i * 1000 });
        if (i % 3 === 0) {
          storage.bindSeat(id, 'seeded-tenant', `seeded-${i}`);
          storage.recordCheckIn(id, start + ((i * 7919) % 1_000_000) * 1000);
        }
        if (i % 30 === 0) storage.setSeatSuspended(id, start);
      }
    });
  } finally {
    storage.close();
  }
}
