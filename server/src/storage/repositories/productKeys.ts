/**
 * Product keys: one aggregate. Keys a partner bought (only their SHA-256 stored, with a hint),
 * redeemed once each, and the grant a redeemed key made (its seats for so many of the
 * subscription's periods, and how many are used). The rules are ../../partners/keyRules.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface ProductKeyRow {
  id: string;
  partnerId: string;
  batchId: string;
  keyHint: string;
  planId: string;
  seats: number;
  termPeriods: number;
  status: 'unused' | 'redeemed';
  createdAt: number;
  expiresAt: number;
  redeemedAt: number | null;
  redeemedSubscriptionId: string | null;
  redeemedByEmail: string | null;
}

export interface KeyGrantRow {
  productKeyId: string;
  subscriptionId: string;
  seats: number;
  periods: number;
  periodsUsed: number;
  createdAt: number;
}

const KEY_COLUMNS = [
  'id',
  'partner_id as partnerId',
  'batch_id as batchId',
  'key_hint as keyHint',
  'plan_id as planId',
  'seats',
  'term_periods as termPeriods',
  'status',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'redeemed_at as redeemedAt',
  'redeemed_subscription_id as redeemedSubscriptionId',
  'redeemed_by_email as redeemedByEmail',
] as const;

export class ProductKeyRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insertProductKeys(rows: ReadonlyArray<{ row: ProductKeyRow; keyHash: string }>): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('product_keys')
      .values(
        rows.map(({ row, keyHash }) => ({
          id: row.id,
          partner_id: row.partnerId,
          batch_id: row.batchId,
          key_hash: keyHash,
          key_hint: row.keyHint,
          plan_id: row.planId,
          seats: row.seats,
          term_periods: row.termPeriods,
          status: row.status,
          created_at: row.createdAt,
          expires_at: row.expiresAt,
          redeemed_at: row.redeemedAt,
          redeemed_subscription_id: row.redeemedSubscriptionId,
          redeemed_by_email: row.redeemedByEmail,
        })),
      )
      .execute();
  }

  async findProductKeyByHash(keyHash: string): Promise<ProductKeyRow | undefined> {
    return (await this.db
      .selectFrom('product_keys')
      .select(KEY_COLUMNS)
      .where('key_hash', '=', keyHash)
      .executeTakeFirst()) as ProductKeyRow | undefined;
  }

  /** Marks a key used (only once: false when it was already redeemed). */
  async redeemProductKey(id: string, subscriptionId: string, email: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('product_keys')
      .set({ status: 'redeemed', redeemed_at: at, redeemed_subscription_id: subscriptionId, redeemed_by_email: email })
      .where('id', '=', id)
      .where('status', '=', 'unused')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async listProductKeys(partnerId: string, limit: number): Promise<ProductKeyRow[]> {
    return (await this.db
      .selectFrom('product_keys')
      .select(KEY_COLUMNS)
      .where('partner_id', '=', partnerId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute()) as ProductKeyRow[];
  }

  // --- grants ------------------------------------------------------------------------------

  async insertKeyGrant(row: KeyGrantRow): Promise<void> {
    await this.db
      .insertInto('key_grants')
      .values({
        product_key_id: row.productKeyId,
        subscription_id: row.subscriptionId,
        seats: row.seats,
        periods: row.periods,
        periods_used: row.periodsUsed,
        created_at: row.createdAt,
      })
      .execute();
  }

  /** Grants with periods still to pay, oldest first. */
  async openKeyGrants(subscriptionId: string): Promise<KeyGrantRow[]> {
    return this.db
      .selectFrom('key_grants')
      .select([
        'product_key_id as productKeyId',
        'subscription_id as subscriptionId',
        'seats',
        'periods',
        'periods_used as periodsUsed',
        'created_at as createdAt',
      ])
      .where('subscription_id', '=', subscriptionId)
      .whereRef('periods_used', '<', 'periods')
      .orderBy('created_at')
      .orderBy('product_key_id')
      .execute();
  }

  /** One more period of each of these grants paid a renewal. */
  async useKeyGrantPeriod(productKeyIds: readonly string[]): Promise<void> {
    if (productKeyIds.length === 0) return;
    await this.db
      .updateTable('key_grants')
      .set({ periods_used: sql`periods_used + 1` })
      .where('product_key_id', 'in', productKeyIds)
      .whereRef('periods_used', '<', 'periods')
      .execute();
  }

  /** Grants still to pay renewals move with the seats of a merged subscription. */
  async moveKeyGrants(fromSubscriptionId: string, toSubscriptionId: string): Promise<void> {
    await this.db
      .updateTable('key_grants')
      .set({ subscription_id: toSubscriptionId })
      .where('subscription_id', '=', fromSubscriptionId)
      .whereRef('periods_used', '<', 'periods')
      .execute();
  }
}
