/**
 * Charge claims (Idempotency-Keys): a request claims its key in the transaction that validates it,
 * together with what recording the provider's answer needs (`pending`) and a lease; the answer is
 * stored when the charge is recorded, and replayed for the same key. A claim whose lease ran out
 * (its process died between charging and recording) is taken over and reconciled with the
 * provider (../billing/idempotentCharge.ts). Part of the storage module: reached through
 * `Storage.claims`, on the same connection and transactions.
 */
import type Database from 'better-sqlite3';

export interface ClaimRow {
  scope: string;
  key: string;
  requestHash: string;
  /** The stored answer once recorded; null while the claim is open. */
  statusCode: number | null;
  body: string | null;
  kind: string | null;
  pending: string | null;
  claimToken: string | null;
  leaseUntil: number | null;
  createdAt: number;
}

const COLUMNS = `scope, key, request_hash AS requestHash, status_code AS statusCode, response_body AS body, kind, pending,
  claim_token AS claimToken, lease_until AS leaseUntil, created_at AS createdAt`;

export class ClaimStorage {
  constructor(private readonly db: Database.Database) {}

  find(scope: string, key: string): ClaimRow | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM idempotency_keys WHERE scope = ? AND key = ?`).get(scope, key) as ClaimRow | undefined;
  }

  /** Whether a request with this key already has a stored answer (a replay must get it, even if what it bought changed since). */
  answered(scope: string, key: string): boolean {
    return this.db.prepare('SELECT 1 FROM idempotency_keys WHERE scope = ? AND key = ? AND status_code IS NOT NULL').get(scope, key) !== undefined;
  }

  insert(row: { scope: string; key: string; requestHash: string; kind: string; pending: string | null; claimToken: string; leaseUntil: number; createdAt: number }): void {
    this.db
      .prepare('INSERT INTO idempotency_keys (scope, key, request_hash, kind, pending, claim_token, lease_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.scope, row.key, row.requestHash, row.kind, row.pending, row.claimToken, row.leaseUntil, row.createdAt);
  }

  /** Stores the answer of an open claim; false when the claim is no longer open. */
  complete(scope: string, key: string, statusCode: number, body: unknown): boolean {
    return this.db.prepare('UPDATE idempotency_keys SET status_code = ?, response_body = ?, lease_until = NULL WHERE scope = ? AND key = ? AND status_code IS NULL').run(statusCode, JSON.stringify(body), scope, key).changes === 1;
  }

  /** Replaces a stored answer (a payment the bank confirmed later answers with its final outcome). */
  replaceAnswer(scope: string, key: string, statusCode: number, body: unknown): void {
    this.db.prepare('UPDATE idempotency_keys SET status_code = ?, response_body = ?, lease_until = NULL WHERE scope = ? AND key = ?').run(statusCode, JSON.stringify(body), scope, key);
  }

  /** Frees an open claim held with `claimToken` (nothing was charged): the same key may be used again. */
  release(scope: string, key: string, claimToken: string): boolean {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status_code IS NULL AND claim_token = ?').run(scope, key, claimToken).changes === 1;
  }

  /** Takes over an open claim whose lease ran out (or that predates leases); false when it is live or answered. */
  takeOver(scope: string, key: string, claimToken: string, now: number, leaseUntil: number): boolean {
    return (
      this.db
        .prepare('UPDATE idempotency_keys SET claim_token = ?, lease_until = ? WHERE scope = ? AND key = ? AND status_code IS NULL AND (lease_until IS NULL OR lease_until <= ?)')
        .run(claimToken, leaseUntil, scope, key, now).changes === 1
    );
  }

  /** Open claims whose lease ran out, oldest first. */
  stale(now: number, limit: number): Array<{ scope: string; key: string }> {
    return this.db
      .prepare('SELECT scope, key FROM idempotency_keys WHERE status_code IS NULL AND (lease_until IS NULL OR lease_until <= ?) ORDER BY created_at LIMIT ?')
      .all(now, limit) as Array<{ scope: string; key: string }>;
  }
}
