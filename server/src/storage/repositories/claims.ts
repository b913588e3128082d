/**
 * Charge claims (Idempotency-Keys): a request claims its key in the transaction that validates it,
 * together with what recording the provider's answer needs (`pending`) and a lease; the answer is
 * stored when the charge is recorded, and replayed for the same key. A claim whose lease ran out
 * (its process died between charging and recording) is taken over and reconciled with the
 * provider (../../billing/idempotentCharge.ts). Taking a key is the insert itself: two instances
 * claiming one key meet at its primary key, and `lock` makes the loser wait for the winner's
 * outcome instead of failing.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

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

const COLUMNS = [
  'scope',
  'key',
  'request_hash as requestHash',
  'status_code as statusCode',
  'response_body as body',
  'kind',
  'pending',
  'claim_token as claimToken',
  'lease_until as leaseUntil',
  'created_at as createdAt',
] as const;

export class ClaimRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async find(scope: string, key: string): Promise<ClaimRow | undefined> {
    return this.db
      .selectFrom('idempotency_keys')
      .select(COLUMNS)
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /** Reads the key's claim and locks it until the transaction ends (`SELECT … FOR UPDATE`). */
  async lock(scope: string, key: string): Promise<ClaimRow | undefined> {
    return this.db
      .selectFrom('idempotency_keys')
      .select(COLUMNS)
      .where('scope', '=', scope)
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Whether a request with this key already has a stored answer (a replay must get it, even if what it bought changed since). */
  async answered(scope: string, key: string): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('status_code', 'is not', null)
        .executeTakeFirst()) !== undefined
    );
  }

  /**
   * Claims the key; false when another transaction claimed it first (committed, or still open:
   * PostgreSQL then waits for it to end). Nothing is aborted either way, so the caller can read
   * the claim that stands and answer from it.
   */
  async insert(row: {
    scope: string;
    key: string;
    requestHash: string;
    kind: string;
    pending: string | null;
    claimToken: string;
    leaseUntil: number;
    createdAt: number;
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('idempotency_keys')
      .values({
        scope: row.scope,
        key: row.key,
        request_hash: row.requestHash,
        kind: row.kind,
        pending: row.pending,
        claim_token: row.claimToken,
        lease_until: row.leaseUntil,
        created_at: row.createdAt,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  /** Stores the answer of an open claim; false when the claim is no longer open. */
  async complete(scope: string, key: string, statusCode: number, body: unknown): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({ status_code: statusCode, response_body: JSON.stringify(body), lease_until: null })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status_code', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Replaces a stored answer (a payment the bank confirmed later answers with its final outcome). */
  async replaceAnswer(scope: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ status_code: statusCode, response_body: JSON.stringify(body), lease_until: null })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  }

  /** Frees an open claim held with `claimToken` (nothing was charged): the same key may be used again. */
  async release(scope: string, key: string, claimToken: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status_code', 'is', null)
      .where('claim_token', '=', claimToken)
      .executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** Takes over an open claim whose lease ran out (or that predates leases); false when it is live or answered. */
  async takeOver(scope: string, key: string, claimToken: string, now: number, leaseUntil: number): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({ claim_token: claimToken, lease_until: leaseUntil })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status_code', 'is', null)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Open claims whose lease ran out, oldest first. */
  async stale(now: number, limit: number): Promise<Array<{ scope: string; key: string }>> {
    return this.db
      .selectFrom('idempotency_keys')
      .select(['scope', 'key'])
      .where('status_code', 'is', null)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }
}
